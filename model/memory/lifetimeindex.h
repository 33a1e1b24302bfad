#pragma once
// Which of N lifetimes [begin, end) contain a moment k, fast enough to step through a trace of
// millions of events one key press at a time. Checkpoints hold the items alive at chosen moments;
// a query copies the nearest checkpoint at or before k, drops what ended by k and adds what began
// after the checkpoint. Checkpoints are spaced by block starts, at least max(kMinSpacing, the
// number alive at the checkpoint) apart, so the stored lists never exceed the number of items
// (each list is paid for by the starts before the next checkpoint) and a query costs
// O(alive + spacing), whatever the trace's length.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ts::model {

class LifetimeIndex
{
public:
    static constexpr int64_t kForever = INT64_MAX; // an end that never comes
    static constexpr uint32_t kMinSpacing = 4096;

    // Item i is alive at k when begins[i] <= k < ends[i]; an item with end <= begin never is.
    void build(std::vector<int64_t> begins, std::vector<int64_t> ends);

    // The items alive at k, in no particular order.
    std::vector<uint32_t> aliveAt(int64_t k) const;

    size_t size() const { return m_ends.size(); }
    size_t checkpointCount() const { return m_checkpoints.size(); }

private:
    struct Checkpoint
    {
        int64_t at = 0;        // the moment this list describes
        size_t firstStart = 0; // position in m_startOrder of the first begin > at
        std::vector<uint32_t> alive;
    };

    std::vector<int64_t> m_ends;        // by item
    std::vector<uint32_t> m_startOrder; // items by begin (then by index)
    std::vector<int64_t> m_startBegin;  // begins in m_startOrder's order
    std::vector<Checkpoint> m_checkpoints;
};

} // namespace ts::model

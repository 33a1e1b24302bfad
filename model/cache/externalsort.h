#pragma once
// An external merge sort, so the cache writer's memory does not grow with the input. Items
// arrive in any order and are buffered up to a run's worth; each full buffer is sorted (on the
// caller's thread, while the child is still parsing) and appended as one sorted run to a
// SpillFile; finish() merges the runs back. Memory: one run's buffer while adding, a small read
// buffer per run while merging. A single run stays in memory and never touches the disk.

#include "cache/spillfile.h"

#include <QString>

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace ts::model {

template <typename T, typename Less> class ExternalSort
{
    static_assert(std::is_trivially_copyable_v<T>, "items are written to disk as bytes");

public:
    static constexpr size_t kDefaultRunBytes = size_t(8) << 20;
    static constexpr size_t kDefaultReadBytes = size_t(128) << 10; // per run while merging, at most
    // The merge's read buffers share this, so more runs (a larger input) means smaller reads,
    // not more memory; no read is smaller than kMinReadBytes.
    static constexpr size_t kMergeBytes = size_t(4) << 20;
    static constexpr size_t kMinReadBytes = size_t(16) << 10;

    explicit ExternalSort(QString tempDir, size_t runBytes = kDefaultRunBytes,
                          size_t readBytes = kDefaultReadBytes)
        : m_file(std::move(tempDir)), m_runItems(std::max<size_t>(1, runBytes / sizeof(T))),
          m_readItems(std::max<size_t>(1, readBytes / sizeof(T)))
    {}

    // False on an I/O error (error() says which).
    bool add(const T &item)
    {
        m_buffer.push_back(item);
        ++m_count;
        return m_buffer.size() < m_runItems || spill();
    }
    // Ends the input and starts the merge.
    bool finish();
    // The next item in sorted order; false at the end or on a read error (see error()).
    bool next(T *out);
    uint64_t count() const { return m_count; }
    QString error() const { return m_file.error(); }

private:
    struct Run
    {
        uint64_t nextRead, end; // item indexes in the file
        std::vector<T> buffer;
        size_t at = 0;
    };
    bool spill();
    bool refill(Run &run);
    // Heap order: the run whose current item sorts first is on top.
    bool after(uint32_t a, uint32_t b) const
    {
        const Run &ra = m_runs[a], &rb = m_runs[b];
        return Less()(rb.buffer[rb.at], ra.buffer[ra.at]);
    }

    SpillFile m_file;
    size_t m_runItems, m_readItems;
    uint64_t m_count = 0;
    std::vector<T> m_buffer;
    std::vector<Run> m_runs;
    std::vector<uint32_t> m_heap;
    bool m_inMemory = false;
    size_t m_memAt = 0;
};

template <typename T, typename Less> bool ExternalSort<T, Less>::spill()
{
    if (m_buffer.empty())
        return true;
    std::sort(m_buffer.begin(), m_buffer.end(), Less());
    const uint64_t first = m_file.size() / sizeof(T);
    if (!m_file.append(m_buffer.data(), m_buffer.size() * sizeof(T)))
        return false;
    m_runs.push_back(Run{first, first + m_buffer.size(), {}, 0});
    m_buffer.clear();
    return true;
}

template <typename T, typename Less> bool ExternalSort<T, Less>::refill(Run &run)
{
    const uint64_t n = std::min<uint64_t>(m_readItems, run.end - run.nextRead);
    run.buffer.resize(size_t(n));
    run.at = 0;
    if (!m_file.read(run.nextRead * sizeof(T), run.buffer.data(), size_t(n) * sizeof(T)))
        return false;
    run.nextRead += n;
    return true;
}

template <typename T, typename Less> bool ExternalSort<T, Less>::finish()
{
    if (m_runs.empty()) {
        std::sort(m_buffer.begin(), m_buffer.end(), Less());
        m_inMemory = true;
        return true;
    }
    if (!spill())
        return false;
    std::vector<T>().swap(m_buffer);
    const size_t share = std::max(kMinReadBytes, kMergeBytes / m_runs.size()) / sizeof(T);
    m_readItems = std::max<size_t>(1, std::min(m_readItems, share));
    for (uint32_t i = 0; i < m_runs.size(); ++i) {
        if (!refill(m_runs[i]))
            return false;
        m_heap.push_back(i);
    }
    std::make_heap(m_heap.begin(), m_heap.end(),
                   [this](uint32_t a, uint32_t b) { return after(a, b); });
    return true;
}

template <typename T, typename Less> bool ExternalSort<T, Less>::next(T *out)
{
    if (m_inMemory) {
        if (m_memAt == m_buffer.size()) {
            std::vector<T>().swap(m_buffer);
            m_memAt = 0;
            return false;
        }
        *out = m_buffer[m_memAt++];
        return true;
    }
    if (m_heap.empty())
        return false;
    auto order = [this](uint32_t a, uint32_t b) { return after(a, b); };
    std::pop_heap(m_heap.begin(), m_heap.end(), order);
    Run &run = m_runs[m_heap.back()];
    *out = run.buffer[run.at++];
    if (run.at == run.buffer.size()) {
        if (run.nextRead == run.end) {
            std::vector<T>().swap(run.buffer);
            m_heap.pop_back();
            return true;
        }
        if (!refill(run)) {
            m_heap.clear();
            return false;
        }
    }
    std::push_heap(m_heap.begin(), m_heap.end(), order);
    return true;
}

} // namespace ts::model

#pragma once
// An external sort of the staged slices, so the writer's memory does not grow with the input.
// Slices arrive unsorted; they are buffered up to kRunSlices, each full buffer is sorted (on the
// writer's thread, while the child is still parsing) and appended as one sorted run to an
// anonymous file in the cache folder (O_TMPFILE, 0640; where unsupported a named file that is
// unlinked at once), and finish() merges the runs back in (track, ts, dur DESC, arrival) order.
// A small input never touches the disk: a single run stays in memory.

#include <QString>

#include <cstdint>
#include <vector>

namespace ts::model {

struct StagedSlice
{
    int64_t ts;
    int64_t dur;
    int64_t argId; // 0: none
    uint32_t track;
    uint32_t name;
    uint32_t category;
    uint32_t sequence; // arrival order, 0-based
};

class SliceRuns
{
public:
    static constexpr size_t kRunSlices = size_t(1) << 18; // 10 MiB of buffer
    static constexpr size_t kReadSlices = 4096;           // per run while merging

    explicit SliceRuns(QString tempDir) : m_tempDir(std::move(tempDir)) {}
    ~SliceRuns();
    SliceRuns(const SliceRuns &) = delete;
    SliceRuns &operator=(const SliceRuns &) = delete;

    // False on an I/O error (error() says which).
    bool add(const StagedSlice &s)
    {
        m_buffer.push_back(s);
        return m_buffer.size() < kRunSlices || spill();
    }
    // Ends the input and starts the merge.
    bool finish();
    // The next slice in sorted order; false at the end (or on a read error: see error()).
    bool next(StagedSlice *out);
    uint64_t count() const { return m_count; }
    QString error() const { return m_error; }

private:
    struct Run
    {
        uint64_t first; // slice index in the file
        uint64_t end;   // one past its last
        uint64_t nextRead;
        std::vector<StagedSlice> buffer;
        size_t at = 0;
    };
    bool spill();
    bool openFile();
    bool refill(Run &run);
    bool fail(const QString &what);

    QString m_tempDir;
    QString m_error;
    int m_fd = -1;
    uint64_t m_spilled = 0; // slices in the file
    uint64_t m_count = 0;
    std::vector<StagedSlice> m_buffer;
    std::vector<Run> m_runs;
    std::vector<uint32_t> m_heap; // run indexes, min-heap on the current slice
    bool m_inMemory = false;
    size_t m_memAt = 0;
};

bool stagedBefore(const StagedSlice &a, const StagedSlice &b);

} // namespace ts::model

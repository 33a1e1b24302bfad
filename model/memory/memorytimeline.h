#pragma once
// What the Memory view draws, from the memory tables of one cache (memoryschema.sql): per
// device, every allocation of the device trace as an interval, and the allocated and reserved
// totals as step curves. Built once by load() in a worker; read-only afterwards, so any thread
// may query it without locks.
//
// x is either ns since the epoch (MemoryAxis::Time) or the entry's index in its device trace
// (MemoryAxis::Sequence); both are kept and every query names the one it means. Intervals are
// half-open: an allocation is live at x when start(axis) <= x < end(axis). Each axis has a
// trace range [start, end) with end one past the last event, so an allocation never freed ends
// at end and one freed before anything was allocated starts at start.
//
// Matching: an `alloc` opens an allocation at its address; a `free_completed` at that address
// closes the oldest open one there (event order). A `free_requested` marks it and, when no
// completion follows, is where it ends. A free with nothing open at its address (mem_event
// .before_trace, or an unflagged orphan) is an allocation made before the trace began.
//
// Level of detail happens at query time, like TimelineData: each curve carries a min/max tree,
// so envelope() costs O(pixels · log n) whatever the zoom, and never loses a peak.
//
// A PyTorch Profiler trace has no allocations, only the [memory] events' totals: its devices
// (fromProfiler) carry the allocated and reserved curves and their peaks, and nothing else
// (profilermemory.h). Stacks are read on a thread of their own (memorystacks.h): the first frame
// needs none, and stack() waits for them.

#include <QHash>
#include <QString>
#include <QVector>

#include <cstdint>
#include <future>
#include <memory>
#include <vector>

namespace ts::model {

class Database;

enum class MemoryAxis { Time = 0, Sequence = 1 };

enum MemoryAllocationFlag : uint8_t {
    kAllocNeverFreed = 1,        // still live at the trace's end: ends there
    kAllocBeforeTrace = 2,       // allocated before the trace began: starts at its start
    kAllocFreeRequestedOnly = 4, // free requested, never completed: ends at the request
};

struct MemoryAllocation
{
    int64_t allocTime = 0, freeTime = 0; // ns since the epoch (the sequence when no times)
    int64_t allocSeq = 0, freeSeq = 0;   // index in the device trace
    // When the free was requested (free_requested), which may come before freeSeq (its
    // free_completed, on another stream's sync). Equal to the free when no request was seen.
    int64_t freeRequestedTime = 0, freeRequestedSeq = 0;
    uint64_t address = 0; // bytes
    uint64_t size = 0;    // bytes
    uint64_t stream = 0;  // raw cudaStream_t
    qint64 stackId = 0;   // stack.id, 0 = none
    uint8_t flags = 0;    // MemoryAllocationFlag

    int64_t start(MemoryAxis a) const { return a == MemoryAxis::Time ? allocTime : allocSeq; }
    int64_t end(MemoryAxis a) const { return a == MemoryAxis::Time ? freeTime : freeSeq; }
    bool isLiveAt(MemoryAxis a, int64_t x) const { return start(a) <= x && x < end(a); }
};

struct MemoryFrame
{
    QString name;
    QString file;
    int line = 0;
};

// A value of a curve and the first x where it is reached.
struct MemoryPeak
{
    int64_t bytes = 0;
    int64_t x = 0;
};

// One pixel column of envelope(): the lowest and highest total in force within it.
struct MemoryEnvelopeColumn
{
    int64_t min = 0;
    int64_t max = 0;
};

// A step curve: value[i] holds from x[i] until x[i + 1]; 0 before x[0]. x strictly increasing.
struct MemoryCurve
{
    std::vector<int64_t> x;
    std::vector<int64_t> value;
    std::vector<int64_t> treeMin, treeMax; // bottom-up segment trees over value (2n entries)

    int64_t at(int64_t at) const;
    // min and max of value[first..last], inclusive.
    void range(size_t first, size_t last, int64_t *lo, int64_t *hi) const;
    void buildTree();
};

// An external annotation of the snapshot (e.g. Optimizer.step START / END).
struct MemoryAnnotation
{
    int64_t x[2] = {0, 0}; // by MemoryAxis: ts, and the seq of the first event at or after ts
    bool start = false;    // START; else END
    QString name;
};

// Where the allocator ran out of memory: a trace's oom entry.
struct MemoryOom
{
    int64_t x[2] = {0, 0}; // by MemoryAxis
    uint64_t bytes = 0;    // what the failed request asked for
};

struct MemoryDevice
{
    int device = 0;            // snapshot: the CUDA device index; profiler: the process's pid
    QString label;             // how to name it: "GPU 0", or the profiler trace's "GPU 1", "CPU"
    bool fromProfiler = false; // curves from a profiler trace's [memory] series, no allocations
    bool dumpOnly = false;     // a snapshot without a trace: the dump's blocks at one moment
    bool hasTime = false;      // false: the Time axis falls back to the sequence
    int64_t start[2] = {0, 0}; // by MemoryAxis: the trace's range [start, end)
    int64_t end[2] = {0, 0};
    std::vector<MemoryAllocation> allocations; // in the order their alloc (or free) came
    std::vector<uint32_t> neverFreed;          // indexes into allocations
    MemoryCurve allocated[2], reserved[2];     // by MemoryAxis
    MemoryPeak peakAllocated[2], peakReserved[2];
    // Snapshot annotations with a time, ordered by x[Time]; none when the trace has no times.
    std::vector<MemoryAnnotation> annotations;
    std::vector<MemoryOom> ooms; // in trace order
    // By allocation: who owns it (msMemScope's Attr owner, "A@B@C"); empty when the source
    // names no owners.
    std::vector<QString> owners;
    // By allocation: the dump rows it comes from — msMemScope: the cache (its index among the
    // sources) and memscope_event.id of the MALLOC and of the FREE, -1 when none; empty when
    // the source has no such rows.
    struct SourceEvents
    {
        int source = -1;
        int64_t alloc = -1, free = -1;
    };
    std::vector<SourceEvents> sourceEvents;
    // msMemScope: the blocks whose MALLOC's Attr names an inefficiency (`inefficient`:
    // early_allocation, late_deallocation, temporary_idleness), as indexes into allocations;
    // the reason is the first frame of their stack.
    std::vector<uint32_t> inefficient;
};

class MemoryStacks;
struct AscendMemorySource;
struct MemScopeSources;

class MemoryTimeline
{
public:
    // False with *error when the cache cannot be read or holds neither a memory snapshot nor a
    // profiler trace's [memory] series.
    bool load(const QString &cachePath, QString *error);
    // The memory of Ascend ranks (ascend/ascendmemory.h): memory_record curves and operator
    // allocations, from the caches of one or more ranks. False with *error when none holds any.
    bool loadAscend(const QList<AscendMemorySource> &sources, QString *error);
    // msMemScope dumps (memscope/memscopememory.h): per device and allocator, the blocks as
    // bands and their running sum. Defined in memscopememory.cpp.
    bool loadMemScope(const MemScopeSources &sources, QString *error);

    QVector<int> devices() const; // device indexes with a trace, ascending
    // nullptr when the device has no trace.
    const MemoryDevice *device(int device) const;
    const std::vector<MemoryAllocation> &allocations(int device) const;
    int64_t start(int device, MemoryAxis axis) const;
    int64_t end(int device, MemoryAxis axis) const;

    int64_t allocatedAt(int device, MemoryAxis axis, int64_t x) const;
    int64_t reservedAt(int device, MemoryAxis axis, int64_t x) const;
    MemoryPeak peakAllocated(int device, MemoryAxis axis) const;
    MemoryPeak peakReserved(int device, MemoryAxis axis) const;
    // Indexes into allocations(device) live at x, largest first (equal sizes: earlier first).
    std::vector<uint32_t> liveAt(int device, MemoryAxis axis, int64_t x) const;
    std::vector<uint32_t> neverFreed(int device) const;
    // The allocated total over [x0, x1) in `columns` equal columns: min/max per column.
    std::vector<MemoryEnvelopeColumn> envelope(int device, MemoryAxis axis, int64_t x0, int64_t x1,
                                               int columns) const;

    // Innermost first; empty for an unknown stack. Unknown frame ids read as "??". The first
    // call may wait for the stacks to finish loading.
    QVector<MemoryFrame> stack(qint64 stackId) const;

private:
    bool loadSnapshot(const Database &db, QString *error);
    void addDevices(std::vector<MemoryDevice> devices);

    std::vector<MemoryDevice> m_devices; // ascending by device
    QHash<int, int> m_deviceIndex;       // device → index in m_devices
    // Snapshot caches only; null when they could not be read (every stack then reads unknown).
    std::shared_future<std::shared_ptr<const MemoryStacks>> m_stacks;
};

} // namespace ts::model

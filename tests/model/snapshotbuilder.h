#pragma once
// Small PyTorch memory snapshots for the allocator-state suites, written as the import child
// would (record stream → RecordValidator → CacheWriter/MemoryWriter) from a line of text.

#include "cachebuilder.h"
#include "memory/allocatorstate.h"
#include "memory/memorytimeline.h"
#include "streambuilder.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace ts::testing {

// A snapshot of device 0 written as the child would: a stack (id 1), then the spec's items.
//   dump:   "S <addr> <size> [e]" a segment; "B <addr> <size> <requested> a|p|f" a block of
//           the last segment
//   trace:  "sa|sf|m|u|a|r|c <addr> <size>" segment alloc/free/map/unmap, alloc,
//           free_requested, free_completed; "b <addr> <size>" a free_completed flagged before
//           the trace; "o" oom. seq = position among the events, time 1000 + 10 · (seq + 1).
// Addresses hex, sizes decimal.
struct Snapshot
{
    std::string storage;
    StreamBuilder b;
    uint32_t segments = 0;
    uint64_t seq = 0;

    explicit Snapshot(const QString &spec)
    {
        b.add(rec::StringRec{1, "forward"}).add(rec::StringRec{2, "model.py"});
        b.add(rec::StackFrameRec{1, 1, 2, 12});
        rec::StackRec s;
        s.id = 1;
        s.setFrames({1}, storage);
        b.add(s);
        for (const QString &item : spec.split(u';', Qt::SkipEmptyParts))
            add(item.trimmed().split(u' '));
    }

    void add(const QStringList &f)
    {
        const QString op = f[0];
        const uint64_t addr = f.value(1).toULongLong(nullptr, 16);
        const uint64_t size = f.value(2).toULongLong();
        if (op == "S") {
            rec::MemSegmentRec r;
            r.id = ++segments;
            r.address = addr;
            r.totalSize = size;
            r.stream = 7;
            r.segmentType = rec::SegmentType::Large;
            r.flags = f.value(3) == "e" ? rec::kSegmentExpandable : 0;
            b.add(r);
            return;
        }
        if (op == "B") {
            using S = rec::BlockState;
            const QString st = f[4];
            b.add(rec::MemBlockRec{segments, addr, size, f[3].toULongLong(),
                                   st == "a"   ? S::ActiveAllocated
                                   : st == "p" ? S::ActivePendingFree
                                               : S::Inactive,
                                   1});
            return;
        }
        using A = rec::MemAction;
        rec::MemEventRec r;
        r.action = op == "sa"   ? A::SegmentAlloc
                   : op == "sf" ? A::SegmentFree
                   : op == "m"  ? A::SegmentMap
                   : op == "u"  ? A::SegmentUnmap
                   : op == "a"  ? A::Alloc
                   : op == "r"  ? A::FreeRequested
                   : op == "o"  ? A::Oom
                                : A::FreeCompleted;
        r.flags = op == "b" ? rec::kMemBeforeTrace : 0;
        r.addr = addr;
        r.size = size;
        r.stream = 7;
        r.sequence = seq;
        r.timeNs = 1000 + 10 * int64_t(++seq);
        r.stack = 1;
        b.add(r);
    }

    bool load(QTemporaryDir &dir, std::shared_ptr<model::MemoryTimeline> &timeline,
              model::AllocatorState &state, QString *error)
    {
        const QString path = dir.filePath(QStringLiteral("mem.db"));
        timeline = std::make_shared<model::MemoryTimeline>();
        return ts::testing::buildCache(b.bytes(), path, error) && timeline->load(path, error) &&
               state.load(path, timeline, error);
    }
};

// A snapshot whose trace agrees with its dump: every kind of event, an expandable segment,
// a block freed that was allocated before the trace, one never touched by the trace.
inline const char *const kConsistent =
    // The dump: S1 with X (untouched by the trace) and F (allocated at 15), E mapped at 6.
    "S 100000 2097152; B 100000 1024 1000 a; B 100400 512 100 a; B 100600 2095616 0 f;"
    "S 500000 2097152 e; B 500000 2097152 0 f;"
    // The trace, seq 0 … 16.
    "sa 300000 1048576; a 300000 1000; a 300400 512; r 300000 1000; c 300000 1000;"
    "b 100400 2000; m 500000 2097152; m 700000 2097152; a 500000 3145728; r 300400 512;"
    "c 300400 512; sf 300000 1048576; r 500000 3145728; c 500000 3145728; u 700000 2097152;"
    "a 100400 100; o";

// A snapshot whose trace contradicts its dump and itself, once in every way AllocatorState
// repairs.
inline const char *const kInconsistent =
    "S 100000 2097152; B 100000 1024 1000 a; B 100800 512 100 a;"
    // outside every segment; overlapping X; a free of nothing; past S1's end; a segment never
    // freed and absent from the dump; a free at the address of a dump block.
    "a 900000 4096; a 100200 600; c 200000 512; a 2fff00 1024; sa a00000 2097152; c 100800 100";

} // namespace ts::testing

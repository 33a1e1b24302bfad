#pragma once
// PyTorch CUDA memory snapshots (the pickle of torch.cuda.memory._dump_snapshot(), and
// torch_npu's twin) into memory records. The safe PickleReader builds the plain object graph;
// this class walks it by key name (key order varies between PyTorch versions) and sends:
//   segments → MemSegment, their blocks → MemBlock (2.0 "history" layout: no block address, so
//              addresses follow from order within the segment);
//   device_traces[d] → one MemEvent per entry, every action, time_us → ns, and the flag
//              kMemBeforeTrace on a free whose alloc fell before recording began;
//   external_annotations → MemAnnotation; allocator_settings → Metadata (JSON text);
//   frames → StackFrame/Stack, each interned once (StackInterner).
// A bad item (wrong type, negative size, unknown action) is skipped and counted by reason; only
// an unreadable pickle or a top level that is no snapshot is an Error.

#include "common/inputsource.h"
#include "common/recordsink.h"
#include "common/skipcounter.h"
#include "pickle/picklereader.h"
#include "stackinterner.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace ts::parsers {

class SnapshotImporter
{
public:
    SnapshotImporter(InputSource &source, RecordSink &sink, uint64_t inputSize,
                     PickleLimits limits = {});

    // Streams the whole input. The last record is Result on success, Error on failure.
    bool run();
    // Imports an already-read document (tests); same records as run() after the read.
    bool importDocument(const PickleValue &root);

    static constexpr const char *kFormatName = "pytorch-memory-snapshot";

private:
    void segments(const PickleValue &list);
    void segment(const PickleValue &seg);
    void traces(const PickleValue &list);
    void traceEntry(int32_t device, uint64_t sequence, const PickleValue &e);
    void annotations(const PickleValue &list);
    void allocatorSettings(const PickleValue &settings);
    bool timeNs(const PickleValue &timeUs, int64_t &ns) const; // false: unusable (ns = -1)
    void fail(uint64_t offset, const std::string &message);

    InputSource &m_source;
    RecordSink &m_sink;
    uint64_t m_inputSize;
    PickleLimits m_limits;
    SkipCounter m_skips;
    StackInterner m_stacks;
    uint32_t m_nextSegment = 1;
    uint64_t m_entries = 0;
    uint64_t m_badTimes = 0;
    uint64_t m_unknownStates = 0;
    uint64_t m_nextProgress = 0;
    // Per device: address → "this block's alloc fell before the trace", while it is live.
    std::unordered_map<uint64_t, bool> m_liveBlocks;
    std::unordered_map<uint64_t, bool> m_liveSegments;
    std::string m_scratch;
};

} // namespace ts::parsers

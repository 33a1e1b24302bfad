#pragma once
// Checks each decoded record of the child's stream before anything is written: the child parses
// hostile input, so its output is treated as hostile too. The first violation ends the import
// (the launcher kills the child) with a message naming the record.
//
// Rules: String ids are sequential from 1 and valid UTF-8; new Process/Thread/Track ids are the
// next id and a known id is an update; every referenced id exists; enum values are in range;
// ts and dur lie within ±kMaxAbsTime and dur ≥ 0; counter values are finite; args and messages
// are valid UTF-8; the Skipped counts' sum fits 64 bits; a Flow's Sequence endpoint names a
// slice already sent; nothing follows the final Result or Error.
// Memory records: StackFrame, Stack and MemSegment ids are sequential from 1; a stack names only
// frames already sent and holds 1 … kMaxStackDepth of them; a block lies inside a segment already
// sent; devices lie in 0 … kMaxDevice-1; sizes are at most kMaxMemBytes; enums are in range;
// times are -1 (none) or within ±kMaxAbsTime.
// Ascend records (ascendrecords.h): devices are -1 (unknown) or 0 … kMaxDevice-1; times are -1
// (none, where the family allows it) or within ±kMaxAbsTime, durations ≥ -1, a step ends no
// earlier than it starts; sizes within ±kMaxMemBytes; string ids exist (names and components
// required); columns / metrics JSON is empty or a UTF-8 object text of at most
// kMaxColumnsJsonBytes.
// MemScopeEvent (memscoperecords.h): device is kMemScopeHost, kMemScopeNoDevice or an NPU index
// below kMaxDevice; kind and flags in range; ts within ±kMaxAbsTime; |size| below kMaxMemBytes;
// pid, tid and rowId ≥ -1; the event string exists, the other strings exist or are 0; attr as
// the columns JSON above.
// Communication (commrecords.h): rank ≥ -1, source ranks ≥ 0; step, scope, op and link strings
// exist, group and op name exist or are 0; times -1 or within ±kMaxAbsTime, durations -1 or ≥ 0;
// sizes -1 or below kMaxMemBytes; ratios -1 or 0…1; bandwidth -1 or finite 0…1e6 GB/s; the
// distribution JSON as the columns JSON above.

#include "records/recordformat.h"

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace ts::model {

class RecordValidator
{
public:
    static constexpr std::size_t kMaxColumnsJsonBytes = 1u << 20; // one row's other columns

    // Decodes and checks one frame; on false, error() says why.
    bool check(const rec::FrameSplitter::Frame &frame);
    const QString &error() const { return m_error; }

    uint64_t recordCount() const { return m_records; }
    uint64_t sliceCount() const { return m_slices; }
    bool finished() const { return m_finished; }

private:
    bool fail(rec::RecordType type, const QString &why);
    bool knownString(uint32_t id, bool optional) const
    {
        return (optional && id == 0) || (id >= 1 && id <= m_strings);
    }
    bool timeOk(int64_t t) const { return t > -rec::kMaxAbsTime && t < rec::kMaxAbsTime; }
    bool endpointOk(const rec::FlowEndpoint &e) const;
    bool checkNewOrKnown(uint32_t id, uint32_t &count, rec::RecordType type, const char *what);
    bool checkMemory(const rec::FrameSplitter::Frame &frame); // types StackFrame … MemAnnotation
    bool memTimeOk(int64_t t) const { return t == -1 || timeOk(t); }
    bool knownStack(uint32_t id) const { return id <= m_stacks; } // 0: none
    bool checkAscend(const rec::FrameSplitter::Frame &frame);     // types DeviceTask … OpMemory
    bool checkMemScope(const rec::FrameSplitter::Frame &frame);   // memscopecheck.cpp
    bool checkCommunication(const rec::FrameSplitter::Frame &frame); // commcheck.cpp
    static bool jsonObjectOk(std::string_view json);

    uint32_t m_strings = 0;
    uint32_t m_processes = 0;
    uint32_t m_threads = 0;
    uint32_t m_tracks = 0;
    uint32_t m_frames = 0;
    uint32_t m_stacks = 0;
    std::vector<std::pair<uint64_t, uint64_t>> m_segments; // by id - 1: address, total size
    uint64_t m_slices = 0;
    uint64_t m_skipped = 0; // sum of every Skipped count
    uint64_t m_records = 0;
    bool m_finished = false;
    QString m_error;
};

const char *recordTypeName(rec::RecordType type);

} // namespace ts::model

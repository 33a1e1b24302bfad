#pragma once
// One row of an msMemScope dump into a MemScopeEvent record — the part the CSV reader
// (dumptable.h) and the DB reader (dumpdb.h) share, so both read a row the same way. A reader
// hands each row over as text cells (a DB's integers as their decimal text) in whatever order
// the file holds them; this class decides the file's timestamp unit from the first time it
// sees (≥ 1e17: ns; 1e14 … 1e17: µs, as 2025-04 files write under their "Timestamp(ns)"
// header; smaller: ns) and reports it once (metadata key memscope.time_unit, and a warning
// when it is not ns); reads Attr in all its encodings (attrtext.h); and counts what it cannot
// read by reason. Only a row without a usable time or Event is dropped; anything else is kept.

#include "attrtext.h"
#include "common/recordsink.h"
#include "common/skipcounter.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ts::parsers::memscope {

inline constexpr std::string_view kMetaTimeUnit = "memscope.time_unit";
inline constexpr std::string_view kFormat = "msmemscope-dump";

struct DumpCells
{
    std::string_view id, event, eventType, name, timestamp, pid, tid, device, ptr, attr, pyStack,
        cStack;
    uint64_t offset = rec::kNoOffset; // where the row starts, for the unit's report
    uint64_t line = 0;                // 0: no line (a DB row)
};

class DumpRowReader
{
public:
    DumpRowReader(RecordSink &sink, SkipCounter &skips) : m_sink(sink), m_skips(skips) {}
    void row(const DumpCells &cells); // emits the record or counts why not
    uint64_t rows() const { return m_rows; }
    uint64_t emitted() const { return m_emitted; }

    // "cpu" / "host" → kMemScopeHost; N/A and empty → kMemScopeNoDevice; an NPU index; false
    // for anything else.
    static bool deviceOf(std::string_view cell, int32_t &device);
    static rec::MemScopeKind kindOf(std::string_view event);

private:
    bool decideUnit(int64_t raw, const DumpCells &cells);
    uint32_t internText(std::string_view text); // 0 for N/A and empty

    RecordSink &m_sink;
    SkipCounter &m_skips;
    AttrText m_attr;
    std::string m_scratch, m_jsonScratch;
    int64_t m_factor = 0; // ns per unit of the file's timestamps, once decided
    uint64_t m_rows = 0;
    uint64_t m_emitted = 0;
};

} // namespace ts::parsers::memscope

#include "dumprow.h"

#include "ascend/cells.h"

#include <cctype>

namespace ts::parsers::memscope {

using ascend::CellStatus;

namespace {

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

// Attr values: signed decimal ("-512"), or 0x hex.
bool signedValue(std::string_view text, int64_t &out)
{
    if (ascend::integer(text, out) == CellStatus::Ok)
        return true;
    uint64_t u = 0;
    if (ascend::unsignedValue(text, u) != CellStatus::Ok || u > uint64_t(INT64_MAX))
        return false;
    out = int64_t(u);
    return true;
}

} // namespace

bool DumpRowReader::deviceOf(std::string_view cell, int32_t &device)
{
    cell = trimCell(cell);
    if (ascend::isNoValue(cell)) {
        device = rec::kMemScopeNoDevice;
        return true;
    }
    if (equalsNoCase(cell, "cpu") || equalsNoCase(cell, "host")) {
        device = rec::kMemScopeHost;
        return true;
    }
    int64_t n = 0;
    if (ascend::integer(cell, n) != CellStatus::Ok || n < 0 || n >= rec::kMaxDevice)
        return false;
    device = int32_t(n);
    return true;
}

rec::MemScopeKind DumpRowReader::kindOf(std::string_view event)
{
    using rec::MemScopeKind;
    static constexpr std::pair<std::string_view, MemScopeKind> kKinds[] = {
        {"MALLOC", MemScopeKind::Malloc},
        {"FREE", MemScopeKind::Free},
        {"ACCESS", MemScopeKind::Access},
        {"OP_LAUNCH", MemScopeKind::OpLaunch},
        {"KERNEL_LAUNCH", MemScopeKind::KernelLaunch},
        {"MSTX", MemScopeKind::Mstx},
        {"SYSTEM", MemScopeKind::System},
    };
    event = trimCell(event);
    for (const auto &[name, kind] : kKinds) {
        if (equalsNoCase(event, name))
            return kind;
    }
    return MemScopeKind::Other;
}

uint32_t DumpRowReader::internText(std::string_view text)
{
    text = trimCell(text);
    return ascend::isNoValue(text) ? 0 : m_sink.intern(text);
}

bool DumpRowReader::decideUnit(int64_t raw, const DumpCells &cells)
{
    if (m_factor)
        return true;
    const int64_t magnitude = raw < 0 ? -raw : raw;
    const bool micros = magnitude >= 100'000'000'000'000 && magnitude < 100'000'000'000'000'000;
    m_factor = micros ? 1000 : 1;
    m_sink.put(rec::MetadataRec{m_sink.intern(kMetaTimeUnit), micros ? "us" : "ns"});
    const std::string where =
        cells.line ? " (line " + std::to_string(cells.line) + ")" : std::string();
    if (micros)
        m_sink.put(rec::WarningRec{
            cells.offset, "timestamps are microseconds although the header says Timestamp(ns): "
                          "the first, " +
                              std::to_string(raw) + where +
                              ", has 16 digits (nanoseconds since 1970 have 19); read as µs"});
    else if (magnitude < 100'000'000'000'000)
        m_sink.put(rec::WarningRec{cells.offset, "timestamps are small for nanoseconds since "
                                                 "1970 (the first is " +
                                                     std::to_string(raw) + where +
                                                     "); read as ns"});
    return true;
}

void DumpRowReader::row(const DumpCells &cells)
{
    ++m_rows;
    rec::MemScopeEventRec r;
    int64_t raw = 0;
    if (ascend::integer(cells.timestamp, raw) != CellStatus::Ok) {
        m_skips.add("msMemScope row without an integer Timestamp(ns)");
        return;
    }
    decideUnit(raw, cells);
    if (raw > rec::kMaxAbsTime / m_factor || raw < -rec::kMaxAbsTime / m_factor) {
        m_skips.add("msMemScope row with a Timestamp(ns) out of range");
        return;
    }
    r.ts = raw * m_factor;
    const std::string_view event = trimCell(cells.event);
    if (ascend::isNoValue(event)) {
        m_skips.add("msMemScope row without an Event");
        return;
    }
    r.kind = kindOf(event);
    if (ascend::integer(cells.id, r.rowId) != CellStatus::Ok || r.rowId < 0)
        r.rowId = -1;
    if (ascend::integer(cells.pid, r.pid) != CellStatus::Ok || r.pid < 0)
        r.pid = -1;
    if (ascend::integer(cells.tid, r.tid) != CellStatus::Ok || r.tid < 0)
        r.tid = -1;
    if (!deviceOf(cells.device, r.device)) {
        r.device = rec::kMemScopeNoDevice;
        m_skips.add("msMemScope Device Id not understood (read as N/A; row kept)");
    }
    switch (ascend::unsignedValue(cells.ptr, r.ptr)) {
    case CellStatus::Ok:
    case CellStatus::Lossy:
        r.flags |= rec::kMemScopeHasPtr;
        break;
    case CellStatus::None:
        break;
    case CellStatus::Invalid:
        r.ptr = 0;
        m_skips.add("msMemScope Ptr not an address (read as N/A; row kept)");
        break;
    }
    const AttrText::Status attr = m_attr.parse(cells.attr);
    if (attr == AttrText::Status::Malformed)
        m_skips.add("msMemScope Attr not in {key:value,…} form (kept as text; row kept)");
    if (m_attr.has("size")) {
        int64_t size = 0;
        if (signedValue(m_attr.value("size"), size) && size > -int64_t(rec::kMaxMemBytes) &&
            size < int64_t(rec::kMaxMemBytes)) {
            r.size = size;
            r.flags |= rec::kMemScopeHasSize;
        } else if (!ascend::isNoValue(m_attr.value("size"))) {
            m_skips.add("msMemScope Attr size not a number of bytes (row kept without it)");
        }
    }
    r.event = m_sink.intern(event);
    r.eventType = internText(cells.eventType);
    r.name = internText(cells.name);
    r.owner = internText(m_attr.value("owner"));
    r.pyStack = internText(cells.pyStack);
    r.cStack = internText(cells.cStack);
    r.attr = m_sink.boundedJson(m_attr.json(), m_jsonScratch);
    m_sink.put(r);
    ++m_emitted;
}

} // namespace ts::parsers::memscope

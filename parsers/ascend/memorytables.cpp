#include "memorytables.h"

namespace ts::parsers::ascend {

int deviceColumn(const CsvHeader &header)
{
    return header.columnOf({"Device Type", "Device", "Device_id", "Device Id"});
}

int sizeColumn(const CsvHeader &header, std::string_view prefix, int64_t &unit)
{
    const auto &names = header.names();
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string_view name = names[i];
        if (name.substr(0, prefix.size()) == prefix && (unit = bytesPerUnit(name)) > 0)
            return int(i);
    }
    unit = 0;
    return -1;
}

bool MemRecordTable::matches(const CsvHeader &header)
{
    int64_t unit = 0;
    return header.has("Component") && sizeColumn(header, "Total Allocated(", unit) >= 0;
}

std::unique_ptr<MemRecordTable> MemRecordTable::make(const CsvHeader &header, RecordSink &sink,
                                                     SkipCounter &skips, std::string &error)
{
    std::unique_ptr<MemRecordTable> t(new MemRecordTable(sink, skips));
    t->m_component = required(header, {"Component"}, error);
    if (t->m_component >= 0)
        t->m_time = required(header, {"Timestamp(us)"}, error);
    t->m_allocated.column = sizeColumn(header, "Total Allocated(", t->m_allocated.unit);
    t->m_reserved.column = sizeColumn(header, "Total Reserved(", t->m_reserved.unit);
    t->m_active.column = sizeColumn(header, "Total Active(", t->m_active.unit); // newer files
    if (t->m_time >= 0 && t->m_reserved.column < 0)
        error = "no column 'Total Reserved(MB)' (nor another size unit)";
    if (!error.empty())
        return nullptr;
    t->m_streamPtr = header.column("Stream Ptr");
    t->m_device = deviceColumn(header);
    return t;
}

bool MemRecordTable::size(const CsvRecord &record, const SizeColumn &c, int64_t &bytes)
{
    bytes = -1;
    if (c.column < 0)
        return true;
    switch (scaledDecimal(record.field(c.column), c.unit, bytes)) {
    case CellStatus::None:
        bytes = -1;
        return true;
    case CellStatus::Ok:
    case CellStatus::Lossy:
        return bytes >= 0 && uint64_t(bytes) < rec::kMaxMemBytes;
    case CellStatus::Invalid:
        break;
    }
    return false;
}

bool MemRecordTable::row(const CsvRecord &record, std::string &)
{
    rec::MemRecordRec r;
    if (!timeCell(record.field(m_time), r.ts) || r.ts == -1) {
        m_skips.add("memory record without a readable timestamp");
        return true;
    }
    if (!size(record, m_allocated, r.allocated) || !size(record, m_reserved, r.reserved) ||
        !size(record, m_active, r.active)) {
        m_skips.add("memory record with an unreadable size");
        return true;
    }
    const std::string_view component = trimCell(record.field(m_component));
    if (component.empty()) {
        m_skips.add("memory record without a component");
        return true;
    }
    r.component = m_sink.intern(component);
    if (m_streamPtr >= 0 && unsignedValue(record.field(m_streamPtr), r.streamPtr) != CellStatus::Ok)
        r.streamPtr = 0;
    if (m_device >= 0)
        r.device = deviceOf(record.field(m_device));
    m_sink.put(r);
    ++m_emitted;
    return true;
}

bool OpMemoryTable::matches(const CsvHeader &header)
{
    int64_t unit = 0;
    return sizeColumn(header, "Size(", unit) >= 0 && header.has("Allocation Time(us)");
}

std::unique_ptr<OpMemoryTable> OpMemoryTable::make(const CsvHeader &header, RecordSink &sink,
                                                   SkipCounter &skips, std::string &error)
{
    std::unique_ptr<OpMemoryTable> t(new OpMemoryTable(sink, skips));
    t->m_name = required(header, {"Name", "Op Name"}, error);
    if (!error.empty())
        return nullptr;
    t->m_size = sizeColumn(header, "Size(", t->m_sizeUnit);
    t->m_alloc = header.column("Allocation Time(us)");
    t->m_release = header.column("Release Time(us)");
    t->m_activeRelease = header.column("Active Release Time(us)");
    t->m_streamPtr = header.column("Stream Ptr");
    t->m_device = deviceColumn(header);
    return t;
}

bool OpMemoryTable::row(const CsvRecord &record, std::string &)
{
    rec::OpMemoryRec r;
    const std::string_view name = trimCell(record.field(m_name));
    if (name.empty()) {
        m_skips.add("operator allocation without a name");
        return true;
    }
    if (scaledDecimal(record.field(m_size), m_sizeUnit, r.size) != CellStatus::Ok ||
        r.size <= -int64_t(rec::kMaxMemBytes) || r.size >= int64_t(rec::kMaxMemBytes)) {
        m_skips.add("operator allocation with an unreadable size");
        return true;
    }
    // An empty release time: released after the window (or never); negative sizes: a release
    // whose allocation fell before it (the allocation time is then empty too).
    if (!timeCell(record.field(m_alloc), r.allocTs) ||
        (m_release >= 0 && !timeCell(record.field(m_release), r.releaseTs)) ||
        (m_activeRelease >= 0 && !timeCell(record.field(m_activeRelease), r.activeReleaseTs))) {
        m_skips.add("operator allocation with an unreadable time");
        return true;
    }
    // Times before the epoch are not times a profiler writes (and -1 means "none" below).
    if (r.allocTs < -1 || r.releaseTs < -1 || r.activeReleaseTs < -1) {
        m_skips.add("operator allocation with a negative time");
        return true;
    }
    if (r.allocTs == -1 && r.releaseTs == -1) {
        m_skips.add("operator allocation without any time");
        return true;
    }
    r.name = m_sink.intern(name);
    if (m_streamPtr >= 0 && unsignedValue(record.field(m_streamPtr), r.streamPtr) != CellStatus::Ok)
        r.streamPtr = 0;
    if (m_device >= 0)
        r.device = deviceOf(record.field(m_device));
    m_sink.put(r);
    ++m_emitted;
    return true;
}

} // namespace ts::parsers::ascend

#include "dumptable.h"

namespace ts::parsers::memscope {

namespace {

int timestampColumn(const CsvHeader &header)
{
    return header.columnOf({"Timestamp(ns)", "Timestamp(us)", "Timestamp"});
}

} // namespace

bool DumpTable::matches(const CsvHeader &header)
{
    return header.has("Event") && header.has("Event Type") && header.has("Ptr") &&
           header.has("Attr") && timestampColumn(header) >= 0;
}

std::unique_ptr<DumpTable> DumpTable::make(const CsvHeader &header, RecordSink &sink,
                                           SkipCounter &skips, std::string &error)
{
    std::unique_ptr<DumpTable> t(new DumpTable(sink, skips));
    t->m_event = required(header, {"Event"}, error);
    t->m_ts = required(header, {"Timestamp(ns)", "Timestamp(us)", "Timestamp"}, error);
    if (!error.empty())
        return nullptr;
    t->m_id = header.column("ID");
    t->m_type = header.column("Event Type");
    t->m_name = header.column("Name");
    t->m_pid = header.column("Process Id");
    t->m_tid = header.column("Thread Id");
    t->m_device = header.column("Device Id");
    t->m_ptr = header.column("Ptr");
    t->m_attr = header.column("Attr");
    t->m_py = header.column("Call Stack(Python)");
    t->m_c = header.column("Call Stack(C)");
    return t;
}

bool DumpTable::row(const CsvRecord &record, std::string &)
{
    DumpCells cells;
    cells.id = record.field(m_id);
    cells.event = record.field(m_event);
    cells.eventType = record.field(m_type);
    cells.name = record.field(m_name);
    cells.timestamp = record.field(m_ts);
    cells.pid = record.field(m_pid);
    cells.tid = record.field(m_tid);
    cells.device = record.field(m_device);
    cells.ptr = record.field(m_ptr);
    cells.attr = record.field(m_attr);
    cells.pyStack = record.field(m_py);
    cells.cStack = record.field(m_c);
    cells.offset = record.offset();
    cells.line = record.line();
    m_rows.row(cells);
    m_emitted = m_rows.emitted();
    return true;
}

} // namespace ts::parsers::memscope

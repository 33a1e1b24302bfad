#pragma once
// memscope_dump_*.csv / leaks_dump_*.csv (msMemScope, formerly msleaks) as one more kind of
// Ascend CSV table: recognised by its header's column names (Event, Event Type, Ptr, Attr and a
// Timestamp column), each row handed to DumpRowReader as text cells. The streaming, quoting and
// error reporting are the Ascend CSV importer's (csvimporter.h); rows may come in any order.

#include "ascend/csvtable.h"
#include "dumprow.h"

namespace ts::parsers::memscope {

class DumpTable : public ascend::CsvTable
{
public:
    static bool matches(const CsvHeader &header);
    static std::unique_ptr<DumpTable> make(const CsvHeader &header, RecordSink &sink,
                                           SkipCounter &skips, std::string &error);
    bool row(const CsvRecord &record, std::string &error) override;

private:
    DumpTable(RecordSink &sink, SkipCounter &skips) : CsvTable(sink, skips), m_rows(sink, skips) {}
    DumpRowReader m_rows;
    int m_id = -1, m_event = -1, m_type = -1, m_name = -1, m_ts = -1, m_pid = -1, m_tid = -1,
        m_device = -1, m_ptr = -1, m_attr = -1, m_py = -1, m_c = -1;
};

} // namespace ts::parsers::memscope

#pragma once
// kernel_details.csv (torch_npu) and op_summary_*.csv (msprof): one DeviceTask per row. The two
// name the same columns differently ("Name" / "Op Name", "Start Time(us)" / "Task Start
// Time(us)", …); every column not read into a field is kept in the row's columns JSON.

#include "csvtable.h"

namespace ts::parsers::ascend {

class KernelTable : public CsvTable
{
public:
    static bool matches(const CsvHeader &header);
    // nullptr with error naming the missing column.
    static std::unique_ptr<KernelTable> make(const CsvHeader &header, RecordSink &sink,
                                             SkipCounter &skips, std::string &error);
    bool row(const CsvRecord &record, std::string &error) override;

private:
    KernelTable(const CsvHeader &header, RecordSink &sink, SkipCounter &skips);
    int m_name = -1, m_start = -1, m_duration = -1, m_wait = -1, m_stream = -1, m_task = -1,
        m_type = -1, m_core = -1, m_device = -1;
    ColumnsJson m_columns;
};

} // namespace ts::parsers::ascend

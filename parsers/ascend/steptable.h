#pragma once
// step_trace_time.csv: one Step per row, each duration column (µs) kept in ns under its header
// name in the metrics JSON (Computing, Communication(Not Overlapped), Free, …). The file gives
// durations only, so the step's start and end are -1.

#include "csvtable.h"

#include <vector>

namespace ts::parsers::ascend {

class StepTable : public CsvTable
{
public:
    static bool matches(const CsvHeader &header);
    static std::unique_ptr<StepTable> make(const CsvHeader &header, RecordSink &sink,
                                           SkipCounter &skips, std::string &error);
    bool row(const CsvRecord &record, std::string &error) override;

private:
    StepTable(const CsvHeader &header, RecordSink &sink, SkipCounter &skips)
        : CsvTable(sink, skips), m_header(header)
    {}
    const CsvHeader &m_header;
    int m_step = -1, m_device = -1;
    std::string m_metrics;
};

} // namespace ts::parsers::ascend

#pragma once
// An Ascend CSV (kernel_details / op_summary, memory_record, operator_memory, step_trace_time)
// into records. What the file is comes from its header's column names, never its name (the
// child has none) nor positions. The input streams through CsvRowReader chunk by chunk; the
// table the header picked turns each row into a record, and rows it cannot read are counted as
// skipped by reason. A header that matches no table, or lacks a column the table needs, is an
// error that names the table and the column.

#include "common/inputsource.h"
#include "common/recordsink.h"

#include <cstdint>

namespace ts::parsers {

class AscendCsvImporter
{
public:
    AscendCsvImporter(InputSource &source, RecordSink &sink, uint64_t inputSize)
        : m_source(source), m_sink(sink), m_inputSize(inputSize)
    {}
    bool run(); // true on success (last record Result), false after an Error record

    // Whether the first bytes look like CSV text: a first line of at least two comma-separated
    // cells and no NUL. Cheap; the header check proper is run()'s.
    static bool looksLikeCsv(std::string_view head);

private:
    InputSource &m_source;
    RecordSink &m_sink;
    uint64_t m_inputSize;
};

} // namespace ts::parsers

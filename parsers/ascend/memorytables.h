#pragma once
// memory_record.csv (→ MemRecord: a component's totals at one time) and operator_memory.csv
// (→ OpMemory: one operator allocation). Sizes are converted to bytes by the unit each header
// names — MB in torch_npu files, KB in msprof ones — so a file of either producer reads right.

#include "csvtable.h"

namespace ts::parsers::ascend {

class MemRecordTable : public CsvTable
{
public:
    static bool matches(const CsvHeader &header);
    static std::unique_ptr<MemRecordTable> make(const CsvHeader &header, RecordSink &sink,
                                                SkipCounter &skips, std::string &error);
    bool row(const CsvRecord &record, std::string &error) override;

private:
    MemRecordTable(RecordSink &sink, SkipCounter &skips) : CsvTable(sink, skips) {}
    struct SizeColumn
    {
        int column = -1;
        int64_t unit = 0; // bytes per unit of the header
    };
    bool size(const CsvRecord &record, const SizeColumn &c, int64_t &bytes);
    int m_component = -1, m_time = -1, m_streamPtr = -1, m_device = -1;
    SizeColumn m_allocated, m_reserved, m_active;
};

class OpMemoryTable : public CsvTable
{
public:
    static bool matches(const CsvHeader &header);
    static std::unique_ptr<OpMemoryTable> make(const CsvHeader &header, RecordSink &sink,
                                               SkipCounter &skips, std::string &error);
    bool row(const CsvRecord &record, std::string &error) override;

private:
    OpMemoryTable(RecordSink &sink, SkipCounter &skips) : CsvTable(sink, skips) {}
    int m_name = -1, m_size = -1, m_alloc = -1, m_release = -1, m_activeRelease = -1,
        m_streamPtr = -1, m_device = -1;
    int64_t m_sizeUnit = 0;
};

// The column holding the device: "Device Type" (NPU:0), "Device" (msprof), "Device_id".
int deviceColumn(const CsvHeader &header);
// The first header that starts with `prefix` and names a size unit ("Total Allocated(" →
// "Total Allocated(MB)"), or -1.
int sizeColumn(const CsvHeader &header, std::string_view prefix, int64_t &unit);

} // namespace ts::parsers::ascend

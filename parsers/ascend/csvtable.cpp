#include "csvtable.h"

#include "kerneltable.h"
#include "memorytables.h"
#include "memscope/dumptable.h"
#include "steptable.h"

namespace ts::parsers::ascend {

int CsvTable::required(const CsvHeader &header, std::initializer_list<std::string_view> names,
                       std::string &missing)
{
    const int c = header.columnOf(names);
    if (c < 0 && missing.empty()) {
        missing = "no column '" + std::string(*names.begin()) + "'";
        for (auto it = names.begin() + 1; it != names.end(); ++it)
            missing += (it == names.begin() + 1 ? " (nor '" : ", '") + std::string(*it) + "'";
        if (names.size() > 1)
            missing += ")";
    }
    return c;
}

bool CsvTable::timeCell(std::string_view cell, int64_t &ns)
{
    switch (microsToNs(cell, ns)) {
    case CellStatus::Ok:
        return true;
    case CellStatus::Lossy:
        ++m_lossy;
        return true;
    case CellStatus::None:
        ns = -1;
        return true;
    case CellStatus::Invalid:
        break;
    }
    return false;
}

std::unique_ptr<CsvTable> makeCsvTable(const CsvHeader &header, RecordSink &sink,
                                       SkipCounter &skips, TableKind &kind, std::string &error)
{
    std::unique_ptr<CsvTable> table;
    // The most specific signatures first: operator_memory also has Name and Duration(us).
    if (memscope::DumpTable::matches(header)) {
        kind = {"msMemScope dump", memscope::kFormat.data()};
        table = memscope::DumpTable::make(header, sink, skips, error);
    } else if (OpMemoryTable::matches(header)) {
        kind = {"operator_memory", "ascend-operator-memory"};
        table = OpMemoryTable::make(header, sink, skips, error);
    } else if (MemRecordTable::matches(header)) {
        kind = {"memory_record", "ascend-memory-record"};
        table = MemRecordTable::make(header, sink, skips, error);
    } else if (StepTable::matches(header)) {
        kind = {"step_trace_time", "ascend-step-trace"};
        table = StepTable::make(header, sink, skips, error);
    } else if (KernelTable::matches(header)) {
        kind = {"kernel_details / op_summary", "ascend-kernel-details"};
        table = KernelTable::make(header, sink, skips, error);
    } else {
        kind = {"", ""};
    }
    return table;
}

} // namespace ts::parsers::ascend

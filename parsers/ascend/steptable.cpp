#include "steptable.h"

namespace ts::parsers::ascend {

bool StepTable::matches(const CsvHeader &header)
{
    return header.has("Step") && header.has("Computing");
}

std::unique_ptr<StepTable> StepTable::make(const CsvHeader &header, RecordSink &sink,
                                           SkipCounter &skips, std::string &error)
{
    std::unique_ptr<StepTable> t(new StepTable(header, sink, skips));
    t->m_step = required(header, {"Step"}, error);
    if (!error.empty())
        return nullptr;
    t->m_device = header.columnOf({"Device_id", "Device Id"});
    return t;
}

bool StepTable::row(const CsvRecord &record, std::string &)
{
    rec::StepRec r;
    int64_t step = -1;
    // "Step" can be empty (one unnamed step) or carry a prefix ("step13").
    std::string_view stepCell = trimCell(record.field(m_step));
    while (!stepCell.empty() && !(stepCell.front() >= '0' && stepCell.front() <= '9'))
        stepCell.remove_prefix(1);
    if (integer(stepCell, step) == CellStatus::Ok && step >= 0)
        r.step = step;
    if (m_device >= 0)
        r.device = deviceOf(record.field(m_device));
    m_metrics.assign(1, '{');
    const auto &names = m_header.names();
    for (size_t i = 0; i < names.size(); ++i) {
        if (int(i) == m_step || int(i) == m_device)
            continue;
        const std::string_view cell = trimCell(record.field(int(i)));
        if (m_metrics.size() > 1)
            m_metrics.push_back(',');
        appendJsonString(m_metrics, names[i]);
        m_metrics.push_back(':');
        int64_t ns = 0;
        switch (microsToNs(cell, ns)) {
        case CellStatus::Ok:
        case CellStatus::Lossy:
            m_metrics += std::to_string(ns);
            break;
        case CellStatus::None:
            m_metrics += "null";
            break;
        case CellStatus::Invalid: // not a duration (a cluster file's Type/Index): kept as text
            appendJsonString(m_metrics, cell);
            break;
        }
    }
    m_metrics.push_back('}');
    r.metrics = m_sink.boundedJson(m_metrics, m_scratch);
    m_sink.put(r);
    ++m_emitted;
    return true;
}

} // namespace ts::parsers::ascend

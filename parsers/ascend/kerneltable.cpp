#include "kerneltable.h"

namespace ts::parsers::ascend {

namespace {

const std::initializer_list<std::string_view> kName = {"Name", "Op Name"};
const std::initializer_list<std::string_view> kStart = {"Start Time(us)", "Task Start Time(us)"};
const std::initializer_list<std::string_view> kDuration = {"Duration(us)", "Task Duration(us)"};
const std::initializer_list<std::string_view> kCore = {"Accelerator Core", "Task Type"};

rec::TaskKind kindOf(std::string_view core)
{
    if (core == "COMMUNICATION" || core == "HCCL")
        return rec::TaskKind::Communication;
    if (core.substr(0, 3) == "AI_" || core.substr(0, 4) == "MIX_" || core == "AIC" || core == "AIV")
        return rec::TaskKind::Compute;
    return rec::TaskKind::Other;
}

} // namespace

bool KernelTable::matches(const CsvHeader &header)
{
    // Not by durations alone: operator_memory has Name and Duration(us) too.
    return header.columnOf(kName) >= 0 &&
           (header.columnOf(kCore) >= 0 || header.has("Block Dim") || header.columnOf(kStart) >= 0);
}

std::unique_ptr<KernelTable> KernelTable::make(const CsvHeader &header, RecordSink &sink,
                                               SkipCounter &skips, std::string &error)
{
    std::string missing;
    if (required(header, kName, missing) < 0 || required(header, kStart, missing) < 0 ||
        required(header, kDuration, missing) < 0) {
        error = missing;
        return nullptr;
    }
    return std::unique_ptr<KernelTable>(new KernelTable(header, sink, skips));
}

KernelTable::KernelTable(const CsvHeader &header, RecordSink &sink, SkipCounter &skips)
    : CsvTable(sink, skips), m_columns(header)
{
    m_name = header.columnOf(kName);
    m_start = header.columnOf(kStart);
    m_duration = header.columnOf(kDuration);
    m_wait = header.columnOf({"Wait Time(us)", "Task Wait Time(us)"});
    m_stream = header.columnOf({"Stream ID", "Stream Id"});
    m_task = header.columnOf({"Task ID", "Task Id"});
    m_type = header.columnOf({"Type", "OP Type"});
    m_core = header.columnOf(kCore);
    m_device = header.columnOf({"Device_id", "Device Id", "Device ID"});
    // The fields carry these; the JSON keeps the rest (ids, shapes, PMU metrics, …).
    for (int c : {m_name, m_start, m_duration, m_wait, m_stream, m_task, m_type, m_core, m_device})
        m_columns.skip(c);
}

bool KernelTable::row(const CsvRecord &record, std::string &)
{
    rec::DeviceTaskRec r;
    if (!timeCell(record.field(m_start), r.ts) || r.ts == -1) {
        m_skips.add("device task without a readable start time");
        return true;
    }
    int64_t dur = -1, wait = -1;
    if (!timeCell(record.field(m_duration), dur) || dur < -1) {
        m_skips.add("device task with an unreadable duration");
        return true;
    }
    r.dur = dur;
    if (m_wait >= 0 && timeCell(record.field(m_wait), wait) && wait >= 0)
        r.wait = wait;
    int64_t v = 0;
    if (m_stream >= 0 && integer(record.field(m_stream), v) == CellStatus::Ok && v >= 0)
        r.stream = v;
    if (m_task >= 0 && integer(record.field(m_task), v) == CellStatus::Ok && v >= 0)
        r.taskId = v;
    if (m_device >= 0)
        r.device = deviceOf(record.field(m_device));
    const std::string_view core = trimCell(record.field(m_core));
    r.kind = kindOf(core);
    const auto intern = [this](std::string_view text) -> uint32_t {
        text = trimCell(text);
        return text.empty() ? 0 : m_sink.intern(text);
    };
    r.name = intern(record.field(m_name));
    r.opType = m_type >= 0 ? intern(record.field(m_type)) : 0;
    r.core = intern(core);
    r.columns = m_sink.boundedJson(m_columns.build(record), m_scratch);
    m_sink.put(r);
    ++m_emitted;
    return true;
}

} // namespace ts::parsers::ascend

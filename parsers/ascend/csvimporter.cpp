#include "csvimporter.h"

#include "csvtable.h"

#include <algorithm>
#include <optional>

namespace ts::parsers {

using namespace ascend;

namespace {

constexpr uint64_t kProgressStep = 4u << 20;

std::string headerList(const CsvHeader &header)
{
    std::string list;
    const auto &names = header.names();
    for (size_t i = 0; i < names.size() && i < 8; ++i)
        list += (i ? ", " : "") + names[i];
    if (names.size() > 8)
        list += ", …";
    return list;
}

} // namespace

bool AscendCsvImporter::looksLikeCsv(std::string_view head)
{
    const std::string_view line = head.substr(0, head.find_first_of("\r\n"));
    return line.find('\0') == std::string_view::npos && line.find(',') != std::string_view::npos;
}

bool AscendCsvImporter::run()
{
    CsvRowReader reader;
    std::optional<CsvHeader> header; // outlives the table, which reads column names from it
    std::unique_ptr<CsvTable> table;
    SkipCounter skips;
    TableKind kind{"", ""};
    std::string error;
    uint64_t errorLine = 0, errorOffset = 0, nextProgress = kProgressStep;

    const auto onRecord = [&](const CsvRecord &record) {
        if (!header) {
            header.emplace(record);
            table = makeCsvTable(*header, m_sink, skips, kind, error);
            if (!table && error.empty())
                error = "not an Ascend table TraceScope reads (kernel_details, op_summary, "
                        "memory_record, operator_memory, step_trace_time, an msMemScope "
                        "memscope_dump): its columns are " +
                        headerList(*header);
            else if (!table)
                error = std::string(kind.name) + ": " + error;
            errorLine = record.line();
            return table != nullptr;
        }
        if (!table->row(record, error)) {
            errorLine = record.line();
            errorOffset = record.offset();
            return false;
        }
        const uint64_t done = m_source.rawBytesRead();
        if (done >= nextProgress) {
            nextProgress = done + std::max<uint64_t>(kProgressStep, m_inputSize / 100);
            m_sink.put(rec::ProgressRec{done, m_inputSize, rec::Stage::Reading});
        }
        return true;
    };

    bool ok = true;
    for (;;) {
        const char *data = nullptr;
        size_t size = 0;
        if (!m_source.next(data, size, error)) {
            ok = false;
            errorOffset = m_source.rawBytesRead();
            break;
        }
        if (size == 0) {
            ok = reader.finish(onRecord);
            break;
        }
        if (!reader.feed(std::string_view(data, size), onRecord)) {
            ok = false;
            break;
        }
    }
    if (ok && !header) {
        error = "the CSV file has no header line";
        ok = false;
    }
    if (!ok) {
        if (error.empty()) {
            error = reader.error();
            errorOffset = rec::kNoOffset;
        }
        // Header names go into the message as the file has them: repaired and bounded, so
        // the app never has to refuse the message itself.
        std::string scratch;
        m_sink.put(rec::ErrorRec{errorOffset, uint32_t(std::min<uint64_t>(errorLine, UINT32_MAX)),
                                 errorLine ? 1u : 0u, m_sink.boundedText(error, 4096, scratch)});
        return false;
    }
    if (table->lossyTimes())
        m_sink.put(rec::WarningRec{
            0, std::to_string(table->lossyTimes()) +
                   " times were written in exponent form (e.g. 1.69512E+15, as a spreadsheet "
                   "saves them) and are only as precise as those digits"});
    skips.sendTo(m_sink);
    m_sink.put(rec::ProgressRec{m_source.rawBytesRead(), m_inputSize, rec::Stage::Finishing});
    m_sink.put(rec::ResultRec{m_sink.intern(kind.format), reader.records() - 1});
    return true;
}

} // namespace ts::parsers

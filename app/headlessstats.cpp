#include "headlessstats.h"

#include "appsetup.h"
#include "headlessimport.h"
#include "importservice.h"

#include "ascend/kerneldetails.h"
#include "commsources.h"
#include "communication/commstats.h"
#include "memscope/memscopecompare.h"
#include "summary/stepsummary.h"
#include "summary/summarycsv.h"
#include "summary/summaryinput.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorcsv.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <optional>

namespace ts::app {

namespace {

// PATH imported (or its caches reused), warnings said; nothing after saying why on stderr.
std::optional<InputOutcome> imported(const QString &path, const ImportSettings &settings)
{
    InputOutcome outcome = importInput(path, settings, stopProgress());
    if (stopSignal() && outcome.cancelled)
        return std::nullopt;
    for (const QString &warning : outcome.warnings)
        std::fprintf(stderr, "tracescope: warning: %s\n", qPrintable(warning));
    if (!outcome.ok) {
        std::fprintf(stderr, "tracescope: %s\n", qPrintable(outcome.error));
        return std::nullopt;
    }
    return outcome;
}

// The timeline data of one input (imported first when needed), or nothing after saying why on
// stderr.
std::unique_ptr<model::TimelineData> loadInput(const QString &path, const ImportSettings &settings,
                                               QStringList *groupTitles = nullptr)
{
    const std::optional<InputOutcome> imports = imported(path, settings);
    if (!imports)
        return nullptr;
    const InputOutcome &outcome = *imports;
    auto data = std::make_unique<model::TimelineData>();
    QString error;
    if (!data->load(outcome.cachePaths(), &error, outcome.groupTitles())) {
        std::fprintf(stderr, "tracescope: %s: %s\n", qPrintable(path), qPrintable(error));
        return nullptr;
    }
    for (const QString &e : data->loadErrors())
        std::fprintf(stderr, "tracescope: warning: left out: %s\n", qPrintable(e));
    if (groupTitles)
        *groupTitles = outcome.groupTitles();
    return data;
}

// The operator table of one input, host and device together (one row per name), with Ascend's
// kernel table of it (empty for other inputs).
struct OperatorTable
{
    QVector<model::OperatorStats> rows;
    model::KernelDetails kernels;
};

std::optional<OperatorTable> operatorTable(const QString &path, const ImportSettings &settings)
{
    const std::unique_ptr<model::TimelineData> data = loadInput(path, settings);
    if (!data)
        return std::nullopt;
    if (data->sliceCount() == 0)
        std::fprintf(stderr, "tracescope: note: %s has no slices, so no operators\n",
                     qPrintable(path));
    OperatorTable table;
    QString error;
    if (!model::loadKernelDetails(data->cachePaths(), &table.kernels, &error))
        std::fprintf(stderr, "tracescope: warning: the kernel table left out: %s\n",
                     qPrintable(error));
    model::OperatorQuery query;
    query.splitSides = false;
    table.rows = model::operatorStats(*data, query);
    return table;
}

// What the msMemScope dumps of one input hold per owner and per stack, or nothing after saying
// why on stderr (an input without dumps included).
std::optional<model::MemScopeRunHoldings> memoryHoldings(const QString &path,
                                                         const ImportSettings &settings)
{
    const std::optional<InputOutcome> outcome = imported(path, settings);
    if (!outcome)
        return std::nullopt;
    const QStringList caches = outcome->cachePaths();
    if (!model::cachesHoldMemScope(caches)) {
        std::fprintf(stderr,
                     "tracescope: %s holds no msMemScope dump: --stats memory reads the blocks "
                     "of memscope_dump_* files\n",
                     qPrintable(path));
        return std::nullopt;
    }
    model::MemScopeRunHoldings run;
    QString error;
    if (!model::memScopeHoldings(caches, &run, &error)) {
        std::fprintf(stderr, "tracescope: %s: %s\n", qPrintable(path), qPrintable(error));
        return std::nullopt;
    }
    return run;
}

// The table of --stats KIND for PATH, or of --compare BASE against it; nothing after saying why.
template <typename Table, typename Read, typename One, typename Two>
std::optional<QByteArray> statsCsv(const AppOptions &options, const ImportSettings &settings,
                                   Read read, One one, Two two)
{
    std::optional<Table> base;
    if (!options.compareBase.isEmpty()) {
        base = read(options.compareBase, settings);
        if (!base)
            return std::nullopt;
    }
    const std::optional<Table> table = read(options.paths.value(0), settings);
    if (!table)
        return std::nullopt;
    return base ? two(*base, *table) : one(*table);
}

// The per-step summary of one input as CSV.
std::optional<QByteArray> summaryTable(const QString &path, const ImportSettings &settings)
{
    QStringList titles;
    const std::unique_ptr<model::TimelineData> data = loadInput(path, settings, &titles);
    if (!data)
        return std::nullopt;
    model::SummaryInput input;
    QString error;
    if (!model::loadSummaryInput(*data, titles, &input, &error)) {
        std::fprintf(stderr, "tracescope: %s: %s\n", qPrintable(path), qPrintable(error));
        return std::nullopt;
    }
    const model::StepSummary summary = model::computeStepSummary(*data, input);
    if (summary.isEmpty())
        std::fprintf(stderr,
                     "tracescope: note: %s has no steps (no ProfilerStep#N slices, no "
                     "step_trace_time rows)\n",
                     qPrintable(path));
    return model::summaryCsv(summary);
}

// The Communication tab's operator table (commstats.h) of one input.
std::optional<QByteArray> communicationTable(const QString &path, const ImportSettings &settings)
{
    const std::optional<InputOutcome> outcome = imported(path, settings);
    if (!outcome)
        return std::nullopt;
    const QList<model::CommSource> sources = communicationSources(*outcome);
    if (sources.isEmpty())
        std::fprintf(stderr,
                     "tracescope: note: %s has no communication analysis (communication.json, "
                     "analysis.db, cluster_analysis_output)\n",
                     qPrintable(path));
    QString error;
    const model::CommunicationData data = model::CommunicationData::load(sources, &error);
    if (!error.isEmpty())
        std::fprintf(stderr, "tracescope: warning: left out: %s\n", qPrintable(error));
    return model::communicationCsv(model::CommunicationStats::compute(data).ops);
}

} // namespace

int runHeadlessStats(int &argc, char **argv, const AppOptions &options)
{
    installStopHandlers();
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    const std::optional<ImportSettings> prepared = headlessImportSettings(options);
    if (!prepared)
        return 1;
    const ImportSettings &settings = *prepared;

    std::optional<QByteArray> csv;
    if (options.stats == QLatin1String("summary"))
        csv = summaryTable(options.paths.value(0), settings);
    else if (options.stats == QLatin1String("communication"))
        csv = communicationTable(options.paths.value(0), settings);
    else if (options.stats == QLatin1String("memory"))
        csv = statsCsv<model::MemScopeRunHoldings>(
            options, settings, memoryHoldings, model::memScopeHoldingsCsv,
            [](const auto &base, const auto &next) {
                return model::memScopeCompareCsv(model::compareMemScope(base, next));
            });
    else
        csv = statsCsv<OperatorTable>(
            options, settings, operatorTable,
            [](const OperatorTable &t) { return model::operatorsCsv(t.rows, &t.kernels); },
            [](const OperatorTable &base, const OperatorTable &next) {
                // A comparison lines up names only.
                return model::compareCsv(model::compareOperators(base.rows, next.rows));
            });
    if (const int sig = stopSignal()) {
        std::fprintf(stderr,
                     "tracescope: interrupted by %s: the import was stopped, its importer killed "
                     "and its unfinished cache removed\n",
                     signalName(sig));
        return 128 + sig;
    }
    if (!csv)
        return 1;
    std::fwrite(csv->constData(), 1, size_t(csv->size()), stdout);
    std::fflush(stdout);
    return std::ferror(stdout) ? 1 : 0;
}

} // namespace ts::app

#include "headlessstats.h"

#include "appsetup.h"
#include "headlessimport.h"
#include "importservice.h"

#include "ascend/kerneldetails.h"
#include "commsources.h"
#include "communication/commstats.h"
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

// The operator table of one input, host and device together (one row per name). With
// `kernels`, Ascend's kernel table of it too (left empty for other inputs).
std::optional<QVector<model::OperatorStats>> operatorTable(const QString &path,
                                                           const ImportSettings &settings,
                                                           model::KernelDetails *kernels = nullptr)
{
    const std::unique_ptr<model::TimelineData> data = loadInput(path, settings);
    if (!data)
        return std::nullopt;
    if (data->sliceCount() == 0)
        std::fprintf(stderr, "tracescope: note: %s has no slices, so no operators\n",
                     qPrintable(path));
    QString error;
    if (kernels && !model::loadKernelDetails(data->cachePaths(), kernels, &error))
        std::fprintf(stderr, "tracescope: warning: the kernel table left out: %s\n",
                     qPrintable(error));
    model::OperatorQuery query;
    query.splitSides = false;
    return model::operatorStats(*data, query);
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

    if (options.stats == QLatin1String("summary") ||
        options.stats == QLatin1String("communication")) {
        const std::optional<QByteArray> csv =
            options.stats == QLatin1String("summary")
                ? summaryTable(options.paths.value(0), settings)
                : communicationTable(options.paths.value(0), settings);
        if (const int sig = stopSignal()) {
            std::fprintf(stderr,
                         "tracescope: interrupted by %s: the import was stopped, its importer "
                         "killed and its unfinished cache removed\n",
                         signalName(sig));
            return 128 + sig;
        }
        if (!csv)
            return 1;
        std::fwrite(csv->constData(), 1, size_t(csv->size()), stdout);
        std::fflush(stdout);
        return std::ferror(stdout) ? 1 : 0;
    }
    std::optional<QVector<model::OperatorStats>> base;
    if (!options.compareBase.isEmpty())
        base = operatorTable(options.compareBase, settings);
    std::optional<QVector<model::OperatorStats>> table;
    model::KernelDetails kernels; // a comparison lines up names only
    if (options.compareBase.isEmpty() || base)
        table = operatorTable(options.paths.value(0), settings,
                              options.compareBase.isEmpty() ? &kernels : nullptr);
    if (const int sig = stopSignal()) {
        std::fprintf(stderr,
                     "tracescope: interrupted by %s: the import was stopped, its importer killed "
                     "and its unfinished cache removed\n",
                     signalName(sig));
        return 128 + sig;
    }
    if (!table)
        return 1;
    const QByteArray csv = options.compareBase.isEmpty()
                               ? model::operatorsCsv(*table, &kernels)
                               : model::compareCsv(model::compareOperators(*base, *table));
    std::fwrite(csv.constData(), 1, size_t(csv.size()), stdout);
    std::fflush(stdout);
    return std::ferror(stdout) ? 1 : 0;
}

} // namespace ts::app

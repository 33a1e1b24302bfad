#include "headlessstats.h"

#include "appsetup.h"
#include "commsources.h"
#include "headlessimport.h"
#include "importservice.h"

#include "communication/commstats.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorcsv.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>

#include <cstdio>
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

// The operator table of one input, host and device together (one row per name), or nothing
// after saying why on stderr.
std::optional<QVector<model::OperatorStats>> operatorTable(const QString &path,
                                                           const ImportSettings &settings)
{
    const std::optional<InputOutcome> imports = imported(path, settings);
    if (!imports)
        return std::nullopt;
    const InputOutcome &outcome = *imports;
    model::TimelineData data;
    QString error;
    if (!data.load(outcome.cachePaths(), &error, outcome.groupTitles())) {
        std::fprintf(stderr, "tracescope: %s: %s\n", qPrintable(path), qPrintable(error));
        return std::nullopt;
    }
    for (const QString &e : data.loadErrors())
        std::fprintf(stderr, "tracescope: warning: left out: %s\n", qPrintable(e));
    if (data.sliceCount() == 0)
        std::fprintf(stderr, "tracescope: note: %s has no slices, so no operators\n",
                     qPrintable(path));
    model::OperatorQuery query;
    query.splitSides = false;
    return model::operatorStats(data, query);
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

    if (options.stats == QLatin1String("communication")) {
        const std::optional<QByteArray> csv = communicationTable(options.paths.value(0), settings);
        if (const int sig = stopSignal()) {
            std::fprintf(stderr, "tracescope: interrupted by %s\n", signalName(sig));
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
    if (options.compareBase.isEmpty() || base)
        table = operatorTable(options.paths.value(0), settings);
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
                               ? model::operatorsCsv(*table)
                               : model::compareCsv(model::compareOperators(*base, *table));
    std::fwrite(csv.constData(), 1, size_t(csv.size()), stdout);
    std::fflush(stdout);
    return std::ferror(stdout) ? 1 : 0;
}

} // namespace ts::app

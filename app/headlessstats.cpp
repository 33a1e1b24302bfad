#include "headlessstats.h"

#include "appsetup.h"
#include "headlessimport.h"
#include "importservice.h"

#include "memscope/memscopecompare.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorcsv.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>

#include <cstdio>
#include <optional>

namespace ts::app {

namespace {

// One input imported (or its caches reused), or nothing after saying why on stderr.
std::optional<InputOutcome> imported(const QString &path, const ImportSettings &settings)
{
    const InputOutcome outcome = importInput(path, settings, stopProgress());
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

// The operator table of one input, host and device together (one row per name), or nothing
// after saying why on stderr.
std::optional<QVector<model::OperatorStats>> operatorTable(const QString &path,
                                                           const ImportSettings &settings)
{
    const std::optional<InputOutcome> outcome = imported(path, settings);
    if (!outcome)
        return std::nullopt;
    model::TimelineData data;
    QString error;
    if (!data.load(outcome->cachePaths(), &error, outcome->groupTitles())) {
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

    const std::optional<QByteArray> csv =
        options.stats == QLatin1String("memory")
            ? statsCsv<model::MemScopeRunHoldings>(
                  options, settings, memoryHoldings, model::memScopeHoldingsCsv,
                  [](const auto &base, const auto &next) {
                      return model::memScopeCompareCsv(model::compareMemScope(base, next));
                  })
            : statsCsv<QVector<model::OperatorStats>>(
                  options, settings, operatorTable, model::operatorsCsv,
                  [](const auto &base, const auto &next) {
                      return model::compareCsv(model::compareOperators(base, next));
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

#include "headlessstats.h"

#include "appsetup.h"
#include "headlessimport.h"
#include "importservice.h"

#include "ascend/kerneldetails.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorcsv.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>

#include <cstdio>
#include <optional>

namespace ts::app {

namespace {

// The operator table of one input, host and device together (one row per name), or nothing
// after saying why on stderr. With `kernels`, Ascend's kernel table of it too (left empty for
// other inputs).
std::optional<QVector<model::OperatorStats>> operatorTable(const QString &path,
                                                           const ImportSettings &settings,
                                                           model::KernelDetails *kernels = nullptr)
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
    if (kernels && !model::loadKernelDetails(outcome.cachePaths(), kernels, &error))
        std::fprintf(stderr, "tracescope: warning: the kernel table left out: %s\n",
                     qPrintable(error));
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

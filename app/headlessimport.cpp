#include "headlessimport.h"

#include "appsetup.h"
#include "importservice.h"

#include "communication/commdata.h"
#include "memory/memorysummary.h"
#include "memscope/memscopesummary.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <csignal>
#include <cstdio>

namespace ts::app {

namespace {

// The handler only sets flags; the import's loops poll them.
ImportProgress g_progress;
volatile std::sig_atomic_t g_signal = 0;
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void onStopSignal(int sig)
{
    g_signal = sig;
    g_progress.cancelRequested.store(true); // lock-free (static_assert below), so signal-safe
}
static_assert(std::atomic<bool>::is_always_lock_free);

} // namespace

void installStopHandlers()
{
    struct sigaction action
    {
    };
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    for (int sig : kStopSignals)
        ::sigaction(sig, &action, nullptr);
}

ImportProgress &stopProgress()
{
    return g_progress;
}

int stopSignal()
{
    return g_signal;
}

const char *signalName(int sig)
{
    switch (sig) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "a signal";
    }
}

namespace {

// VmHWM: this process's own peak resident memory (the children report theirs separately).
double ownPeakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return qRound64(line.mid(6).trimmed().split(' ').value(0).toDouble() / 102.4) / 10.0;
    }
    return 0;
}

QJsonObject summaryJson(const InputOutcome &outcome)
{
    QJsonObject o;
    QString format;
    for (const ImportOutcome &f : outcome.files) {
        if (f.ok) {
            format = f.format;
            break;
        }
    }
    // A profiling folder is one input of several file kinds: named as a whole.
    o.insert(QStringLiteral("format"), outcome.ranks.isEmpty() ? format : QStringLiteral("ascend"));
    const QStringList caches = outcome.cachePaths();
    if (outcome.isFolder) {
        o.insert(QStringLiteral("cache"), QJsonArray::fromStringList(caches));
        o.insert(QStringLiteral("files"), caches.size());
    } else {
        o.insert(QStringLiteral("cache"), caches.value(0));
    }
    o.insert(QStringLiteral("reused"), outcome.allReused());
    const ImportCounts &c = outcome.counts;
    o.insert(QStringLiteral("processes"), c.processes);
    o.insert(QStringLiteral("threads"), c.threads);
    o.insert(QStringLiteral("tracks"), c.tracks);
    o.insert(QStringLiteral("slices"), c.slices);
    o.insert(QStringLiteral("instants"), c.instants);
    o.insert(QStringLiteral("counter_samples"), c.counterSamples);
    o.insert(QStringLiteral("flows"), c.flows);
    o.insert(QStringLiteral("skipped"), c.skipped);
    // Ascend profiling data: rank folders found, device tasks (kernel_details / op_summary rows)
    // and memory_record rows, summed over the ranks. Only for such input, so other output stays
    // as it was.
    if (!outcome.ranks.isEmpty() || c.deviceTasks || c.memRecords || c.steps || c.opMemory) {
        o.insert(QStringLiteral("ranks"), std::max<qsizetype>(outcome.ranks.size(), 1));
        o.insert(QStringLiteral("kernels"), c.deviceTasks);
        o.insert(QStringLiteral("memory_records"), c.memRecords);
        o.insert(QStringLiteral("steps"), c.steps);
        o.insert(QStringLiteral("operator_allocations"), c.opMemory);
        QJsonArray ranks;
        for (const RankOutcome &r : outcome.ranks)
            ranks.append(QJsonObject{{QStringLiteral("rank"), r.rank},
                                     {QStringLiteral("device"), r.device},
                                     {QStringLiteral("folder"), r.folder},
                                     {QStringLiteral("caches"), int(r.caches.size())}});
        if (!ranks.isEmpty())
            o.insert(QStringLiteral("rank_list"), ranks);
    }
    // Memory snapshots: only when a cache has memory tables, so trace output stays as it was.
    model::MemorySummary memory;
    for (const QString &cache : caches)
        memory += model::MemorySummary::fromCache(cache);
    if (memory.present) {
        o.insert(QStringLiteral("segments"), memory.segments);
        o.insert(QStringLiteral("blocks"), memory.blocks);
        o.insert(QStringLiteral("memory_events"), memory.memoryEvents);
        o.insert(QStringLiteral("frames"), memory.frames);
        o.insert(QStringLiteral("devices"), memory.devices);
    }
    // msMemScope dumps: every row, the MALLOCs, and what the pairing left live (blockpairing.h),
    // summed over the dumps of a folder.
    model::MemScopeSummary memscope;
    for (const QString &cache : caches)
        memscope += model::MemScopeSummary::fromCache(cache);
    if (memscope.present) {
        o.insert(QStringLiteral("memory_events"), memscope.events);
        o.insert(QStringLiteral("blocks"), memscope.blocks);
        o.insert(QStringLiteral("leaked_blocks"), memscope.leakedBlocks);
        o.insert(QStringLiteral("leaked_bytes"), memscope.leakedBytes);
        o.insert(QStringLiteral("frees_without_malloc"), memscope.orphanFrees);
    }
    // HCCL communication analysis (communication*.json, analysis.db, cluster_analysis_output):
    // the rows of each table, summed over the caches; only where there are any.
    model::CommunicationCounts comm;
    for (const QString &cache : caches)
        comm += model::CommunicationCounts::fromCache(cache);
    if (comm.present) {
        o.insert(QStringLiteral("communication_ops"), comm.ops);
        o.insert(QStringLiteral("communication_links"), comm.links);
        o.insert(QStringLiteral("matrix_links"), comm.matrixLinks);
    }
    o.insert(QStringLiteral("seconds"), qRound64(outcome.seconds * 1000) / 1000.0);
    // Beyond the contract: what the benchmark reads (0 when the cache was reused).
    o.insert(QStringLiteral("child_peak_rss_mb"), qRound64(outcome.childPeakRssKb / 102.4) / 10.0);
    o.insert(QStringLiteral("app_peak_rss_mb"), ownPeakRssMb());
    return o;
}

} // namespace

std::optional<ImportSettings> headlessImportSettings(const AppOptions &options)
{
    QString error;
    const QString cacheDir = prepareCacheDir(options, &error);
    if (cacheDir.isEmpty()) {
        std::fprintf(stderr, "tracescope: %s\n", qPrintable(error));
        return std::nullopt;
    }
    ImportSettings settings;
    settings.cacheDir = cacheDir;
    settings.childProgram = importChildPath();
    return settings;
}

int runHeadlessImport(int &argc, char **argv, const AppOptions &options)
{
    installStopHandlers();
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    const std::optional<ImportSettings> prepared = headlessImportSettings(options);
    if (!prepared)
        return 1;
    const ImportSettings &settings = *prepared;

    int failures = 0;
    bool interruptReported = false;
    for (const QString &path : options.paths) {
        if (g_signal)
            break;
        const InputOutcome outcome = importInput(path, settings, g_progress);
        if (g_signal && outcome.cancelled) {
            std::fprintf(stderr,
                         "tracescope: interrupted by %s: the import of %s was stopped, its "
                         "importer killed and its unfinished cache removed\n",
                         signalName(g_signal), qPrintable(path));
            interruptReported = true;
            break;
        }
        for (const QString &warning : outcome.warnings)
            std::fprintf(stderr, "tracescope: warning: %s\n", qPrintable(warning));
        if (!outcome.ok) {
            std::fprintf(stderr, "tracescope: %s\n", qPrintable(outcome.error));
            ++failures;
            continue;
        }
        const QByteArray line = QJsonDocument(summaryJson(outcome)).toJson(QJsonDocument::Compact);
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    }
    if (g_signal) {
        if (!interruptReported)
            std::fprintf(stderr, "tracescope: interrupted by %s; nothing more was imported\n",
                         signalName(g_signal));
        return 128 + g_signal; // the shell's convention for "ended by that signal"
    }
    return failures == 0 ? 0 : 1;
}

} // namespace ts::app

#include "importservice.h"

#include "ascend/ascendreader.h"
#include "ascendscan.h"
#include "cache/cachereader.h"
#include "cache/cachetemp.h"
#include "communication/commdata.h"
#include "inputscan.h"
#include "util/workerpool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <limits>

namespace ts::app {

QStringList InputOutcome::cachePaths() const
{
    QStringList paths;
    for (const ImportOutcome &f : files) {
        if (f.ok)
            paths << f.cachePath;
    }
    return paths;
}

QString RankOutcome::title() const
{
    const QString rankText = rank >= 0
                                 ? QCoreApplication::translate("RankOutcome", "Rank %1").arg(rank)
                                 : QCoreApplication::translate("RankOutcome", "Rank ? (%1)")
                                       .arg(QFileInfo(folder).fileName());
    return device >= 0
               ? QCoreApplication::translate("RankOutcome", "%1 · NPU %2").arg(rankText).arg(device)
               : rankText;
}

QStringList InputOutcome::groupTitles() const
{
    QHash<QString, QString> titleOf;
    for (const RankOutcome &r : ranks) {
        for (const QString &cache : r.caches)
            titleOf.insert(cache, r.title());
    }
    QStringList titles;
    for (const QString &cache : cachePaths())
        titles << titleOf.value(cache);
    return titles;
}

bool InputOutcome::allReused() const
{
    return !files.isEmpty() &&
           std::all_of(files.cbegin(), files.cend(),
                       [](const ImportOutcome &f) { return !f.ok || f.reused; });
}

namespace {

// A folder of ranks is shown in rank order (distributedInfo.rank), not file-name order:
// "rank-10" sorts before "rank-2" by name.
void sortByRank(QList<ImportOutcome> &files)
{
    QHash<QString, int> rankOf;
    for (const ImportOutcome &f : std::as_const(files)) {
        int rank = std::numeric_limits<int>::max();
        model::CacheReader reader;
        if (f.ok && reader.open(f.cachePath, nullptr)) {
            for (const model::ProcessInfo &p : reader.processes()) {
                if (p.rank >= 0) {
                    rank = std::min(rank, p.rank);
                }
            }
        }
        rankOf.insert(f.inputPath, rank);
    }
    std::stable_sort(files.begin(), files.end(),
                     [&rankOf](const ImportOutcome &a, const ImportOutcome &b) {
                         return rankOf.value(a.inputPath) < rankOf.value(b.inputPath);
                     });
}

QList<ImportOutcome> importAll(const QStringList &files, const ImportSettings &settings,
                               ImportProgress &progress)
{
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    return QtConcurrent::blockingMapped<QList<ImportOutcome>>(
        &pool, files, [&settings, &progress](const QString &file) {
            return importFile(file, settings, progress);
        });
}

// Every rank's files, in parallel; then the text files of the ranks whose profiler DB could not
// be read. Fills result.files and result.ranks.
void importRanks(const AscendScan &scan, const ImportSettings &settings, ImportProgress &progress,
                 InputOutcome &result)
{
    QStringList files;
    for (const RankFolder &r : scan.ranks)
        files << r.files;
    files << scan.clusterFiles;
    result.files = importAll(files, settings, progress);
    QHash<QString, int> outcomeOf; // input path → index in result.files
    for (int i = 0; i < result.files.size(); ++i)
        outcomeOf.insert(result.files[i].inputPath, i);

    QStringList fallback;
    for (const RankFolder &r : scan.ranks) {
        if (r.fallback.isEmpty())
            continue;
        const QString db = r.files.constLast(); // pickFiles puts the DB last
        const ImportOutcome &dbOutcome = result.files[outcomeOf.value(db)];
        if (dbOutcome.ok || dbOutcome.cancelled)
            continue;
        // Its own error is reported with the other files' below.
        result.warnings << QStringLiteral("%1 could not be read; reading the rank's text files "
                                          "instead")
                               .arg(db);
        fallback << r.fallback;
    }
    if (!fallback.isEmpty() && !progress.cancelRequested) {
        for (const ImportOutcome &o : importAll(fallback, settings, progress)) {
            outcomeOf.insert(o.inputPath, int(result.files.size()));
            result.files << o;
        }
    }

    for (const RankFolder &r : scan.ranks) {
        RankOutcome rank;
        rank.folder = r.path;
        int data = 0; // caches with rows or slices: a profiler_info alone shows nothing
        for (const QString &file : r.files + r.fallback) {
            const int i = outcomeOf.value(file, -1);
            if (i < 0 || !result.files[i].ok)
                continue;
            const ImportOutcome &o = result.files[i];
            rank.caches << o.cachePath;
            const model::AscendSummary a = model::AscendSummary::fromCache(o.cachePath);
            if (a.memRecords || a.opMemory)
                rank.memoryCaches << o.cachePath; // the Memory tab's, found off the GUI thread
            if (rank.rank < 0)
                rank.rank = a.rankId;
            if (rank.device < 0)
                rank.device = a.deviceId;
            data += (o.counts.slices || o.counts.counterSamples || a.deviceTasks || a.steps ||
                     a.memRecords || a.opMemory ||
                     model::CommunicationCounts::fromCache(o.cachePath).present)
                        ? 1
                        : 0;
        }
        if (data == 0)
            result.warnings << QStringLiteral("%1: nothing in this rank folder could be read "
                                              "(looked for its profiler DB, trace_view.json, "
                                              "kernel_details.csv, memory_record.csv, "
                                              "operator_memory.csv, step_trace_time.csv, "
                                              "communication.json)")
                                   .arg(r.path);
        result.ranks << rank;
    }
    // By rank id (those without one last, by folder), and the files in that order too.
    std::stable_sort(
        result.ranks.begin(), result.ranks.end(), [](const RankOutcome &a, const RankOutcome &b) {
            const auto key = [](const RankOutcome &r) {
                return r.rank >= 0 ? qint64(r.rank) : std::numeric_limits<qint64>::max();
            };
            return key(a) < key(b);
        });
    QHash<QString, int> orderOf;
    for (int i = 0; i < result.ranks.size(); ++i) {
        for (const QString &cache : std::as_const(result.ranks[i].caches))
            orderOf.insert(cache, i);
    }
    std::stable_sort(result.files.begin(), result.files.end(),
                     [&orderOf](const ImportOutcome &a, const ImportOutcome &b) {
                         return orderOf.value(a.cachePath, INT_MAX) <
                                orderOf.value(b.cachePath, INT_MAX);
                     });
}

} // namespace

void sweepAbandonedCachesInBackground(const QString &cacheDir)
{
    // Fire and forget: the result only feeds the message.
    (void)QtConcurrent::run([cacheDir] {
        const model::SweepResult swept = model::CacheTemp::removeAbandoned(cacheDir);
        if (swept.removed > 0)
            std::fprintf(stderr,
                         "tracescope: removed %d unfinished cache file(s) (%.1f MB) that killed "
                         "imports left in %s\n",
                         swept.removed, double(swept.bytes) / (1 << 20), qPrintable(cacheDir));
    });
}

InputOutcome importInput(const QString &path, const ImportSettings &settings,
                         ImportProgress &progress)
{
    QElapsedTimer clock;
    clock.start();
    InputOutcome result;
    result.path = path;
    // What an import killed outright (SIGKILL, a crash) left in this folder goes first; files
    // another running import writes are locked and stay (cachetemp.h).
    model::CacheTemp::removeAbandoned(settings.cacheDir);
    result.isFolder = QFileInfo(path).isDir() && !QFileInfo(path).isSymLink();
    const AscendScan ascend = result.isFolder ? findRankFolders(path) : AscendScan{};
    if (!result.isFolder) {
        result.files << importFile(path, settings, progress);
    } else if (!ascend.ranks.isEmpty()) {
        result.warnings << ascend.notes;
        importRanks(ascend, settings, progress, result);
    } else {
        const ScanResult scan = scanInput(path);
        result.warnings << scan.ignored;
        if (scan.files.isEmpty()) {
            result.error = QStringLiteral("%1: nothing importable in this folder (looked for "
                                          "trace files by their content)")
                               .arg(path);
            result.seconds = clock.elapsed() / 1000.0;
            return result;
        }
        result.files = importAll(scan.files, settings, progress);
        sortByRank(result.files);
    }

    int imported = 0;
    for (const ImportOutcome &f : std::as_const(result.files)) {
        result.warnings << f.warnings;
        result.cancelled = result.cancelled || f.cancelled;
        result.childPeakRssKb = std::max(result.childPeakRssKb, f.childPeakRssKb);
        if (f.ok) {
            ++imported;
            result.counts += f.counts;
        } else if (result.isFolder) {
            // One unreadable file does not sink a folder of ranks; it is reported beside them.
            result.warnings << f.error;
        }
    }
    result.ok = !result.cancelled && imported > 0 && (result.isFolder || result.files.value(0).ok);
    if (result.cancelled)
        result.error = QStringLiteral("import of %1 was cancelled").arg(path);
    else if (!result.ok)
        result.error = result.isFolder
                           ? QStringLiteral("%1: none of the %2 candidate files could be "
                                            "imported")
                                 .arg(path)
                                 .arg(result.files.size())
                           : result.files.value(0).error;
    result.seconds = clock.elapsed() / 1000.0;
    return result;
}

ImportHandle::ImportHandle(QObject *parent)
    : QObject(parent), m_progress(std::make_shared<ImportProgress>())
{
    m_timer = new QTimer(this);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &ImportHandle::pollProgress);
    connect(&m_watcher, &QFutureWatcher<InputOutcome>::finished, this, [this] {
        m_timer->stop();
        m_outcome = m_watcher.result();
        m_finished = true;
        emit finished(m_outcome);
    });
}

ImportHandle::~ImportHandle()
{
    // No waiting here: this runs on the GUI thread (a tab closing), and the import may be deep in
    // a statement. The worker owns everything it uses (its settings, its own reference to the
    // progress block), stops within a poll interval of the cancel, kills its child and removes its
    // temporary cache; the application waits for the global thread pool before it exits.
    cancel();
}

void ImportHandle::cancel()
{
    m_progress->cancelRequested = true;
}

void ImportHandle::pollProgress()
{
    const uint64_t total = m_progress->bytesTotal;
    const uint64_t done = m_progress->bytesDone;
    const double fraction = total ? std::min(1.0, double(done) / double(total)) : 0.0;
    static const char *const kStages[] = {QT_TR_NOOP("Opening"), QT_TR_NOOP("Reading"),
                                          QT_TR_NOOP("Writing the cache"), QT_TR_NOOP("Done")};
    const int stage = std::clamp(m_progress->stage.load(), 0, 3);
    emit progressChanged(fraction, tr(kStages[stage]));
}

ImportService::ImportService(QString cacheDir, QString childProgram, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ts::app::InputOutcome>();
    m_settings.cacheDir = std::move(cacheDir);
    m_settings.childProgram = std::move(childProgram);
}

ImportHandle *ImportService::start(const QString &path, QObject *owner)
{
    auto *handle = new ImportHandle(owner);
    std::shared_ptr<ImportProgress> progress = handle->m_progress;
    const ImportSettings settings = m_settings;
    handle->m_watcher.setFuture(
        QtConcurrent::run(model::waitingWorkPool(), [path, settings, progress] {
            return importInput(path, settings, *progress);
        }));
    handle->m_timer->start();
    return handle;
}

} // namespace ts::app

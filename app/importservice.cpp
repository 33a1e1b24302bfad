#include "importservice.h"

#include "cache/cachereader.h"
#include "cache/cachetemp.h"
#include "inputscan.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>
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

bool InputOutcome::allReused() const
{
    return !files.isEmpty() && std::all_of(files.cbegin(), files.cend(),
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
    std::stable_sort(files.begin(), files.end(), [&rankOf](const ImportOutcome &a, const ImportOutcome &b) {
        return rankOf.value(a.inputPath) < rankOf.value(b.inputPath);
    });
}

} // namespace

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
    if (!result.isFolder) {
        result.files << importFile(path, settings, progress);
    } else {
        const ScanResult scan = scanInput(path);
        result.warnings << scan.ignored;
        if (scan.files.isEmpty()) {
            result.error = QStringLiteral("%1: nothing importable in this folder (looked for "
                                          "trace files by their content)").arg(path);
            result.seconds = clock.elapsed() / 1000.0;
            return result;
        }
        QThreadPool pool;
        pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        result.files = QtConcurrent::blockingMapped<QList<ImportOutcome>>(
            &pool, scan.files,
            [&settings, &progress](const QString &file) { return importFile(file, settings, progress); });
    }

    sortByRank(result.files);
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
    result.ok = !result.cancelled && imported > 0 &&
                (result.isFolder || result.files.value(0).ok);
    if (result.cancelled)
        result.error = QStringLiteral("import of %1 was cancelled").arg(path);
    else if (!result.ok)
        result.error = result.isFolder
                           ? QStringLiteral("%1: none of the %2 candidate files could be "
                                            "imported").arg(path).arg(result.files.size())
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
    static const char *const kStages[] = {"Opening", "Reading", "Writing the cache", "Done"};
    const int stage = std::clamp(m_progress->stage.load(), 0, 3);
    emit progressChanged(fraction, QString::fromLatin1(kStages[stage]));
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
    handle->m_watcher.setFuture(QtConcurrent::run(
        [path, settings, progress] { return importInput(path, settings, *progress); }));
    handle->m_timer->start();
    return handle;
}

} // namespace ts::app

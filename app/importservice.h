#pragma once
// Imports what the user opened — a file or a folder of files — and reports back. The blocking
// importInput() is the one code path for the GUI and the headless importer; ImportService wraps
// it for the GUI in a worker thread with progress polling and cancel.

#include "importjob.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

class QTimer;

namespace ts::app {

// An Ascend rank folder and what its files gave: its identity from the content (profiler_info's
// rank_id, the device the rows name), never from the folder's name.
struct RankOutcome
{
    QString folder;
    int rank = -1;            // -1: no profiler_info said
    int device = -1;          // -1: no row named one
    QStringList caches;       // of its files that imported
    QStringList memoryCaches; // of those, the ones with memory records or operator allocations
    QString title() const;    // "Rank 2 · NPU 4"
};

struct InputOutcome
{
    QString path;
    bool isFolder = false;
    bool ok = false;
    bool cancelled = false;
    QString error;
    QStringList warnings;
    QList<ImportOutcome> files; // one per file imported (or tried), in rank/name order
    ImportCounts counts;        // over the files that imported
    double seconds = 0;
    qint64 childPeakRssKb = 0; // the largest of the files' children
    QList<RankOutcome> ranks;  // Ascend rank folders found (empty for other inputs), by rank
    QStringList cachePaths() const;
    // Aligned with cachePaths(): the rank group each cache shows in, or empty.
    QStringList groupTitles() const;
    bool allReused() const;
};

// Blocking. A folder's files import in parallel, one child each, up to the number of cores.
// It first removes what imports killed outright left in the cache folder (cachetemp.h), so the
// headless importer sweeps at start-up through its first import.
InputOutcome importInput(const QString &path, const ImportSettings &settings,
                         ImportProgress &progress);

// The same sweep at the GUI's start-up, on the global thread pool so a folder full of leftovers
// never holds up the window; the application waits for the pool before it exits. Says on stderr
// what it removed, if anything.
void sweepAbandonedCachesInBackground(const QString &cacheDir);

class ImportHandle : public QObject
{
    Q_OBJECT
public:
    ~ImportHandle() override;
    void cancel();
    const InputOutcome &outcome() const { return m_outcome; }
    bool isFinished() const { return m_finished; }
    // ImportProgress::stage: 0 opening, 1 reading (the child parses), 2 writing the cache, 3 done.
    int stage() const { return m_progress->stage; }

signals:
    void progressChanged(double fraction, const QString &stage);
    void finished(const ts::app::InputOutcome &outcome);

private:
    friend class ImportService;
    explicit ImportHandle(QObject *parent);
    void pollProgress();

    std::shared_ptr<ImportProgress> m_progress;
    QFutureWatcher<InputOutcome> m_watcher;
    QTimer *m_timer = nullptr;
    InputOutcome m_outcome;
    bool m_finished = false;
};

class ImportService : public QObject
{
    Q_OBJECT
public:
    ImportService(QString cacheDir, QString childProgram, QObject *parent = nullptr);

    // The handle belongs to `owner` (the document tab); destroying it cancels the import.
    ImportHandle *start(const QString &path, QObject *owner);

    const ImportSettings &settings() const { return m_settings; }
    void setLimits(const ImportLimits &limits) { m_settings.limits = limits; }

private:
    ImportSettings m_settings;
};

} // namespace ts::app

Q_DECLARE_METATYPE(ts::app::InputOutcome)

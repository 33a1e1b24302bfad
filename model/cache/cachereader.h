#pragma once
// Read-only access to one cache for the views and the headless importer. Opened with SQLite's
// defensive settings; refuses a file of another schema version or one never completed. Runs
// only SQL of its own. Not thread-safe: one reader per thread.

#include "cache/cachewriter.h"
#include "cache/sqlite.h"

#include <QList>
#include <QString>

namespace ts::model {

struct ProcessInfo
{
    qint64 id = 0;
    qint64 pid = 0;
    QString name;
    QString label;
    qint64 sortIndex = 0;
    int rank = -1;
};

struct TrackInfo
{
    qint64 id = 0;
    int kind = 0;
    int flags = 0;
    qint64 processId = 0;
    qint64 threadId = 0;
    qint64 tid = 0;
    QString name;        // the track's own name, else the thread's, else "tid N"
    qint64 sortIndex = 0;
    int maxDepth = 0;
    qint64 items = 0;    // slices, instants or counter samples on it
};

struct SkipReason
{
    QString reason;
    qint64 count = 0;
};

class CacheReader
{
public:
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }

    QString meta(const QString &key) const;
    QString format() const { return meta(QStringLiteral("format")); }
    ImportSummary summary() const;
    QList<ProcessInfo> processes() const; // in display order
    // Grouped by process, in display order. withCounts also counts each track's items (a scan
    // of the slice index: the overview wants it, the timeline does not).
    QList<TrackInfo> tracks(bool withCounts = true) const;
    QList<SkipReason> skipReasons() const;
    QStringList warnings(int limit = 100) const;
    QList<QPair<QString, QString>> metadata() const;

    const Database &database() const { return m_db; }

private:
    Database m_db;
    QString m_path;
};

} // namespace ts::model

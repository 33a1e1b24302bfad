#include "cachereader.h"

#include "cache/cacheschema.h"

namespace ts::model {

bool CacheReader::open(const QString &path, QString *error)
{
    m_path = path;
    if (!m_db.openReadOnly(path, error))
        return false;
    auto refuse = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1 is not a usable cache: %2").arg(path, why);
        m_db.close();
        return false;
    };
    Statement application(m_db, "PRAGMA application_id");
    if (!application.step())
        return refuse(m_db.lastError());
    if (application.int64(0) != kApplicationId)
        return refuse(QStringLiteral("it was not written by TraceScope (application id %1)")
                          .arg(application.int64(0)));
    Statement version(m_db, "PRAGMA user_version");
    if (!version.step())
        return refuse(m_db.lastError());
    if (version.int64(0) != kSchemaVersion)
        return refuse(QStringLiteral("schema version %1, this TraceScope reads %2")
                          .arg(version.int64(0))
                          .arg(kSchemaVersion));
    Statement tables(m_db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                           "('meta','string','process','thread','track','slice','args',"
                           "'instant','counter','flow','skipped','warning','metadata','slice_pack')");
    if (!tables.step() || tables.int64(0) != 14)
        return refuse(QStringLiteral("tables are missing"));
    if (meta(QStringLiteral("complete")) != QLatin1String("1"))
        return refuse(QStringLiteral("it was never completed"));
    return true;
}

QString CacheReader::meta(const QString &key) const
{
    Statement s(m_db, "SELECT value FROM meta WHERE key=?");
    s.bind(1, key.toStdString());
    return s.step() ? s.text(0) : QString();
}

ImportSummary CacheReader::summary() const
{
    ImportSummary s;
    auto n = [this](const char *key) { return meta(QLatin1String(key)).toLongLong(); };
    s.processes = n("processes");
    s.threads = n("threads");
    s.tracks = n("tracks");
    s.slices = n("slices");
    s.instants = n("instants");
    s.counterSamples = n("counter_samples");
    s.flows = n("flows");
    s.skipped = n("skipped");
    s.deviceTasks = n("device_tasks");
    s.steps = n("steps");
    s.memRecords = n("memory_records");
    s.opMemory = n("op_memory");
    return s;
}

QList<ProcessInfo> CacheReader::processes() const
{
    QList<ProcessInfo> list;
    Statement s(m_db, "SELECT p.id, p.pid, n.str, l.str, p.sort_index, p.rank FROM process p "
                      "LEFT JOIN string n ON n.id = p.name_id "
                      "LEFT JOIN string l ON l.id = p.label_id "
                      "ORDER BY coalesce(p.rank, -1), p.sort_index, p.pid, p.id");
    while (s.step()) {
        ProcessInfo p;
        p.id = s.int64(0);
        p.pid = s.int64(1);
        p.name = s.text(2);
        p.label = s.text(3);
        p.sortIndex = s.int64(4);
        p.rank = s.isNull(5) ? -1 : int(s.int64(5));
        list << p;
    }
    return list;
}

QList<TrackInfo> CacheReader::tracks(bool withCounts) const
{
    QList<TrackInfo> list;
    const char *items =
        withCounts ? "CASE t.kind WHEN 2 THEN (SELECT count(*) FROM counter c WHERE c.track_id = t.id) "
                     "ELSE (SELECT coalesce(sum(p.count), 0) FROM slice_pack p WHERE p.track_id = t.id) + "
                     "(SELECT count(*) FROM instant i WHERE i.track_id = t.id) END "
                   : "0 ";
    const QByteArray sql =
        QByteArray("SELECT t.id, t.kind, t.flags, coalesce(t.process_id, 0), "
                   "coalesce(t.thread_id, 0), coalesce(th.tid, 0), "
                   "coalesce(tn.str, thn.str, 'tid ' || th.tid, ''), coalesce(th.sort_index, 0), "
                   "t.max_depth, ") +
        items +
        "FROM track t LEFT JOIN thread th ON th.id = t.thread_id "
        "LEFT JOIN string tn ON tn.id = t.name_id "
        "LEFT JOIN string thn ON thn.id = th.name_id "
        "ORDER BY t.process_id, t.kind = 2, coalesce(th.sort_index, 0), th.tid, t.id";
    Statement s(m_db, sql.constData());
    while (s.step()) {
        TrackInfo t;
        t.id = s.int64(0);
        t.kind = int(s.int64(1));
        t.flags = int(s.int64(2));
        t.processId = s.int64(3);
        t.threadId = s.int64(4);
        t.tid = s.int64(5);
        t.name = s.text(6);
        t.sortIndex = s.int64(7);
        t.maxDepth = int(s.int64(8));
        t.items = s.int64(9);
        list << t;
    }
    return list;
}

QList<SkipReason> CacheReader::skipReasons() const
{
    QList<SkipReason> list;
    Statement s(m_db, "SELECT reason, count FROM skipped ORDER BY count DESC, reason");
    while (s.step())
        list << SkipReason{s.text(0), s.int64(1)};
    return list;
}

QStringList CacheReader::warnings(int limit) const
{
    QStringList list;
    Statement s(m_db, "SELECT message FROM warning ORDER BY rowid LIMIT ?");
    s.bind(1, int64_t(limit));
    while (s.step())
        list << s.text(0);
    return list;
}

QList<QPair<QString, QString>> CacheReader::metadata() const
{
    QList<QPair<QString, QString>> list;
    Statement s(m_db, "SELECT key, value FROM metadata ORDER BY rowid");
    while (s.step())
        list << qMakePair(s.text(0), s.text(1));
    return list;
}

} // namespace ts::model

// From a checked record stream to a cache and back: depth and parents from unsorted slices,
// flow binding by each rule, counts, the all-or-nothing file, its mode, links refused, reuse
// rules, and the read-only defensive reader.
#include "cache/cachereader.h"
#include "cache/cacheschema.h"
#include "cache/cachestore.h"
#include "cache/importsession.h"
#include "streambuilder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

struct Row
{
    qint64 id, ts, dur, depth, parent;
};

QList<Row> slices(const model::CacheReader &r)
{
    QList<Row> rows;
    model::Statement s(r.database(),
                       "SELECT id, ts, dur, depth, coalesce(parent_id, 0) FROM slice ORDER BY id");
    while (s.step())
        rows << Row{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4)};
    return rows;
}

QList<QPair<qint64, qint64>> flows(const model::CacheReader &r)
{
    QList<QPair<qint64, qint64>> rows;
    model::Statement s(r.database(), "SELECT slice_out, slice_in FROM flow ORDER BY id");
    while (s.step())
        rows << qMakePair(s.int64(0), s.int64(1));
    return rows;
}

qint64 idAt(const QList<Row> &rows, qint64 ts, qint64 dur)
{
    for (const Row &r : rows)
        if (r.ts == ts && r.dur == dur)
            return r.id;
    return -1;
}

rec::FlowEndpoint at(rec::FlowBind bind, int64_t ts, uint64_t seq = 0)
{
    return rec::FlowEndpoint{bind, 1, ts, seq};
}

} // namespace

class TestCacheWriter : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void depthAndParents();
    void badNestingStillDrawn();
    void flowBinding();
    void countsAndMeta();
    void abortLeavesNothing();
    void violationStopsFeed();
    void fileModeAndLinks();
    void storeKeysAndReuse();
    void readerIsReadOnly();

private:
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    bool build(const std::string &bytes, const QString &file,
               model::ImportSummary *summary = nullptr)
    {
        model::ImportSession session;
        QString error;
        if (!session.begin(file, &error) || !session.feed(bytes.data(), bytes.size()))
            return false;
        const bool ok = session.finish(
            model::CacheMeta{QStringLiteral("abc"), QStringLiteral("t.json"), 42}, &error);
        if (summary)
            *summary = session.summary();
        return ok;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCacheWriter::depthAndParents()
{
    // Out of order on purpose: a trace is not sorted per thread.
    StreamBuilder b;
    b.basics().slice(30, 30).slice(200, 10).slice(0, 100).slice(40, 10).slice(10, 10).result();
    QVERIFY(build(b.bytes(), path("a.tscache")));
    model::CacheReader r;
    QString error;
    QVERIFY2(r.open(path("a.tscache"), &error), qPrintable(error));
    const QList<Row> rows = slices(r);
    QCOMPARE(rows.size(), 5);
    for (int i = 1; i < rows.size(); ++i)
        QVERIFY2(rows[i - 1].ts <= rows[i].ts, "ids follow (track, ts)");
    const qint64 outer = idAt(rows, 0, 100), a = idAt(rows, 10, 10), b30 = idAt(rows, 30, 30),
                 inner = idAt(rows, 40, 10), late = idAt(rows, 200, 10);
    auto row = [&](qint64 id) { return rows[int(id - 1)]; };
    QCOMPARE(row(outer).depth, 0);
    QCOMPARE(row(a).depth, 1);
    QCOMPARE(row(a).parent, outer);
    QCOMPARE(row(b30).depth, 1);
    QCOMPARE(row(inner).depth, 2);
    QCOMPARE(row(inner).parent, b30);
    QCOMPARE(row(late).depth, 0);
    QCOMPARE(row(late).parent, 0);
    QCOMPARE(r.tracks().value(0).maxDepth, 2);
}

void TestCacheWriter::badNestingStillDrawn()
{
    StreamBuilder b;
    b.basics().slice(0, 10).slice(5, 20).result(); // the second starts inside, ends after
    QVERIFY(build(b.bytes(), path("b.tscache")));
    model::CacheReader r;
    QVERIFY(r.open(path("b.tscache"), nullptr));
    const QList<Row> rows = slices(r);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[1].depth, 1);
}

void TestCacheWriter::flowBinding()
{
    StreamBuilder b;
    b.basics()
        .slice(0, 100) // seq 0
        .slice(40, 10) // seq 1
        .slice(60, 0)  // seq 2: zero duration
        .slice(300, 5) // seq 3
        .add(rec::FlowRec{at(rec::FlowBind::Enclosing, 45), at(rec::FlowBind::Next, 250), 0, 0})
        .add(rec::FlowRec{at(rec::FlowBind::Enclosing, 60), at(rec::FlowBind::Enclosing, 70), 0, 0})
        .add(rec::FlowRec{at(rec::FlowBind::Sequence, 0, 3), at(rec::FlowBind::Sequence, 0, 1), 0,
                          0})
        .add(rec::FlowRec{at(rec::FlowBind::Enclosing, 200), at(rec::FlowBind::Next, 999), 0,
                          0}) // unbound
        .result();
    model::ImportSummary summary;
    QVERIFY(build(b.bytes(), path("f.tscache"), &summary));
    QCOMPARE(summary.flows, qint64(3));
    QCOMPARE(summary.skipped, qint64(1));
    model::CacheReader r;
    QVERIFY(r.open(path("f.tscache"), nullptr));
    const QList<Row> rows = slices(r);
    const qint64 outer = idAt(rows, 0, 100), inner = idAt(rows, 40, 10), zero = idAt(rows, 60, 0),
                 last = idAt(rows, 300, 5);
    const auto f = flows(r);
    QCOMPARE(f.size(), 3);
    QCOMPARE(f[0], qMakePair(inner, last)); // deepest enclosing; next starting at/after 250
    QCOMPARE(f[1], qMakePair(zero, outer)); // a zero-length slice encloses its own instant
    QCOMPARE(f[2], qMakePair(last, inner)); // by sequence number
    QCOMPARE(r.skipReasons().value(0).reason, QStringLiteral("flow end matches no slice"));
}

void TestCacheWriter::countsAndMeta()
{
    StreamBuilder b;
    b.basics()
        .slice(0, 5)
        .add(rec::InstantRec{1, 3, 3, 0, rec::InstantScope::Thread, "{\"k\":1}"})
        .add(rec::StringRec{4, "Total Allocated"})
        .add(rec::StringRec{5, "util"})
        .add(rec::StringRec{6, "baseTimeNanoseconds"})
        .add(rec::StringRec{7, "bad events"})
        .add(rec::TrackRec{2, rec::TrackKind::Counter, rec::kTrackDerived, 1, 0, 4})
        .add(rec::TrackRec{3, rec::TrackKind::Counter, 0, 1, 0, 5})
        .add(rec::CounterRec{2, 1, 10})
        .add(rec::CounterRec{2, 2, 20})
        .add(rec::CounterRec{3, 1, 0.5})
        .add(rec::MetadataRec{6, "1727743122000000000"})
        .add(rec::SkippedRec{7, 4})
        .add(rec::SkippedRec{7, 1})
        .result();
    model::ImportSummary s;
    QVERIFY(build(b.bytes(), path("c.tscache"), &s));
    QCOMPARE(s.slices, qint64(1));
    QCOMPARE(s.instants, qint64(1));
    QCOMPARE(s.counterSamples, qint64(1)); // derived series are not counted
    QCOMPARE(s.skipped, qint64(5));
    QCOMPARE(s.processes, qint64(1));
    QCOMPARE(s.tracks, qint64(3));
    model::CacheReader r;
    QVERIFY(r.open(path("c.tscache"), nullptr));
    QCOMPARE(r.summary().counterSamples, s.counterSamples);
    QCOMPARE(r.summary().skipped, s.skipped);
    QCOMPARE(r.meta(QStringLiteral("base_time_ns")), QStringLiteral("1727743122000000000"));
    QCOMPARE(r.meta(QStringLiteral("input_sha256")), QStringLiteral("abc"));
    QCOMPARE(r.meta(QStringLiteral("input_name")), QStringLiteral("t.json"));
    QCOMPARE(r.format(), QStringLiteral("chrome-trace"));
}

void TestCacheWriter::abortLeavesNothing()
{
    model::ImportSession session;
    QString error;
    QVERIFY(session.begin(path("x.tscache"), &error));
    StreamBuilder b;
    b.basics().slice(0, 5);
    QVERIFY(session.feed(b.bytes().data(), b.bytes().size()));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1); // the temporary file
    session.abort();
    QVERIFY(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestCacheWriter::violationStopsFeed()
{
    model::ImportSession session;
    QString error;
    QVERIFY(session.begin(path("v.tscache"), &error));
    StreamBuilder b;
    b.basics().slice(0, 5, 99);
    QVERIFY(!session.feed(b.bytes().data(), b.bytes().size()));
    QVERIFY(session.errorText().contains(QStringLiteral("unknown track id 99")));
    session.abort();
    QVERIFY(!QFile::exists(path("v.tscache")));
}

void TestCacheWriter::fileModeAndLinks()
{
    const mode_t old = ::umask(0); // the code, not the umask, must keep the mode tight
    StreamBuilder b;
    b.basics().slice(0, 5).result();
    const bool built = build(b.bytes(), path("m.tscache"));
    ::umask(old);
    QVERIFY(built);
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path("m.tscache")).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0640);

    QFile victim(path("victim"));
    QVERIFY(victim.open(QIODevice::WriteOnly));
    victim.write("keep");
    victim.close();
    QVERIFY(QFile::link(path("victim"), path("link.tscache")));
    QVERIFY(!build(b.bytes(), path("link.tscache")));
    QVERIFY(victim.open(QIODevice::ReadOnly));
    QCOMPARE(victim.readAll(), QByteArray("keep"));
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::System);
    QVERIFY2(!left.join(',').contains(QStringLiteral(".tmp-")), qPrintable(left.join(',')));
}

void TestCacheWriter::storeKeysAndReuse()
{
    const QString dir = m_dir->path();
    const QString a = model::CacheStore::cachePathFor(dir, QStringLiteral("/data/t.json"), 10, 1);
    QVERIFY(a.endsWith(QLatin1String(model::kCacheSuffix)));
    QCOMPARE(model::CacheStore::cachePathFor(dir, QStringLiteral("/data/t.json"), 10, 1), a);
    QVERIFY(model::CacheStore::cachePathFor(dir, QStringLiteral("/data/t.json"), 11, 1) != a);
    QVERIFY(model::CacheStore::cachePathFor(dir, QStringLiteral("/data/t.json"), 10, 2) != a);
    QVERIFY(model::CacheStore::cachePathFor(dir, QStringLiteral("/data/u.json"), 10, 1) != a);

    QVERIFY(!model::CacheStore::isReusable(a)); // missing
    StreamBuilder b;
    b.basics().slice(0, 5).result();
    QVERIFY(build(b.bytes(), a));
    QVERIFY(model::CacheStore::isReusable(a));

    // An older schema, an incomplete file, or garbage: rebuilt, never trusted.
    auto tamper = [&](const char *sql) {
        sqlite3 *db = nullptr;
        sqlite3_open(QFile::encodeName(a).constData(), &db);
        sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        sqlite3_close(db);
    };
    tamper("PRAGMA user_version=0");
    QVERIFY(!model::CacheStore::isReusable(a));
    tamper(("PRAGMA user_version=" + std::to_string(model::kSchemaVersion) +
            "; UPDATE meta SET value='0' WHERE key='complete'")
               .c_str());
    QVERIFY(!model::CacheStore::isReusable(a));
    QFile junk(a);
    QVERIFY(junk.open(QIODevice::WriteOnly | QIODevice::Truncate));
    junk.write("this is not a database");
    junk.close();
    QVERIFY(!model::CacheStore::isReusable(a));
}

void TestCacheWriter::readerIsReadOnly()
{
    StreamBuilder b;
    b.basics().slice(0, 5).result();
    QVERIFY(build(b.bytes(), path("r.tscache")));
    model::CacheReader r;
    QVERIFY(r.open(path("r.tscache"), nullptr));
    QVERIFY(!const_cast<model::Database &>(r.database()).exec("DELETE FROM slice"));
    QCOMPARE(r.summary().slices, qint64(1));
    QCOMPARE(r.processes().value(0).name, QStringLiteral("p"));
    QCOMPARE(r.tracks().value(0).name, QStringLiteral("t"));
    QCOMPARE(r.tracks().value(0).items, qint64(1));
}

QTEST_GUILESS_MAIN(TestCacheWriter)
#include "tst_cachewriter.moc"

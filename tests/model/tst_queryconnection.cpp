// SQL over the cache: results against the slices the test itself generated, every write form
// refused with an error that says so and the cache file left byte for byte as it was, the time
// limit and Cancel stopping a runaway recursive CTE, the row limit, and queries across ranks.
#include "cachebuilder.h"
#include "sql/queryrunner.h"
#include "sql/schemaqualifiers.h"
#include "util/csv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <thread>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

struct Collected
{
    model::QueryOutcome outcome;
    QStringList columns;
    QList<model::SqlRow> rows;
};

Collected run(model::QueryConnection &c, const QString &sql, model::QueryLimits limits = {},
              const std::atomic<bool> *stop = nullptr)
{
    Collected r;
    model::QueryCallbacks callbacks;
    callbacks.columns = [&](const QStringList &columns) { r.columns = columns; };
    callbacks.rows = [&](QList<model::SqlRow> &&rows) {
        r.rows += rows;
        return true;
    };
    r.outcome = model::runQuery(c, sql, limits, stop, callbacks);
    return r;
}

// Never ends on its own: only a limit or Cancel stops it.
const QString kRunaway = QStringLiteral(
    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r");

} // namespace

class TestQueryConnection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void resultsMatchTheSlices();
    void refusesWrites_data();
    void refusesWrites();
    void allowsReads_data();
    void allowsReads();
    void oneStatementAtATime();
    void undeclaredTableFunctionSaysWhy();
    void timeLimitStopsRunaway();
    void cancelStopsRunaway();
    void rowLimit();
    void acrossRanks();
    void moreCachesThanSQLiteAttaches();
    void schemaQualifiers_data();
    void schemaQualifiers();
    void refusesNonCache();
    void csvQuoting_data();
    void csvQuoting();

private:
    QTemporaryDir m_dir;
    QString m_cache;
    std::vector<testing::TestSlice> m_slices;
};

void TestQueryConnection::initTestCase()
{
    StreamBuilder b;
    m_slices = testing::randomSlices(b, 3, 400, 29);
    b.result();
    m_cache = m_dir.filePath(QStringLiteral("a.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), m_cache));
}

void TestQueryConnection::resultsMatchTheSlices()
{
    // Per name: count, total and longest, from the generated slices.
    struct Agg
    {
        qint64 count = 0, total = 0, longest = 0;
    };
    std::map<QString, Agg> expected;
    for (const testing::TestSlice &s : m_slices) {
        Agg &a = expected[QString::fromLatin1(testing::kNameText[s.name - testing::kFirstName])];
        ++a.count;
        a.total += s.dur;
        a.longest = std::max(a.longest, qint64(s.dur));
    }
    model::QueryConnection c;
    QString error;
    QVERIFY2(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error),
             qPrintable(error));
    const Collected r = run(c, QStringLiteral("SELECT s.str, count(*), sum(dur), max(dur) "
                                              "FROM slice JOIN string s ON s.id = slice.name_id "
                                              "GROUP BY s.str ORDER BY s.str"));
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
    QCOMPARE(r.columns, (QStringList{"str", "count(*)", "sum(dur)", "max(dur)"}));
    QCOMPARE(r.rows.size(), qsizetype(expected.size()));
    QCOMPARE(r.outcome.rows, qint64(expected.size()));
    auto it = expected.begin();
    for (const model::SqlRow &row : r.rows) {
        QCOMPARE(row.value(0).toString(), it->first);
        QCOMPARE(row.value(1).toLongLong(), it->second.count);
        QCOMPARE(row.value(2).toLongLong(), it->second.total);
        QCOMPARE(row.value(3).toLongLong(), it->second.longest);
        ++it;
    }
    // Types come through as SQLite has them.
    const Collected t = run(c, QStringLiteral("SELECT 1, 2.5, 'x', x'00ff', NULL"));
    QCOMPARE(t.rows.size(), 1);
    QCOMPARE(t.rows[0][0].typeId(), int(QMetaType::LongLong));
    QCOMPARE(t.rows[0][1].typeId(), int(QMetaType::Double));
    QCOMPARE(t.rows[0][2].typeId(), int(QMetaType::QString));
    QCOMPARE(t.rows[0][3].toByteArray(), QByteArray("\x00\xff", 2));
    QVERIFY(t.rows[0][4].isNull());
}

void TestQueryConnection::refusesWrites_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("INSERT") << "INSERT INTO meta VALUES ('k', 'v')";
    QTest::newRow("INSERT … SELECT") << "INSERT INTO string SELECT id + 1000, str FROM string";
    QTest::newRow("REPLACE") << "REPLACE INTO meta VALUES ('complete', '0')";
    QTest::newRow("UPDATE") << "UPDATE slice SET dur = 0";
    QTest::newRow("DELETE") << "DELETE FROM slice";
    QTest::newRow("DELETE in a CTE") << "WITH x AS (SELECT 1) DELETE FROM slice";
    QTest::newRow("CREATE TABLE") << "CREATE TABLE t (a)";
    QTest::newRow("CREATE TABLE AS") << "CREATE TABLE t AS SELECT * FROM slice";
    QTest::newRow("CREATE TEMP TABLE") << "CREATE TEMP TABLE t (a)";
    QTest::newRow("CREATE INDEX") << "CREATE INDEX i ON slice(dur)";
    QTest::newRow("CREATE VIEW") << "CREATE VIEW v AS SELECT 1";
    QTest::newRow("CREATE TRIGGER")
        << "CREATE TRIGGER tr AFTER INSERT ON meta BEGIN DELETE FROM slice; END";
    QTest::newRow("DROP TABLE") << "DROP TABLE slice";
    QTest::newRow("DROP INDEX") << "DROP INDEX counter_track_ts";
    QTest::newRow("ALTER TABLE") << "ALTER TABLE slice ADD COLUMN x";
    QTest::newRow("ALTER RENAME") << "ALTER TABLE slice RENAME TO s2";
    QTest::newRow("ATTACH")
        << QStringLiteral("ATTACH '%1' AS other").arg(m_dir.filePath(QStringLiteral("other.db")));
    QTest::newRow("ATTACH memory") << "ATTACH ':memory:' AS m";
    QTest::newRow("DETACH") << "DETACH main";
    QTest::newRow("PRAGMA user_version =") << "PRAGMA user_version = 7";
    QTest::newRow("PRAGMA application_id =") << "PRAGMA application_id = 1";
    QTest::newRow("PRAGMA journal_mode") << "PRAGMA journal_mode = DELETE";
    QTest::newRow("PRAGMA query_only off") << "PRAGMA query_only = 0";
    QTest::newRow("PRAGMA writable_schema") << "PRAGMA writable_schema = ON";
    QTest::newRow("PRAGMA trusted_schema") << "PRAGMA trusted_schema = 1";
    QTest::newRow("PRAGMA optimize") << "PRAGMA optimize";
    QTest::newRow("PRAGMA wal_checkpoint") << "PRAGMA wal_checkpoint";
    QTest::newRow("VACUUM") << "VACUUM";
    QTest::newRow("VACUUM INTO")
        << QStringLiteral("VACUUM INTO '%1'").arg(m_dir.filePath(QStringLiteral("copy.db")));
    QTest::newRow("REINDEX") << "REINDEX";
    QTest::newRow("ANALYZE") << "ANALYZE";
    QTest::newRow("BEGIN") << "BEGIN";
    QTest::newRow("SAVEPOINT") << "SAVEPOINT s";
    QTest::newRow("load_extension") << "SELECT load_extension('/tmp/libx.so')";
    QTest::newRow("load_extension in a WHERE")
        << "SELECT 1 FROM meta WHERE load_extension('/tmp/libx.so', 'init') IS NULL";
    QTest::newRow("fts3_tokenizer") << "SELECT fts3_tokenizer('simple')";
    QTest::newRow("readfile") << "SELECT readfile('/etc/passwd')";
    QTest::newRow("writefile") << "SELECT writefile('/tmp/x', 'y')";
    QTest::newRow("edit") << "SELECT edit('x')";
    QTest::newRow("CREATE VIRTUAL TABLE") << "CREATE VIRTUAL TABLE f USING fts5(x)";
    QTest::newRow("an undeclared table-valued pragma") << "SELECT * FROM pragma_user_version";
}

void TestQueryConnection::refusesWrites()
{
    QFETCH(QString, sql);
    const QByteArray before = fileHash(m_cache);
    const QDateTime modified = QFileInfo(m_cache).lastModified();
    QVERIFY(!before.isEmpty());
    {
        model::QueryConnection c;
        QString error;
        QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
        // The sqlite3 shell's file functions are not in this library: stand-ins that would
        // record a call show that the authorizer, not their absence, refuses them.
        static std::atomic<int> fileFunctionCalls{0};
        fileFunctionCalls = 0;
        for (const char *name : {"readfile", "writefile", "edit"})
            sqlite3_create_function(
                c.handle(), name, -1, SQLITE_UTF8, nullptr,
                [](sqlite3_context *context, int, sqlite3_value **) {
                    ++fileFunctionCalls;
                    sqlite3_result_null(context);
                },
                nullptr, nullptr);
        const Collected r = run(c, sql);
        QCOMPARE(fileFunctionCalls.load(), 0);
        QVERIFY(!r.outcome.ok);
        QVERIFY2(r.outcome.refused, qPrintable(r.outcome.error));
        QVERIFY2(r.outcome.error.startsWith(QLatin1String("refused: ")) &&
                     r.outcome.error.endsWith(QLatin1String("SQL over the cache is read-only")),
                 qPrintable(r.outcome.error));
        QCOMPARE(r.rows.size(), 0);
        // The connection is still usable, and still read-only.
        const Collected after = run(c, QStringLiteral("SELECT count(*) FROM slice"));
        QVERIFY2(after.outcome.ok, qPrintable(after.outcome.error));
        QCOMPARE(after.rows.value(0).value(0).toLongLong(), qint64(m_slices.size()));
    }
    QCOMPARE(fileHash(m_cache), before);
    QCOMPARE(QFileInfo(m_cache).lastModified(), modified);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("copy.db"))));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("other.db"))));
    QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("-journal")));
    QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("-wal")));
}

// SQLite refuses it as an update of its schema table; the user wrote a SELECT, and is told what
// to write instead.
void TestQueryConnection::undeclaredTableFunctionSaysWhy()
{
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    const Collected r = run(c, QStringLiteral("SELECT * FROM pragma_user_version"));
    QVERIFY(r.outcome.refused);
    QVERIFY2(r.outcome.error.contains(QLatin1String("table-valued function")) &&
                 r.outcome.error.contains(QLatin1String("PRAGMA user_version")),
             qPrintable(r.outcome.error));
    const Collected pragma = run(c, QStringLiteral("PRAGMA user_version"));
    QVERIFY2(pragma.outcome.ok, qPrintable(pragma.outcome.error));
}

void TestQueryConnection::allowsReads_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("firstCell");
    QTest::newRow("recursive CTE")
        << "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 10) "
           "SELECT sum(i) FROM r"
        << "55";
    QTest::newRow("window") << "SELECT row_number() OVER (ORDER BY id) FROM slice LIMIT 1"
                            << "1";
    QTest::newRow("json_each") << "SELECT value FROM json_each('[7,8]') LIMIT 1"
                               << "7";
    QTest::newRow("->>") << "SELECT '{\"a\":[1,2]}' ->> '$.a[1]'"
                         << "2";
    QTest::newRow("PRAGMA table_info") << "PRAGMA table_info(slice)"
                                       << "0";
    QTest::newRow("pragma_table_info()") << "SELECT name FROM pragma_table_info('slice') LIMIT 1"
                                         << "id";
    QTest::newRow("PRAGMA user_version") << "PRAGMA user_version"
                                         << "";
    QTest::newRow("sqlite_master") << "SELECT count(*) > 10 FROM sqlite_master"
                                   << "1";
    QTest::newRow("math") << "SELECT floor(2.5) + 0"
                          << "2.0";
    QTest::newRow("comments around") << "-- count\n SELECT count(*) > 0 FROM slice; -- done\n"
                                     << "1";
}

void TestQueryConnection::allowsReads()
{
    QFETCH(QString, sql);
    QFETCH(QString, firstCell);
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    const Collected r = run(c, sql);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
    QVERIFY(!r.rows.isEmpty());
    if (!firstCell.isEmpty())
        QCOMPARE(QString::fromUtf8(model::csv::field(r.rows[0][0])), firstCell);
}

void TestQueryConnection::oneStatementAtATime()
{
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    Collected r = run(c, QStringLiteral("SELECT 1; SELECT 2"));
    QVERIFY(!r.outcome.ok);
    QVERIFY2(r.outcome.error.contains(QLatin1String("one statement at a time")),
             qPrintable(r.outcome.error));
    r = run(c, QStringLiteral("-- nothing here"));
    QVERIFY(!r.outcome.ok);
    QVERIFY2(r.outcome.error.contains(QLatin1String("no statement")), qPrintable(r.outcome.error));
    r = run(c, QStringLiteral("SELEC 1"));
    QVERIFY(!r.outcome.ok && !r.outcome.refused);
    QVERIFY2(r.outcome.error.contains(QLatin1String("syntax error")), qPrintable(r.outcome.error));
}

void TestQueryConnection::timeLimitStopsRunaway()
{
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    model::QueryLimits limits;
    limits.time = std::chrono::milliseconds(300);
    QElapsedTimer clock;
    clock.start();
    Collected r;
    std::atomic<bool> done{false};
    std::thread worker([&] {
        r = run(c, kRunaway, limits);
        done = true;
    });
    while (!done && clock.elapsed() < 10000)
        QTest::qWait(20);
    const bool stoppedByItself = done;
    if (!stoppedByItself)
        sqlite3_interrupt(c.handle()); // so that the test ends, failing
    worker.join();
    QVERIFY2(stoppedByItself, "the time limit did not stop the query within 10 s");
    QVERIFY(!r.outcome.ok);
    QVERIFY(r.outcome.stopped);
    QVERIFY2(r.outcome.error.contains(QLatin1String("time limit of 0.3 s")),
             qPrintable(r.outcome.error));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(clock.elapsed() >= 300);
    // The next query has its own clock.
    const Collected next = run(c, QStringLiteral("SELECT 1"), limits);
    QVERIFY2(next.outcome.ok, qPrintable(next.outcome.error));
}

void TestQueryConnection::cancelStopsRunaway()
{
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    std::atomic<bool> stop{false};
    Collected r;
    QElapsedTimer clock;
    clock.start();
    std::thread worker([&] { r = run(c, kRunaway, {}, &stop); });
    QTest::qWait(300);
    stop = true; // what the SQL tab's Cancel sets, besides sqlite3_interrupt
    c.cancel();
    worker.join();
    QVERIFY(!r.outcome.ok);
    QVERIFY(r.outcome.stopped);
    QCOMPARE(r.outcome.error, QStringLiteral("cancelled"));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));

    // Cancel alone (sqlite3_interrupt and the connection's own flag), without a stop flag.
    Collected r2;
    std::thread worker2([&] { r2 = run(c, kRunaway); });
    QTest::qWait(200);
    c.cancel();
    worker2.join();
    QVERIFY(r2.outcome.stopped);
    QCOMPARE(r2.outcome.error, QStringLiteral("cancelled"));
}

void TestQueryConnection::rowLimit()
{
    model::QueryConnection c;
    QString error;
    QVERIFY(c.open({{QStringLiteral("main"), m_cache, QStringLiteral("a")}}, &error));
    model::QueryLimits limits;
    limits.maxRows = 250;
    limits.batchRows = 64;
    Collected r = run(c, QStringLiteral("SELECT id FROM slice ORDER BY id"), limits);
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
    QVERIFY(r.outcome.truncated);
    QCOMPARE(r.rows.size(), 250);
    QCOMPARE(r.outcome.rows, 250);
    for (int i = 0; i < 250; ++i)
        QCOMPARE(r.rows[i][0].toLongLong(), qint64(i + 1));
    // Exactly the limit: not truncated.
    r = run(c, QStringLiteral("SELECT id FROM slice LIMIT 250"), limits);
    QVERIFY(r.outcome.ok && !r.outcome.truncated);
    QCOMPARE(r.rows.size(), 250);
}

void TestQueryConnection::acrossRanks()
{
    // Two ranks with different slice counts, queried together.
    QList<model::SqlSource> sources;
    QList<qint64> counts;
    for (int rank = 0; rank < 2; ++rank) {
        StreamBuilder b;
        const auto slices = testing::randomSlices(b, 2, 100 + 50 * rank, 100 + rank);
        b.result();
        const QString file = m_dir.filePath(QStringLiteral("rank%1.tscache").arg(rank));
        QVERIFY(testing::buildCache(b.bytes(), file));
        sources << model::SqlSource{QStringLiteral("rank%1").arg(rank), file,
                                    QStringLiteral("Rank %1").arg(rank)};
        counts << qint64(slices.size());
    }
    const QByteArray before0 = fileHash(sources[0].cachePath);
    model::QueryConnection c;
    QString error;
    QVERIFY2(c.open(sources, &error), qPrintable(error));
    const Collected r = run(c, QStringLiteral("SELECT 'rank0', count(*) FROM rank0.slice UNION ALL "
                                              "SELECT 'rank1', count(*) FROM rank1.slice UNION ALL "
                                              "SELECT 'main', count(*) FROM slice"));
    QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
    QCOMPARE(r.rows.size(), 3);
    QCOMPARE(r.rows[0][1].toLongLong(), counts[0]);
    QCOMPARE(r.rows[1][1].toLongLong(), counts[1]);
    QCOMPARE(r.rows[2][1].toLongLong(), counts[0]); // main is the first source

    const QList<model::SqlSchema> schema = c.schema();
    QCOMPARE(schema.size(), 2);
    QCOMPARE(schema[1].schema, QStringLiteral("rank1"));
    QCOMPARE(schema[1].label, QStringLiteral("Rank 1"));
    bool hasSlice = false;
    for (const model::SqlTable &t : schema[1].tables) {
        if (t.name == QLatin1String("slice")) {
            hasSlice = true;
            QCOMPARE(t.columns.value(3).name, QStringLiteral("dur"));
            QCOMPARE(t.columns.value(3).type, QStringLiteral("INTEGER"));
        }
    }
    QVERIFY(hasSlice);
    // An attached rank is as read-only as main.
    const Collected w = run(c, QStringLiteral("DELETE FROM rank1.slice"));
    QVERIFY(w.outcome.refused);
    const Collected d = run(c, QStringLiteral("DETACH rank1"));
    QVERIFY(d.outcome.refused);
    QCOMPARE(fileHash(sources[0].cachePath), before0);
}

void TestQueryConnection::moreCachesThanSQLiteAttaches()
{
    // A cluster has more caches than SQLite attaches to one connection: each is still
    // reachable, attached when a statement names it.
    QList<model::SqlSource> sources;
    QList<qint64> counts;
    for (int rank = 0; rank < 14; ++rank) {
        StreamBuilder b;
        const auto slices = testing::randomSlices(b, 1, 5 + rank, 200 + rank);
        b.result();
        const QString file = m_dir.filePath(QStringLiteral("many%1.tscache").arg(rank));
        QVERIFY(testing::buildCache(b.bytes(), file));
        sources << model::SqlSource{QStringLiteral("rank%1").arg(rank), file,
                                    QStringLiteral("Rank %1").arg(rank)};
        counts << qint64(slices.size());
    }
    model::QueryConnection c;
    QString error;
    QVERIFY2(c.open(sources, &error), qPrintable(error));
    QVERIFY(c.attachesOnDemand());
    const int limit = c.attachLimit();
    QVERIFY(limit < sources.size());

    // Every rank, one statement each, in an order that makes the connection detach some.
    for (int rank : {13, 0, 7, 12, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 0}) {
        const Collected r =
            run(c, QStringLiteral("SELECT count(*) FROM \"RANK%1\" . slice").arg(rank));
        QVERIFY2(r.outcome.ok, qPrintable(r.outcome.error));
        QCOMPARE(r.rows.value(0).value(0).toLongLong(), counts[rank]);
    }
    // As many ranks in one statement as SQLite allows.
    QStringList parts;
    qint64 total = 0;
    for (int rank = 0; rank < limit; ++rank) {
        parts << QStringLiteral("SELECT count(*) AS n FROM rank%1.slice").arg(13 - rank);
        total += counts[13 - rank];
    }
    const Collected all = run(
        c,
        QStringLiteral("SELECT sum(n) FROM (%1)").arg(parts.join(QStringLiteral(" UNION ALL "))));
    QVERIFY2(all.outcome.ok, qPrintable(all.outcome.error));
    QCOMPARE(all.rows.value(0).value(0).toLongLong(), total);
    // Main stays the first source, whatever is attached.
    const Collected m = run(c, QStringLiteral("SELECT count(*) FROM slice"));
    QCOMPARE(m.rows.value(0).value(0).toLongLong(), counts[0]);
    // One more than that says what to do, and is no refusal.
    parts << QStringLiteral("SELECT count(*) AS n FROM rank0.slice")
          << QStringLiteral("SELECT count(*) AS n FROM rank1.slice");
    const Collected tooMany = run(c, parts.join(QStringLiteral(" UNION ALL ")));
    QVERIFY(!tooMany.outcome.ok);
    QVERIFY(!tooMany.outcome.refused);
    QVERIFY2(tooMany.outcome.error.contains(QLatin1String("at most")),
             qPrintable(tooMany.outcome.error));
    // The user's own ATTACH and DETACH are still refused.
    QVERIFY(run(c, QStringLiteral("DETACH rank13")).outcome.refused);
    QVERIFY(run(c, QStringLiteral("ATTACH '%1' AS x").arg(sources[3].cachePath)).outcome.refused);
    QVERIFY(run(c, QStringLiteral("DELETE FROM rank5.slice")).outcome.refused);

    const QList<model::SqlSchema> schema = c.schema();
    QCOMPARE(schema.size(), sources.size());
    for (const model::SqlSchema &s : schema)
        QVERIFY2(!s.tables.isEmpty(), qPrintable(s.schema));
}

void TestQueryConnection::schemaQualifiers_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("plain") << "SELECT * FROM rank1.slice" << QStringList{"rank1"};
    QTest::newRow("blanks") << "SELECT * FROM Rank1 /* c */ . slice" << QStringList{"rank1"};
    QTest::newRow("quoted") << R"(SELECT * FROM "rank 2"."slice", [r3].x, `r4`.y)"
                            << QStringList{"r3", "r4", "rank 2"};
    QTest::newRow("literal") << "SELECT 'rank5.slice', 1.5 FROM slice" << QStringList{};
    QTest::newRow("comment") << "SELECT 1 -- rank6.slice\nFROM slice" << QStringList{};
    QTest::newRow("alias") << "SELECT s.dur FROM rank7.slice s" << QStringList{"rank7", "s"};
    QTest::newRow("escaped") << R"(SELECT * FROM "a""b".t)" << QStringList{"a\"b"};
}

void TestQueryConnection::schemaQualifiers()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, names);
    QStringList got = model::schemaQualifiers(sql).values();
    got.sort();
    QCOMPARE(got, names);
}

void TestQueryConnection::refusesNonCache()
{
    const QString plain = m_dir.filePath(QStringLiteral("plain.db"));
    {
        model::Database db;
        QFile f(plain);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(db.openForWriting(plain, nullptr));
        QVERIFY(db.exec("CREATE TABLE t (a)"));
    }
    model::QueryConnection c;
    QString error;
    QVERIFY(!c.open({{QStringLiteral("main"), plain, {}}}, &error));
    QVERIFY2(error.contains(QLatin1String("not a usable cache")), qPrintable(error));
    QVERIFY(!c.open({}, &error));
}

void TestQueryConnection::csvQuoting_data()
{
    QTest::addColumn<QVariantList>("cells");
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("plain") << QVariantList{QStringLiteral("a"), qint64(-3)} << QByteArray("a,-3\n");
    QTest::newRow("comma") << QVariantList{QStringLiteral("a,b")} << QByteArray("\"a,b\"\n");
    QTest::newRow("quote") << QVariantList{QStringLiteral("say \"hi\"")}
                           << QByteArray("\"say \"\"hi\"\"\"\n");
    QTest::newRow("newline") << QVariantList{QStringLiteral("a\nb"), QStringLiteral("c\rd")}
                             << QByteArray("\"a\nb\",\"c\rd\"\n");
    QTest::newRow("null and empty") << QVariantList{QVariant(), QString()} << QByteArray(",\n");
    QTest::newRow("reals") << QVariantList{2.0, 0.1, 1e300, -2.5e-7}
                           << QByteArray("2.0,0.1,1e+300,-2.5e-07\n");
    QTest::newRow("blob") << QVariantList{QByteArray("\x01\xab", 2)} << QByteArray("X'01AB'\n");
    QTest::newRow("utf-8") << QVariantList{QStringLiteral("µs")} << QByteArray("\xc2\xb5s\n");
}

void TestQueryConnection::csvQuoting()
{
    QFETCH(QVariantList, cells);
    QFETCH(QByteArray, line);
    QCOMPARE(model::csv::line(cells), line);
}

QTEST_GUILESS_MAIN(TestQueryConnection)
#include "tst_queryconnection.moc"

// tracescope --sql QUERY PATH, from outside: the CSV byte for byte, the import it does first when
// PATH has no cache, a write refused with a non-zero exit and the cache left as it was, and a
// folder of ranks queried across its ranks.
#include "apprunner.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace ts::testing;

// Declared before the raw-string test data, which moc cannot read past.
class TestHeadlessSql : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_home = std::make_unique<AppSandboxHome>(); }
    void csvIsExact();
    void refusesWrites_data();
    void refusesWrites();
    void sqlErrorsExitNonZero();
    void acrossRanks();

private:
    QString cacheDir() const { return m_home->path() + QStringLiteral("/cache/TraceScope"); }
    AppRun sql(const QString &query, const QString &path);
    std::unique_ptr<AppSandboxHome> m_home;
};

namespace {

QStringList cachesIn(const QString &folder)
{
    QStringList found;
    QDirIterator it(folder, {QStringLiteral("*.tscache")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    found.sort();
    return found;
}

QByteArray hashOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// X events named so that every CSV quoting rule is needed; ts and dur in µs as Chrome has them.
const QByteArray kTrace = R"({"traceEvents":[
{"ph":"X","name":"plain","pid":1,"tid":1,"ts":1,"dur":2},
{"ph":"X","name":"a,b","pid":1,"tid":1,"ts":10,"dur":3.5},
{"ph":"X","name":"say \"hi\"","pid":1,"tid":1,"ts":20,"dur":0},
{"ph":"X","name":"two\nlines","pid":1,"tid":1,"ts":30,"dur":1}
]})";

} // namespace

AppRun TestHeadlessSql::sql(const QString &query, const QString &path)
{
    return runApp(*m_home,
                  rootFlag() << QStringLiteral("--cache-dir") << cacheDir()
                             << QStringLiteral("--sql") << query << path,
                  120000);
}

void TestHeadlessSql::csvIsExact()
{
    const QString trace = m_home->path() + QStringLiteral("/quoting.json");
    QVERIFY(writeFile(trace, kTrace));
    QVERIFY(cachesIn(cacheDir()).isEmpty());
    const QString query = QStringLiteral(
        "SELECT s.str AS name, slice.dur AS \"dur, ns\", slice.dur / 1e3 AS dur_us, NULL AS none "
        "FROM slice JOIN string s ON s.id = slice.name_id ORDER BY slice.ts");
    const AppRun run = sql(query, trace);
    QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, QByteArray("name,\"dur, ns\",dur_us,none\n"
                                 "plain,2000,2.0,\n"
                                 "\"a,b\",3500,3.5,\n"
                                 "\"say \"\"hi\"\"\",0,0.0,\n"
                                 "\"two\nlines\",1000,1.0,\n"));
    // It imported PATH first, into the cache folder, the way --import does.
    QCOMPARE(cachesIn(cacheDir()).size(), 1);
    // The second run reuses that cache and prints the same.
    const AppRun again = sql(query, trace);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, run.out);
    QCOMPARE(cachesIn(cacheDir()).size(), 1);
    // No rows: the header alone.
    const AppRun none = sql(QStringLiteral("SELECT id, ts FROM slice WHERE dur < 0"), trace);
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.out, QByteArray("id,ts\n"));
}

void TestHeadlessSql::refusesWrites_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("DELETE") << "DELETE FROM slice";
    QTest::newRow("UPDATE") << "UPDATE meta SET value = '0' WHERE key = 'complete'";
    QTest::newRow("INSERT") << "INSERT INTO string VALUES (999, 'x')";
    QTest::newRow("DROP") << "DROP TABLE slice";
    QTest::newRow("CREATE") << "CREATE TABLE t (a)";
    QTest::newRow("ATTACH") << "ATTACH '/tmp/tracescope-sql-test.db' AS x";
    QTest::newRow("PRAGMA write") << "PRAGMA user_version = 1";
    QTest::newRow("VACUUM INTO") << "VACUUM INTO '/tmp/tracescope-sql-test.db'";
    QTest::newRow("load_extension") << "SELECT load_extension('/tmp/x.so')";
}

void TestHeadlessSql::refusesWrites()
{
    QFETCH(QString, query);
    const QString trace = m_home->path() + QStringLiteral("/t.json");
    QVERIFY(writeFile(trace, kTrace));
    QCOMPARE(sql(QStringLiteral("SELECT 1"), trace).exitCode, 0);
    const QStringList caches = cachesIn(cacheDir());
    QCOMPARE(caches.size(), 1);
    const QByteArray before = hashOf(caches.first());

    const AppRun run = sql(query, trace);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("tracescope: --sql: refused: ") &&
                 run.err.contains("SQL over the cache is read-only"),
             run.err.constData());
    QCOMPARE(hashOf(caches.first()), before);
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/tracescope-sql-test.db")));
    // The cache is still whole: the same counts as before.
    const AppRun count = sql(QStringLiteral("SELECT count(*) AS n FROM slice"), trace);
    QCOMPARE(count.out, QByteArray("n\n4\n"));
}

void TestHeadlessSql::sqlErrorsExitNonZero()
{
    const QString trace = m_home->path() + QStringLiteral("/t.json");
    QVERIFY(writeFile(trace, kTrace));
    AppRun run = sql(QStringLiteral("SELECT * FROM no_such_table"), trace);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("tracescope: --sql: no such table: no_such_table"),
             run.err.constData());
    QVERIFY(!run.err.contains("read-only"));
    run = sql(QStringLiteral("SELECT 1"), m_home->path() + QStringLiteral("/missing.json"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("missing.json"), run.err.constData());
}

void TestHeadlessSql::acrossRanks()
{
    // Rank r holds 2 + r slices named r<r>op<i>, in files whose names do not say the rank.
    const QString folder = m_home->path() + QStringLiteral("/ranks");
    QVERIFY(QDir().mkpath(folder));
    for (int rank : {1, 0}) {
        QByteArray events;
        for (int i = 0; i < 2 + rank; ++i)
            events +=
                QStringLiteral(R"(%1{"ph":"X","name":"r%2op%3","pid":%2,"tid":1,"ts":%4,"dur":5})")
                    .arg(i ? "," : "")
                    .arg(rank)
                    .arg(i)
                    .arg(10 * i)
                    .toUtf8();
        QVERIFY(writeFile(QStringLiteral("%1/%2.pt.trace.json").arg(folder, rank ? "a" : "b"),
                          R"({"distributedInfo":{"rank":)" + QByteArray::number(rank) +
                              R"(,"world_size":2},"traceEvents":[)" + events + "]}"));
    }
    const AppRun run = sql(
        QStringLiteral(
            "SELECT 'rank0' AS schema, group_concat(s.str, ' ') AS names FROM "
            "(SELECT * FROM rank0.slice ORDER BY ts) t JOIN rank0.string s ON s.id = t.name_id "
            "UNION ALL "
            "SELECT 'rank1', group_concat(s.str, ' ') FROM "
            "(SELECT * FROM rank1.slice ORDER BY ts) t JOIN rank1.string s ON s.id = t.name_id"),
        folder);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, QByteArray("schema,names\n"
                                 "rank0,r0op0 r0op1\n"
                                 "rank1,r1op0 r1op1 r1op2\n"));
    // The rank schemas are as read-only as main.
    const AppRun write = sql(QStringLiteral("DELETE FROM rank1.slice"), folder);
    QCOMPARE(write.exitCode, 1);
    QVERIFY2(write.err.contains("refused: DELETE from slice would write"), write.err.constData());
}

QTEST_GUILESS_MAIN(TestHeadlessSql)
#include "tst_headlesssql.moc"

// ForeignDb: a foreign SQLite file opened the defensive way, from bytes or a descriptor. Every
// refusal says what is wrong; every defensive setting is on after open(); statements can read
// only declared tables; a WAL-mode header is read as rollback mode; nothing is ever created next
// to the database.
#include "foreigndb/foreigndb.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace ts::parsers;
using ts::testing::readAll;
using ts::testing::writeDb;

namespace {

const std::vector<std::string> kKnown = {"t", "u"};

QStringList goodSchema(int rows = 200)
{
    QStringList sql{"CREATE TABLE t(id INTEGER PRIMARY KEY, ts TEXT, v REAL, s TEXT)",
                    "CREATE TABLE u(a INTEGER)", "CREATE TABLE secret(x INTEGER)",
                    "INSERT INTO secret VALUES (42)"};
    sql << "BEGIN";
    for (int i = 0; i < rows; ++i)
        sql << QStringLiteral("INSERT INTO t(ts, v, s) VALUES ('%1', %2, '%3')")
                   .arg(QString::number(1736408883688177930LL + i))
                   .arg(i * 0.5)
                   .arg(QString(200, QChar('a' + i % 26)));
    sql << "COMMIT";
    return sql;
}

} // namespace

class TestForeignDb : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void refuses_data();
    void refuses();
    void defensiveSettingsAreOn();
    void statementsAreConfined_data();
    void statementsAreConfined();
    void readsValuesByType();
    void walHeaderIsReadAsRollback();
    void descriptorLeavesNoSideFiles();
    void deadlineStopsWork();
    void heapLimitIsEnforced();

private:
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestForeignDb::refuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorContains");

    QTemporaryDir dir;
    const QString db = dir.filePath("good.db");
    QVERIFY(writeDb(db, goodSchema()));
    const QByteArray good = readAll(db);
    QVERIFY(good.size() > 8 * 4096);

    QTest::newRow("not sqlite") << QByteArray("a .db that is just text\n").repeated(10)
                                << "not an SQLite database";
    QTest::newRow("empty") << QByteArray() << "not an SQLite database";
    QTest::newRow("header cut") << good.left(60) << "truncated";
    QTest::newRow("truncated") << good.left(good.size() / 2) << "damaged or truncated";
    QByteArray scribbled = good;
    for (int i = 4 * 4096; i < 5 * 4096; ++i) // a leaf page of t, header included
        scribbled[i] = char(0xa5);
    QTest::newRow("damaged page") << scribbled << "damaged or truncated";

    auto make = [&dir](const char *name, const QStringList &sql) {
        const QString p = dir.filePath(QLatin1String(name));
        QString error;
        if (!writeDb(p, sql, &error))
            qFatal("%s", qPrintable(error));
        return readAll(p);
    };
    QTest::newRow("trigger") << make("trigger.db", goodSchema(1) << "CREATE TRIGGER tr AFTER "
                                                                    "INSERT ON u BEGIN DELETE "
                                                                    "FROM t; END")
                             << "trigger (tr)";
    QTest::newRow("view") << make("view.db", goodSchema(1) << "CREATE VIEW t2 AS SELECT * FROM t")
                          << "view (t2)";
    // A virtual table of a module nobody has: written straight into the schema, as an attacker
    // would; it must be refused before SQLite is asked to use it.
    QTest::newRow("virtual table")
        << make("vtab.db", goodSchema(1) << "PRAGMA writable_schema=ON"
                                         << "INSERT INTO sqlite_schema VALUES('table','vt','vt',0,"
                                            "'CREATE VIRTUAL TABLE vt USING evil(x)')")
        << "virtual table (vt)";
    QTest::newRow("schema garbage")
        << make("garbage.db", goodSchema(1) << "PRAGMA writable_schema=ON"
                                            << "UPDATE sqlite_schema SET sql='CREATE TABLE u(' "
                                               "WHERE name='u'")
        << "schema";
}

void TestForeignDb::refuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorContains);
    ForeignDb db;
    std::string error;
    DbBytes in;
    in.memory = std::string_view(bytes.constData(), size_t(bytes.size()));
    in.size = in.memory.size();
    QVERIFY(!db.open(in, kKnown, {}, error));
    QVERIFY2(QString::fromStdString(error).contains(errorContains), error.c_str());
}

void TestForeignDb::defensiveSettingsAreOn()
{
    QVERIFY(writeDb(path("a.db"), goodSchema(5)));
    const QByteArray bytes = readAll(path("a.db"));
    ForeignDb db;
    std::string error;
    ForeignDbLimits limits;
    limits.maxValueBytes = 1 << 20;
    DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
               uint64_t(bytes.size())};
    QVERIFY2(db.open(in, kKnown, limits, error), error.c_str());
    sqlite3 *h = db.handle();
    auto config = [h](int op) {
        int v = -1;
        sqlite3_db_config(h, op, -1, &v);
        return v;
    };
    QCOMPARE(config(SQLITE_DBCONFIG_DEFENSIVE), 1);
    QCOMPARE(config(SQLITE_DBCONFIG_TRUSTED_SCHEMA), 0);
    QCOMPARE(config(SQLITE_DBCONFIG_ENABLE_TRIGGER), 0);
    QCOMPARE(config(SQLITE_DBCONFIG_ENABLE_VIEW), 0);
    QCOMPARE(config(SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION), 0);
    QCOMPARE(sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, -1), 0);
    QCOMPARE(sqlite3_limit(h, SQLITE_LIMIT_LENGTH, -1), 1 << 20);
    QCOMPARE(sqlite3_hard_heap_limit64(-1), limits.heapBytes);
    QVERIFY(sqlite3_db_readonly(h, "main") == 1);
    // Only the declared tables that exist, with their columns; the undeclared one is unknown.
    QVERIFY(db.hasTable("t") && db.hasTable("u") && !db.hasTable("secret"));
    QVERIFY(db.hasColumn("t", "ts") && !db.hasColumn("t", "nope"));
}

void TestForeignDb::statementsAreConfined_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("undeclared table") << "SELECT x FROM secret";
    QTest::newRow("schema after open") << "SELECT sql FROM sqlite_schema";
    QTest::newRow("pragma after open") << "PRAGMA table_info(t)";
    QTest::newRow("attach") << "ATTACH DATABASE 'file:x' AS other";
    QTest::newRow("write") << "INSERT INTO u VALUES (1)";
    QTest::newRow("create") << "CREATE TABLE z(a)";
    QTest::newRow("extension") << "SELECT load_extension('libevil')";
    QTest::newRow("other function") << "SELECT hex(s) FROM t";
    QTest::newRow("recursive cte")
        << "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
           "SELECT count(*) FROM c";
}

void TestForeignDb::statementsAreConfined()
{
    QFETCH(QString, sql);
    QVERIFY(writeDb(path("a.db"), goodSchema(5)));
    const QByteArray bytes = readAll(path("a.db"));
    ForeignDb db;
    std::string error;
    DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
               uint64_t(bytes.size())};
    QVERIFY2(db.open(in, kKnown, {}, error), error.c_str());
    {
        ForeignQuery ok(db, "SELECT count(*), typeof(ts) FROM t");
        QVERIFY2(ok.step(), ok.error().c_str());
    }
    ForeignQuery q(db, sql.toStdString());
    QVERIFY(!q.step());
    QVERIFY(q.failed());
}

void TestForeignDb::readsValuesByType()
{
    QVERIFY(writeDb(path("v.db"),
                    {"CREATE TABLE t(a, b, c, d, e, f)",
                     "INSERT INTO t VALUES ('1736408883688177930', 12, 3.0, 3.5, '12a', NULL)",
                     "INSERT INTO t VALUES ('-9223372036854775808', '9223372036854775808', "
                     "'', x'00', ' 1', 1e300)"}));
    const QByteArray bytes = readAll(path("v.db"));
    ForeignDb db;
    std::string error;
    DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
               uint64_t(bytes.size())};
    QVERIFY2(db.open(in, kKnown, {}, error), error.c_str());
    ForeignQuery q(db, "SELECT a, b, c, d, e, f FROM t");
    int64_t v = 0;
    QVERIFY(q.step());
    QVERIFY(q.int64At(0, v) && v == 1736408883688177930LL); // TEXT digits, exact
    QVERIFY(q.int64At(1, v) && v == 12);
    QVERIFY(q.int64At(2, v) && v == 3); // integral REAL
    QVERIFY(!q.int64At(3, v));          // 3.5 is no integer
    QVERIFY(!q.int64At(4, v));          // "12a"
    QVERIFY(!q.int64At(5, v) && q.isNull(5));
    QVERIFY(q.step());
    QVERIFY(q.int64At(0, v) && v == INT64_MIN);
    QVERIFY(!q.int64At(1, v)); // one past INT64_MAX
    QVERIFY(!q.int64At(2, v) && !q.int64At(3, v) && !q.int64At(4, v) && !q.int64At(5, v));
    QVERIFY(!q.step() && !q.failed());
}

void TestForeignDb::walHeaderIsReadAsRollback()
{
    QVERIFY(writeDb(path("w.db"), goodSchema(20), nullptr, true));
    const QByteArray bytes = readAll(path("w.db"));
    QCOMPARE(int(bytes[18]), 2);
    QCOMPARE(int(bytes[19]), 2);
    ForeignDb db;
    std::string error;
    DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
               uint64_t(bytes.size())};
    QVERIFY2(db.open(in, kKnown, {}, error), error.c_str());
    QVERIFY(db.walHeaderPatched());
    ForeignQuery q(db, "SELECT count(*) FROM t");
    int64_t n = 0;
    QVERIFY(q.step() && q.int64At(0, n));
    QCOMPARE(n, int64_t(20));
    QCOMPARE(int(bytes[18]), 2); // the caller's bytes are untouched
}

void TestForeignDb::descriptorLeavesNoSideFiles()
{
    QVERIFY(writeDb(path("w.db"), goodSchema(50), nullptr, true));
    QVERIFY(QFile::setPermissions(path("w.db"), QFile::ReadOwner));
    const QStringList before = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(before, QStringList{"w.db"});
    const int fd = ::open(QFile::encodeName(path("w.db")).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    {
        ForeignDb db;
        std::string error;
        DbBytes in;
        in.fd = fd;
        in.size = uint64_t(QFileInfo(path("w.db")).size());
        QVERIFY2(db.open(in, kKnown, {}, error), error.c_str());
        ForeignQuery q(db, "SELECT sum(length(s)) FROM t");
        ForeignQuery c(db, "SELECT count(*) FROM t");
        int64_t n = 0;
        QVERIFY(c.step() && c.int64At(0, n));
        QCOMPARE(n, int64_t(50));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), before);
    }
    ::close(fd);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), before);
}

void TestForeignDb::deadlineStopsWork()
{
    QVERIFY(writeDb(path("a.db"), goodSchema(2000)));
    const QByteArray bytes = readAll(path("a.db"));
    ForeignDb db;
    std::string error;
    ForeignDbLimits limits;
    limits.deadline = std::chrono::milliseconds(0);
    DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
               uint64_t(bytes.size())};
    QVERIFY(!db.open(in, kKnown, limits, error));
    QVERIFY2(QString::fromStdString(error).contains("took longer than"), error.c_str());
}

void TestForeignDb::heapLimitIsEnforced()
{
    QVERIFY(writeDb(path("a.db"), goodSchema(2000)));
    const QByteArray bytes = readAll(path("a.db"));
    const sqlite3_int64 before = sqlite3_hard_heap_limit64(-1);
    {
        ForeignDb db;
        std::string error;
        ForeignDbLimits limits;
        limits.heapBytes = 200 << 10;
        DbBytes in{-1, std::string_view(bytes.constData(), size_t(bytes.size())),
                   uint64_t(bytes.size())};
        bool opened = db.open(in, kKnown, limits, error);
        if (opened) {
            // Open fits in 200 KiB; a query that holds every row's text in a sorter does not.
            ForeignQuery q(db, "SELECT s FROM t ORDER BY s, ts");
            while (q.step()) {
            }
            error = q.error();
            opened = !q.failed();
        }
        QVERIFY(!opened);
        QVERIFY2(QString::fromStdString(error).contains("more memory"), error.c_str());
    }
    QCOMPARE(sqlite3_hard_heap_limit64(-1), before); // put back
}

QTEST_GUILESS_MAIN(TestForeignDb)
#include "tst_foreigndb.moc"

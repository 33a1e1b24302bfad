// FlagStore: sorted edits, a round trip that keeps every nanosecond, the file rules (0640,
// no links, nothing half-written left behind) and malformed files refused with a reason.
#include "timeline/flagstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ts;
using model::TimelineFlag;

class TestFlagStore : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void editsStaySorted();
    void roundTrip();
    void missingFileIsEmpty();
    void draftWithoutVersion();
    void fileMode();
    void refusesLinks();
    void malformed_data();
    void malformed();

private:
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    void write(const QString &file, const QByteArray &bytes)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFlagStore::editsStaySorted()
{
    model::FlagStore s;
    QCOMPARE(s.add(50, QStringLiteral("b")), 0);
    QCOMPARE(s.add(10, QStringLiteral("a")), 0);
    QCOMPARE(s.add(90, QStringLiteral("d")), 2);
    QCOMPARE(s.add(50, QStringLiteral("c")), 2); // after the earlier flag at the same time
    const QVector<TimelineFlag> expected{{10, QStringLiteral("a")},
                                         {50, QStringLiteral("b")},
                                         {50, QStringLiteral("c")},
                                         {90, QStringLiteral("d")}};
    QCOMPARE(s.list(), expected);
    QVERIFY(s.rename(1, QStringLiteral("B")));
    QCOMPARE(s.list()[1].name, QStringLiteral("B"));
    QVERIFY(s.remove(0));
    QCOMPARE(s.list().size(), 3);
    QCOMPARE(s.list()[0].name, QStringLiteral("B"));
    QVERIFY(!s.remove(3));
    QVERIFY(!s.remove(-1));
    QVERIFY(!s.rename(7, QStringLiteral("x")));

    s.setFlags({{30, QStringLiteral("late")},
                {-1, QStringLiteral("early")},
                {30, QStringLiteral("late 2")}});
    const QVector<TimelineFlag> set{{-1, QStringLiteral("early")},
                                    {30, QStringLiteral("late")},
                                    {30, QStringLiteral("late 2")}};
    QCOMPARE(s.flags(), set);
    QCOMPARE(s.list(), set);
}

void TestFlagStore::roundTrip()
{
    model::FlagStore s;
    s.add(1727743122123456789, QStringLiteral("step 3 — slow \"allreduce\""));
    s.add(-5, QStringLiteral("before the trace"));
    s.add(0, QString());
    s.add(9007199254740993, QStringLiteral("2^53 + 1 is not a double")); // exact only as text
    QString error;
    QVERIFY2(s.save(path("flags.json"), &error), qPrintable(error));
    QVERIFY2(s.save(path("flags.json"), &error), qPrintable(error)); // over an existing one
    model::FlagStore back;
    back.add(1, QStringLiteral("replaced by the load"));
    QVERIFY2(back.load(path("flags.json"), &error), qPrintable(error));
    QCOMPARE(back.list(), s.list());
    QCOMPARE(back.list().size(), 4);
    QCOMPARE(back.list()[3].ts, qint64(1727743122123456789));
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, QStringList{QStringLiteral("flags.json")});
}

void TestFlagStore::missingFileIsEmpty()
{
    model::FlagStore s;
    s.add(1, QStringLiteral("x"));
    QString error;
    QVERIFY(s.load(path("none.json"), &error));
    QVERIFY(s.list().isEmpty());
    QVERIFY(error.isEmpty());
}

void TestFlagStore::draftWithoutVersion()
{
    write(path("draft.json"), R"({"flags":[{"ts":"20","name":"b"},{"ts":"10","name":"a"}]})");
    model::FlagStore s;
    QString error;
    QVERIFY2(s.load(path("draft.json"), &error), qPrintable(error));
    const QVector<TimelineFlag> expected{{10, QStringLiteral("a")}, {20, QStringLiteral("b")}};
    QCOMPARE(s.list(), expected);
}

void TestFlagStore::fileMode()
{
    const mode_t old = ::umask(0); // the code, not the umask, must keep the mode tight
    model::FlagStore s;
    s.add(1, QStringLiteral("x"));
    const bool saved = s.save(path("m.json"), nullptr);
    ::umask(old);
    QVERIFY(saved);
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path("m.json")).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0640);
}

void TestFlagStore::refusesLinks()
{
    write(path("victim"), "keep");
    QVERIFY(QFile::link(path("victim"), path("link.json")));
    model::FlagStore s;
    s.add(1, QStringLiteral("x"));
    QString error;
    QVERIFY(!s.save(path("link.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
    QFile victim(path("victim"));
    QVERIFY(victim.open(QIODevice::ReadOnly));
    QCOMPARE(victim.readAll(), QByteArray("keep"));
    QVERIFY(QFileInfo(path("link.json")).isSymLink());
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::System);
    QVERIFY2(!left.join(',').contains(QStringLiteral(".tmp-")), qPrintable(left.join(',')));

    // Reading through a link is refused too (the file may be swapped for one elsewhere).
    QVERIFY(s.save(path("real.json"), nullptr));
    QVERIFY(QFile::link(path("real.json"), path("link2.json")));
    QVERIFY(!s.load(path("link2.json"), &error));
    QVERIFY(s.list().isEmpty());
}

void TestFlagStore::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not JSON") << QByteArray("{\"version\":1,") << "";
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3) << "";
    QTest::newRow("an array") << QByteArray("[1,2]") << "version";
    QTest::newRow("other version") << QByteArray(R"({"version":2,"flags":[]})") << "version";
    QTest::newRow("version not a number")
        << QByteArray(R"({"version":"1","flags":[]})") << "version";
    QTest::newRow("flags not a list") << QByteArray(R"({"version":1,"flags":{}})") << "list";
    QTest::newRow("flag not an object")
        << QByteArray(R"({"version":1,"flags":[3]})") << "flag 1 is malformed";
    QTest::newRow("ts a number") << QByteArray(R"({"version":1,"flags":[{"ts":5,"name":"a"}]})")
                                 << "flag 1";
    QTest::newRow("ts not an integer")
        << QByteArray(R"({"version":1,"flags":[{"ts":"5.5","name":"a"}]})") << "flag 1";
    QTest::newRow("ts out of range")
        << QByteArray(R"({"version":1,"flags":[{"ts":"9223372036854775807","name":"a"}]})")
        << "flag 1";
    QTest::newRow("name missing") << QByteArray(R"({"version":1,"flags":[{"ts":"5"}]})")
                                  << "flag 1";
    QTest::newRow("second flag bad")
        << QByteArray(R"({"version":1,"flags":[{"ts":"5","name":"a"},{"ts":"x","name":"b"}]})")
        << "flag 2";
    QTest::newRow("too large") << QByteArray(5 << 20, ' ') << "too large";
}

void TestFlagStore::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    write(path("bad.json"), bytes);
    model::FlagStore s;
    s.add(1, QStringLiteral("x"));
    QString error;
    QVERIFY(!s.load(path("bad.json"), &error));
    QVERIFY(s.list().isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(reason), qPrintable(error));

    // A good file in the same place loads (so the rows above fail for their content).
    model::FlagStore good;
    good.add(3, QStringLiteral("ok"));
    QVERIFY(good.save(path("bad.json"), nullptr));
    QVERIFY(s.load(path("bad.json"), &error));
    QCOMPARE(s.list().size(), 1);
}

QTEST_GUILESS_MAIN(TestFlagStore)
#include "tst_flagstore.moc"

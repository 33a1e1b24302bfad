// Ascend profiling folders through the real binary (`tracescope --import`): every text rank
// folder and cluster of the samples imports, and the JSON line's "ranks", "kernels",
// "memory_records" and "slices" match what the test counts in the files itself (non-blank CSV
// lines less the header; X events of trace_view.json by Qt's JSON parser). Bad ranks are
// reported by file name while the good ones still open.
#include "apprunner.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ts::testing;

namespace {

const QString kAscend = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/");

int csvRows(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        n += line.trimmed().isEmpty() ? 0 : 1;
    return n - 1;
}

int completeEvents(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    for (const QJsonValue &e : QJsonDocument::fromJson(f.readAll()).array())
        n += e.toObject().value(QLatin1String("ph")).toString() == QLatin1String("X") ? 1 : 0;
    return n;
}

struct Expected
{
    int ranks = 0, kernels = 0, memoryRecords = 0, xEvents = 0;
};

// What the rank folders below `root` hold, counted from the files.
Expected count(const QString &root)
{
    Expected e;
    QDirIterator it(root, {QStringLiteral("ASCEND_PROFILER_OUTPUT")}, QDir::Dirs,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QDir out(it.next());
        ++e.ranks;
        e.kernels += csvRows(out.filePath(QStringLiteral("kernel_details.csv")));
        e.memoryRecords += csvRows(out.filePath(QStringLiteral("memory_record.csv")));
        e.xEvents += completeEvents(out.filePath(QStringLiteral("trace_view.json")));
    }
    return e;
}

QJsonObject importLine(const AppSandboxHome &home, const QString &path, QByteArray *err = nullptr)
{
    const AppRun run = runApp(home, rootFlag() << QStringLiteral("--import") << path, 300000);
    if (err)
        *err = run.err;
    if (!run.finished || run.exitCode != 0)
        qWarning("exit %d: %s", run.exitCode, run.err.constData());
    return QJsonDocument::fromJson(run.out.trimmed()).object();
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
}

} // namespace

class TestAscendImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(kAscend + QStringLiteral("SOURCES.md")))
            QSKIP("the Ascend samples are not here");
    }
    void folders_data();
    void folders();
    void rankIdentityFromContent();
    void badRanksNamedOthersOpen();
    void databaseFallsBackToText();

private:
    AppSandboxHome m_home;
};

void TestAscendImport::folders_data()
{
    QTest::addColumn<QString>("path");
    const QString text = kAscend + QStringLiteral("msinsight/test/data/pytorch/text/level1");
    QTest::newRow("one rank (2025, Level1)") << text + QStringLiteral("/rank0_ascend_pt");
    QTest::newRow("two ranks") << text;
    QTest::newRow("CANN 8.3, four ranks") << kAscend + QStringLiteral("msinsight/test/st/level2");
    QTest::newRow("older text ranks (2023-24)")
        << kAscend + QStringLiteral("msinsight/server/src/test/test_data");
}

void TestAscendImport::folders()
{
    QFETCH(QString, path);
    const Expected e = count(path);
    QVERIFY(e.ranks > 0);
    QByteArray err;
    const QJsonObject o = importLine(m_home, path, &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), e.ranks);
    QCOMPARE(o.value(QLatin1String("kernels")).toInt(), e.kernels);
    QCOMPARE(o.value(QLatin1String("memory_records")).toInt(), e.memoryRecords);
    QVERIFY2(o.value(QLatin1String("slices")).toInt() >= e.xEvents,
             qPrintable(QStringLiteral("%1 slices, %2 X events")
                            .arg(o.value(QLatin1String("slices")).toInt())
                            .arg(e.xEvents)));
    if (e.xEvents > 0)
        QVERIFY(o.value(QLatin1String("flows")).toInt() > 0);
}

// Rank 2 of the CANN 8.3 sample runs on device 4: its rank from profiler_info (a string there),
// its device from the rows, neither from the folder name.
void TestAscendImport::rankIdentityFromContent()
{
    QTemporaryDir dir;
    // Folder names that lie: the identity must come from the files.
    copyTree(kAscend + QStringLiteral("msinsight/test/st/level2/rank_2_ascend_pt"),
             dir.path() + QStringLiteral("/rank_7_ascend_pt"));
    // The cache of profiler_info holds the rank; the step rows the device.
    const QJsonObject o = importLine(m_home, dir.path());
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), 1);
    const QJsonArray ranks = o.value(QLatin1String("rank_list")).toArray();
    QCOMPARE(ranks.size(), 1);
    QCOMPARE(ranks[0].toObject().value(QLatin1String("rank")).toInt(), 2);
    QCOMPARE(ranks[0].toObject().value(QLatin1String("device")).toInt(), 4);
}

void TestAscendImport::badRanksNamedOthersOpen()
{
    QTemporaryDir dir;
    const QString good = dir.path() + QStringLiteral("/good_ascend_pt");
    copyTree(kAscend + QStringLiteral("msinsight/test/data/pytorch/text/level1/rank1_ascend_pt"),
             good);
    const QString bad = dir.path() + QStringLiteral("/bad_ascend_pt/ASCEND_PROFILER_OUTPUT/");
    QDir().mkpath(bad);
    {
        QFile f(bad + QStringLiteral("kernel_details.csv")); // no Duration(us)
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Step Id,Name,Type,Accelerator Core,Start Time(us)\n1,n,t,AI_CORE,1.5\n");
        QFile t(bad + QStringLiteral("trace_view.json")); // truncated
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(
            "[{\"ph\":\"X\",\"name\":\"a\",\"pid\":1,\"tid\":1,\"ts\":\"1.0\",\"dur\":1},{\"ph");
    }
    const QString empty = dir.path() + QStringLiteral("/empty_ascend_pt/ASCEND_PROFILER_OUTPUT");
    QDir().mkpath(empty);

    QByteArray err;
    const QJsonObject o = importLine(m_home, dir.path(), &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), 3);
    const Expected e = count(good);
    QCOMPARE(o.value(QLatin1String("kernels")).toInt(), e.kernels); // the good rank is all there
    QCOMPARE(o.value(QLatin1String("memory_records")).toInt(), e.memoryRecords);
    const QString log = QString::fromUtf8(err);
    QVERIFY2(log.contains(bad + QStringLiteral("kernel_details.csv: kernel_details / op_summary: "
                                               "no column 'Duration(us)'")),
             err.constData());
    QVERIFY2(log.contains(bad + QStringLiteral("trace_view.json: ")), err.constData());
    QVERIFY2(
        log.contains(QStringLiteral("empty_ascend_pt: nothing in this rank folder could be read")),
        err.constData());
}

// A rank whose profiler DB cannot be read: said so, and its text files are read instead.
void TestAscendImport::databaseFallsBackToText()
{
    QTemporaryDir dir;
    const QString rank = dir.path() + QStringLiteral("/r_ascend_pt");
    copyTree(kAscend + QStringLiteral("msinsight/test/data/pytorch/text/level1/rank0_ascend_pt"),
             rank);
    const QString db = rank + QStringLiteral("/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db");
    {
        QFile f(db); // an SQLite header, then nothing an SQLite reader could use
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\x5a'));
    }
    QByteArray err;
    const QJsonObject o = importLine(m_home, dir.path(), &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    const Expected e = count(rank);
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("kernels")).toInt(), e.kernels);
    QCOMPARE(o.value(QLatin1String("memory_records")).toInt(), e.memoryRecords);
    QVERIFY(o.value(QLatin1String("slices")).toInt() >= e.xEvents);
    QVERIFY2(QString::fromUtf8(err).contains(
                 db + QStringLiteral(" could not be read; reading the rank's text files instead")),
             err.constData());
}

QTEST_GUILESS_MAIN(TestAscendImport)
#include "tst_ascendimport.moc"

// Ascend profiling folders through the real binary (`tracescope --import`): every text rank
// folder and cluster of the samples imports, and the JSON line's "ranks", "kernels",
// "memory_records" and "slices" match what the test counts in the files itself (non-blank CSV
// lines less the header; X events of trace_view.json by Qt's JSON parser). Bad ranks are
// reported by file name while the good ones still open.
#include "../model/csvsplit.h"
#include "apprunner.h"

#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
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
    void kernelColumnsInOperatorStats();

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
    const QString db =
        rank + QStringLiteral("/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db");
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

// `--stats operators` of an Ascend rank: device rows carry kernel_details.csv's type, core and
// the mean of each metric column, as the test works them out from the CSV itself.
void TestAscendImport::kernelColumnsInOperatorStats()
{
    const QString rank =
        kAscend + QStringLiteral("msinsight/test/data/pytorch/text/level1/rank0_ascend_pt");
    QFile file(rank + QStringLiteral("/ASCEND_PROFILER_OUTPUT/kernel_details.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> kernelRows = splitCsv(QString::fromUtf8(file.readAll()));
    QVERIFY(kernelRows.size() > 1);
    const QStringList header = kernelRows[0];
    const qsizetype nameAt = header.indexOf(QStringLiteral("Name")),
                    typeAt = header.indexOf(QStringLiteral("Type")),
                    coreAt = header.indexOf(QStringLiteral("Accelerator Core"));
    const QStringList metrics{QStringLiteral("aicore_time(us)"), QStringLiteral("aiv_time(us)"),
                              QStringLiteral("Block Dim")};
    struct Kernel
    {
        QSet<QString> types, cores;
        QList<double> sums = {0, 0, 0};
        QList<int> counts = {0, 0, 0};
    };
    QHash<QString, Kernel> expected;
    for (qsizetype r = 1; r < kernelRows.size(); ++r) {
        const QStringList &row = kernelRows[r];
        if (row.size() != header.size())
            continue;
        Kernel &k = expected[row[nameAt]];
        k.types << row[typeAt];
        k.cores << row[coreAt];
        for (int m = 0; m < metrics.size(); ++m) {
            bool ok = false;
            const double v = row[header.indexOf(metrics[m])].toDouble(&ok);
            if (ok)
                k.sums[m] += v, ++k.counts[m];
        }
    }

    const AppRun run = runApp(
        m_home, rootFlag() << QStringLiteral("--stats") << QStringLiteral("operators") << rank,
        300000);
    QVERIFY2(run.finished && run.exitCode == 0, run.err.constData());
    const QList<QStringList> out = splitCsv(QString::fromUtf8(run.out));
    const QStringList columns = out.value(0);
    QCOMPARE(columns.mid(0, 11),
             (QStringList{"name", "count", "total_us", "self_us", "mean_us", "min_us", "max_us",
                          "share_pct", "side", "type", "core"}));
    int withKernel = 0;
    for (qsizetype r = 1; r < out.size(); ++r) {
        const QStringList &row = out[r];
        QCOMPARE(row.size(), columns.size());
        if (row[9].isEmpty())
            continue;
        ++withKernel;
        QCOMPARE(row[8], QStringLiteral("device"));
        QVERIFY2(expected.contains(row[0]), qPrintable(row[0]));
        const Kernel &k = expected[row[0]];
        const QStringList types = row[9].split(QStringLiteral(" / "));
        const QStringList cores = row[10].split(QStringLiteral(" / "));
        QCOMPARE(QSet<QString>(types.begin(), types.end()), k.types);
        QCOMPARE(QSet<QString>(cores.begin(), cores.end()), k.cores);
        for (int m = 0; m < metrics.size(); ++m) {
            const qsizetype at = columns.indexOf(metrics[m]);
            QVERIFY2(at > 10, qPrintable(metrics[m]));
            if (k.counts[m] == 0) {
                QVERIFY(row[at].isEmpty());
                continue;
            }
            const double want = k.sums[m] / k.counts[m];
            QVERIFY2(qAbs(row[at].toDouble() - want) <= 1e-6 * qMax(1.0, qAbs(want)),
                     qPrintable(QStringLiteral("%1 %2: %3, expected %4")
                                    .arg(row[0], metrics[m], row[at])
                                    .arg(want)));
        }
    }
    // The device rows the timeline drew from Ascend Hardware got the kernel table's columns.
    QVERIFY2(withKernel >= 20, qPrintable(QString::number(withKernel)));
    // Id columns are no metrics.
    QVERIFY(!columns.contains(QStringLiteral("Step Id")));
    QVERIFY(!columns.contains(QStringLiteral("Model ID")));
}

QTEST_GUILESS_MAIN(TestAscendImport)
#include "tst_ascendimport.moc"

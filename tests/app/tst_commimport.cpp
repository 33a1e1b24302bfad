// HCCL's communication analysis through the real binary: a two-rank cluster (copies of Insight's
// test_rank_0 and test_rank_1, with and without the cluster_analysis_output msprof-analyze made
// of them) and a DB-export rank with its analysis.db. `--import` reports "communication_ops",
// "communication_links" and "matrix_links", which must equal what the test counts in the files
// with QJsonDocument (or SQL); `--stats communication` prints one row per rank × operator; a
// broken communication.json is named while the rest of the rank still opens; and
// `--screenshot --view communication` renders the tab.
#include "apprunner.h"

#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace ts::testing;

namespace {

const QString kTestData =
    QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/server/src/test/test_data/");

struct Counts
{
    int ops = 0, links = 0, cells = 0, realOps = 0; // realOps: without "Total Op Info"
};

// The test's own count of one communication*.json (either layout).
void countFile(const QString &file, Counts &c)
{
    static const QRegularExpression cellKey(QStringLiteral("^\\d+-\\d+$"));
    static const QRegularExpression rankKey(QStringLiteral("^\\d+$"));
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    const bool rankLayout = root.keys().value(0).startsWith(QLatin1String("step"));
    const auto entry = [&c](const QJsonObject &e, bool total) {
        ++c.ops;
        c.realOps += total ? 0 : 1;
        c.links += int(e.value(QLatin1String("Communication Bandwidth Info")).toObject().size());
    };
    for (const QJsonValue &outer : root)
        for (const QJsonValue &inner : outer.toObject()) {
            const QJsonObject ops = inner.toObject();
            for (auto op = ops.begin(); op != ops.end(); ++op) {
                const QJsonObject o = op.value().toObject();
                const bool total = op.key() == QLatin1String("Total Op Info");
                if (rankLayout && o.contains(QLatin1String("Communication Time Info"))) {
                    entry(o, total);
                    continue;
                }
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if (cellKey.match(it.key()).hasMatch())
                        ++c.cells;
                    else if (!rankLayout && rankKey.match(it.key()).hasMatch())
                        entry(it.value().toObject(), total);
                }
            }
        }
}

Counts countTree(const QString &root)
{
    Counts c;
    QDirIterator it(root, {QStringLiteral("*communication*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        countFile(it.next(), c);
    return c;
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
        QFile(target).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
}

qint64 sqlCount(const QString &db, const char *sql)
{
    sqlite3 *h = nullptr;
    const QByteArray uri = "file:" + db.toUtf8() + "?immutable=1";
    qint64 n = -1;
    if (sqlite3_open_v2(uri.constData(), &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(h, sql, -1, &s, nullptr) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(h);
    return n;
}

} // namespace

class TestCommImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void twoRanks();
    void clusterOutputBeside();
    void statsCsv();
    void databaseRank();
    void brokenFileNamedRestOpens();
    void screenshot();

private:
    QJsonObject importLine(const QString &path, QByteArray *err = nullptr)
    {
        const AppRun run = runApp(m_home, rootFlag() << QStringLiteral("--import") << path, 300000);
        if (err)
            *err = run.err;
        if (!run.finished || run.exitCode != 0)
            qWarning("exit %d: %s", run.exitCode, run.err.constData());
        return QJsonDocument::fromJson(run.out.trimmed()).object();
    }
    AppSandboxHome m_home;
    QTemporaryDir m_dir;
    QString m_cluster;    // test_rank_0 and test_rank_1
    QString m_withOutput; // the same with cluster_analysis_output beside them
    bool m_here = false;
};

void TestCommImport::initTestCase()
{
    m_here = QFile::exists(kTestData + QStringLiteral("test_rank_1/ASCEND_PROFILER_OUTPUT/"
                                                      "communication_matrix.json"));
    if (!m_here)
        return;
    // Copies in a folder of their own: the sample's parent holds much else.
    m_cluster = m_dir.filePath(QStringLiteral("cluster"));
    m_withOutput = m_dir.filePath(QStringLiteral("with_output"));
    for (const QString &root : {m_cluster, m_withOutput})
        for (const char *rank : {"test_rank_0", "test_rank_1"})
            copyTree(kTestData + QLatin1String(rank),
                     root + QLatin1Char('/') + QLatin1String(rank));
    copyTree(kTestData + QStringLiteral("cluster_analysis_output"),
             m_withOutput + QStringLiteral("/cluster_analysis_output"));
}

void TestCommImport::twoRanks()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const Counts e = countTree(m_cluster);
    QVERIFY(e.ops > 0 && e.cells > 0);
    QByteArray err;
    const QJsonObject o = importLine(m_cluster, &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("communication_ops")).toInt(), e.ops);
    QCOMPARE(o.value(QLatin1String("communication_links")).toInt(), e.links);
    QCOMPARE(o.value(QLatin1String("matrix_links")).toInt(), e.cells);
}

void TestCommImport::clusterOutputBeside()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const Counts e = countTree(m_withOutput); // the ranks' files and the cluster's
    const Counts ranksOnly = countTree(m_cluster);
    QVERIFY(e.ops > ranksOnly.ops);
    QByteArray err;
    const QJsonObject o = importLine(m_withOutput, &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QCOMPARE(o.value(QLatin1String("ranks")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("communication_ops")).toInt(), e.ops);
    QCOMPARE(o.value(QLatin1String("matrix_links")).toInt(), e.cells);
    // The table shows the cluster's figures: its ranks 0…7, its operators of ranks 0 and 1.
    const AppRun run = runApp(m_home,
                              rootFlag() << QStringLiteral("--stats")
                                         << QStringLiteral("communication") << m_withOutput,
                              300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    Counts cluster;
    countFile(m_withOutput + QStringLiteral("/cluster_analysis_output/cluster_communication.json"),
              cluster);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size() - 1, cluster.realOps);
}

void TestCommImport::statsCsv()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const AppRun run = runApp(m_home,
                              rootFlag() << QStringLiteral("--stats")
                                         << QStringLiteral("communication") << m_cluster,
                              300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("rank,step,scope,op,group,elapse_ms,transit_ms,wait_ms,sync_ms,"
                                  "idle_ms,wait_ratio,sync_ratio"));
    const Counts e = countTree(m_cluster);
    QCOMPARE(lines.size() - 1, e.realOps);
    QSet<QByteArray> ranks;
    for (qsizetype i = 1; i < lines.size(); ++i)
        ranks.insert(lines[i].split(',').value(0));
    QCOMPARE(ranks, (QSet<QByteArray>{"0", "1"})); // from profiler_info, not the folder names
}

void TestCommImport::databaseRank()
{
    const QString rank = QStringLiteral(TRACESCOPE_SHARED_DIR
                                        "/samples/ascend/msinsight/test/data/pytorch/db/level1/"
                                        "rank1_ascend_pt");
    const QString analysis = rank + QStringLiteral("/ASCEND_PROFILER_OUTPUT/analysis.db");
    if (!QFile::exists(analysis))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const QString copy = m_dir.filePath(QStringLiteral("db/rank1_ascend_pt"));
    copyTree(rank, copy);
    QByteArray err;
    const QJsonObject o = importLine(copy, &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QCOMPARE(o.value(QLatin1String("communication_ops")).toInt(),
             sqlCount(analysis, "SELECT count(*) FROM CommAnalyzerTime"));
    QCOMPARE(o.value(QLatin1String("matrix_links")).toInt(),
             sqlCount(analysis, "SELECT count(*) FROM CommAnalyzerMatrix"));
}

void TestCommImport::brokenFileNamedRestOpens()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const QString root = m_dir.filePath(QStringLiteral("broken"));
    copyTree(kTestData + QStringLiteral("test_rank_0"), root + QStringLiteral("/test_rank_0"));
    const QString bad =
        root + QStringLiteral("/test_rank_0/ASCEND_PROFILER_OUTPUT/communication.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const QByteArray whole = f.readAll();
    QVERIFY(f.resize(whole.size() / 3)); // cut mid-file
    f.close();
    Counts matrix;
    countFile(root +
                  QStringLiteral("/test_rank_0/ASCEND_PROFILER_OUTPUT/communication_matrix.json"),
              matrix);
    QByteArray err;
    const QJsonObject o = importLine(root, &err);
    QVERIFY2(!o.isEmpty(), err.constData());
    QVERIFY2(QString::fromUtf8(err).contains(
                 bad + QStringLiteral(": communication JSON: the file ends too early")),
             err.constData());
    QCOMPARE(o.value(QLatin1String("communication_ops")).toInt(), 0);
    QCOMPARE(o.value(QLatin1String("matrix_links")).toInt(), matrix.cells); // the rest is there
    QVERIFY(o.value(QLatin1String("kernels")).toInt() > 0);
}

void TestCommImport::screenshot()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const QString png = m_dir.filePath(QStringLiteral("communication.png"));
    const AppRun run =
        runApp(m_home,
               rootFlag() << QStringLiteral("--screenshot") << png << QStringLiteral("--size")
                          << QStringLiteral("1400x900") << QStringLiteral("--view")
                          << QStringLiteral("communication") << m_cluster,
               300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("view Communication"), run.out.constData());
    QCOMPARE(QImage(png).size(), QSize(1400, 900));
    // A trace has no communication analysis: no such view, said so.
    const AppRun none =
        runApp(m_home,
               rootFlag() << QStringLiteral("--screenshot") << png << QStringLiteral("--view")
                          << QStringLiteral("communication") << sampleTrace(),
               120000);
    QCOMPARE(none.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestCommImport)
#include "tst_commimport.moc"

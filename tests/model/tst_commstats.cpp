// The Communication model (model/communication) over the real two-rank sample (test_rank_0 and
// test_rank_1 of MindStudio Insight's tests, and the cluster_analysis_output msprof-analyze made
// of the same run): the sample JSON goes through the child's reader and the app's cache writer,
// and every figure the model gives — per rank waits, per link type bandwidth, the wait ratio of
// each operator, the slowest rank and link, cluster data winning — is checked against figures
// this test computes by itself with QJsonDocument from the same files.
#include "cachebuilder.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "communication/commstats.h"
#include "importrunner.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace ts;

namespace {

const QString kTestData =
    QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/server/src/test/test_data/");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The file through the child's reader, then the app's validator and writer, into `cache`.
bool cacheOf(const QString &input, const QString &cache, QString *error)
{
    const QByteArray bytes = readFile(input);
    parsers::InputSource source{std::string_view(bytes.constData(), size_t(bytes.size()))};
    parsers::RecordSink sink;
    if (parsers::importFrom(source, sink, uint64_t(bytes.size())) != 0) {
        *error = input + QStringLiteral(": the reader failed");
        return false;
    }
    return testing::buildCache(sink.buffer(), cache, error);
}

qint64 ns(const QJsonValue &ms)
{
    return std::llround(ms.toDouble() * 1e6);
}
qint64 bytes(const QJsonValue &mb)
{
    return std::llround(mb.toDouble() * 1e6);
}

struct RankExpect
{
    qint64 wait = 0, transit = 0;
    int ops = 0;
    std::map<QString, std::pair<qint64, qint64>> links; // link → bytes, ns
};

// Per rank from its communication.json, "Total Op Info" left out.
RankExpect expectRank(const QString &file)
{
    RankExpect e;
    const QJsonObject root = QJsonDocument::fromJson(readFile(file)).object();
    for (const QJsonValue &step : root) {
        for (const QJsonValue &scope : step.toObject()) {
            const QJsonObject ops = scope.toObject();
            for (auto it = ops.begin(); it != ops.end(); ++it) {
                if (it.key() == QLatin1String("Total Op Info"))
                    continue;
                const QJsonObject op = it.value().toObject();
                const QJsonObject t = op.value(QLatin1String("Communication Time Info")).toObject();
                ++e.ops;
                e.wait += ns(t.value(QLatin1String("Wait Time(ms)")));
                e.transit += ns(t.value(QLatin1String("Transit Time(ms)")));
                const QJsonObject bw =
                    op.value(QLatin1String("Communication Bandwidth Info")).toObject();
                for (auto l = bw.begin(); l != bw.end(); ++l) {
                    const qint64 size = bytes(l.value().toObject().value("Transit Size(MB)"));
                    if (size <= 0)
                        continue;
                    e.links[l.key()].first += size;
                    e.links[l.key()].second += ns(l.value().toObject().value("Transit Time(ms)"));
                }
            }
        }
    }
    return e;
}

} // namespace

class TestCommStats : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void ranksAndLinks();
    void waitRatioAsMsprofDefinesIt();
    void slowestLinkOfTheMatrix();
    void matrixOfOneOperator();
    void clusterDataWins();
    void csv();

private:
    QTemporaryDir m_dir;
    QList<model::CommSource> m_ranks;   // both ranks' own files
    QList<model::CommSource> m_cluster; // the cluster files
    bool m_here = false;
};

void TestCommStats::initTestCase()
{
    m_here = QFile::exists(kTestData + QStringLiteral("test_rank_1/ASCEND_PROFILER_OUTPUT/"
                                                      "communication.json"));
    if (!m_here)
        return;
    QString error;
    for (int rank : {0, 1}) {
        for (const char *name : {"communication.json", "communication_matrix.json"}) {
            const QString input = kTestData +
                                  QStringLiteral("test_rank_%1/ASCEND_PROFILER_OUTPUT/").arg(rank) +
                                  QLatin1String(name);
            const QString cache =
                m_dir.filePath(QStringLiteral("r%1_%2.tscache").arg(rank).arg(name));
            QVERIFY2(cacheOf(input, cache, &error), qPrintable(error));
            m_ranks << model::CommSource{cache, rank};
        }
    }
    for (const char *name : {"cluster_communication.json", "cluster_communication_matrix.json"}) {
        const QString cache = m_dir.filePath(QLatin1String(name) + QStringLiteral(".tscache"));
        QVERIFY2(
            cacheOf(kTestData + QStringLiteral("cluster_analysis_output/") + QLatin1String(name),
                    cache, &error),
            qPrintable(error));
        m_cluster << model::CommSource{cache, -1};
    }
}

void TestCommStats::ranksAndLinks()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationStats s =
        model::CommunicationStats::compute(model::CommunicationData::load(m_ranks));
    QCOMPARE(s.ranks.size(), 2);
    int opsSeen = 0;
    for (const model::CommRankStat &r : s.ranks) {
        const RankExpect e = expectRank(
            kTestData +
            QStringLiteral("test_rank_%1/ASCEND_PROFILER_OUTPUT/communication.json").arg(r.rank));
        QCOMPARE(r.ops, e.ops);
        QCOMPARE(r.wait, e.wait);
        QCOMPARE(r.transit, e.transit);
        opsSeen += r.ops;
        int links = 0;
        for (const model::CommLinkStat &l : s.links) {
            if (l.rank != r.rank)
                continue;
            ++links;
            QVERIFY2(e.links.count(l.link), qPrintable(l.link));
            const auto [size, time] = e.links.at(l.link);
            QCOMPARE(l.size, size);
            QCOMPARE(l.time, time);
            QVERIFY(std::abs(l.bandwidth - double(size) / double(time)) < 1e-9);
        }
        QCOMPARE(size_t(links), e.links.size());
    }
    QCOMPARE(s.ops.size(), opsSeen);
    // The rank the other waits for waits least.
    const RankExpect r0 =
        expectRank(kTestData + "test_rank_0/ASCEND_PROFILER_OUTPUT/communication.json");
    const RankExpect r1 =
        expectRank(kTestData + "test_rank_1/ASCEND_PROFILER_OUTPUT/communication.json");
    QVERIFY(r0.wait != r1.wait);
    QCOMPARE(s.slowest.rank, r0.wait < r1.wait ? 0 : 1);
    QCOMPARE(s.slowest.mostWaiting, r0.wait < r1.wait ? 1 : 0);
    QCOMPARE(s.slowest.rankWait, std::min(r0.wait, r1.wait));
}

void TestCommStats::waitRatioAsMsprofDefinesIt()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationStats s =
        model::CommunicationStats::compute(model::CommunicationData::load(m_ranks));
    const QJsonObject root =
        QJsonDocument::fromJson(
            readFile(kTestData + "test_rank_0/ASCEND_PROFILER_OUTPUT/communication.json"))
            .object();
    int checked = 0, expectChecked = 0;
    for (const QJsonValue &step : root)
        for (const QJsonValue &scope : step.toObject()) {
            const QJsonObject ops = scope.toObject();
            for (auto it = ops.begin(); it != ops.end(); ++it) {
                const QJsonObject t =
                    it.value().toObject().value("Communication Time Info").toObject();
                expectChecked +=
                    it.key() != QLatin1String("Total Op Info") &&
                    t.value("Wait Time(ms)").toDouble() + t.value("Transit Time(ms)").toDouble() >
                        0;
            }
        }
    for (const model::CommOpStat &o : s.ops) {
        if (o.rank != 0)
            continue;
        const QJsonObject t = root.value(o.step)
                                  .toObject()
                                  .value(o.scope)
                                  .toObject()
                                  .value(o.op + QLatin1Char('@') + o.group)
                                  .toObject()
                                  .value(QLatin1String("Communication Time Info"))
                                  .toObject();
        QVERIFY(!t.isEmpty());
        const double fileRatio = t.value(QLatin1String("Wait Time Ratio")).toDouble();
        if (o.waitRatio < 0) {
            QCOMPARE(fileRatio, 0.0); // no wait and no transit
            continue;
        }
        // The file rounds to four decimals.
        QVERIFY2(
            std::abs(o.waitRatio - fileRatio) <= 0.00005 + 1e-12,
            qPrintable(QStringLiteral("%1: %2 vs %3").arg(o.op).arg(o.waitRatio).arg(fileRatio)));
        ++checked;
    }
    QVERIFY(expectChecked > 0);
    QCOMPARE(checked, expectChecked);
}

void TestCommStats::slowestLinkOfTheMatrix()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationStats s =
        model::CommunicationStats::compute(model::CommunicationData::load(m_ranks));
    // The test's own: every "Total Op Info" cell of both ranks' matrices, src ≠ dst, not LOCAL,
    // summed per (src, dst, transport); the lowest bytes per ns.
    std::map<std::tuple<int, int, QString>, std::pair<qint64, qint64>> cells;
    for (int rank : {0, 1}) {
        const QJsonObject root =
            QJsonDocument::fromJson(
                readFile(kTestData + QStringLiteral("test_rank_%1/ASCEND_PROFILER_OUTPUT/"
                                                    "communication_matrix.json")
                                         .arg(rank)))
                .object();
        for (const QJsonValue &step : root)
            for (const QJsonValue &scope : step.toObject()) {
                const QJsonObject total = scope.toObject().value("Total Op Info").toObject();
                for (auto it = total.begin(); it != total.end(); ++it) {
                    const QStringList sd = it.key().split(QLatin1Char('-'));
                    const QJsonObject c = it.value().toObject();
                    auto &v =
                        cells[{sd[0].toInt(), sd[1].toInt(), c.value("Transport Type").toString()}];
                    v.first += bytes(c.value("Transit Size(MB)"));
                    v.second += ns(c.value("Transit Time(ms)"));
                }
            }
    }
    double lowest = 1e300;
    std::tuple<int, int, QString> slowest;
    for (const auto &[key, v] : cells) {
        if (std::get<0>(key) == std::get<1>(key) || std::get<2>(key) == "LOCAL" || v.second <= 0)
            continue;
        const double bw = double(v.first) / double(v.second);
        if (bw < lowest) {
            lowest = bw;
            slowest = key;
        }
    }
    QVERIFY(lowest < 1e300);
    QVERIFY(s.slowest.hasLink && s.slowest.linkFromMatrix);
    QCOMPARE(s.slowest.link.src, std::get<0>(slowest));
    QCOMPARE(s.slowest.link.dst, std::get<1>(slowest));
    QCOMPARE(s.slowest.link.transport, std::get<2>(slowest));
    QVERIFY(std::abs(s.slowest.link.bandwidth - lowest) < 1e-9);
}

void TestCommStats::matrixOfOneOperator()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationData data = model::CommunicationData::load(m_ranks);
    const model::CommunicationStats s = model::CommunicationStats::compute(data, "step2");
    QVERIFY(s.matrixOps.contains("hcom_send__822_0"));
    const QList<model::CommMatrixCell> cells =
        model::CommunicationStats::matrixOf(data, "step2", "hcom_send__822_0");
    // The test's own: that operator's cells in both ranks' matrix files.
    std::map<std::pair<int, int>, std::pair<qint64, qint64>> expected;
    for (int rank : {0, 1}) {
        const QJsonObject root =
            QJsonDocument::fromJson(
                readFile(kTestData + QStringLiteral("test_rank_%1/ASCEND_PROFILER_OUTPUT/"
                                                    "communication_matrix.json")
                                         .arg(rank)))
                .object();
        const QJsonObject op = root.value("step2")
                                   .toObject()
                                   .value("p2p")
                                   .toObject()
                                   .value("hcom_send__822_0@13337953553061386822")
                                   .toObject();
        for (auto it = op.begin(); it != op.end(); ++it) {
            const QStringList sd = it.key().split(QLatin1Char('-'));
            expected[{sd[0].toInt(), sd[1].toInt()}] = {
                bytes(it.value().toObject().value("Transit Size(MB)")),
                ns(it.value().toObject().value("Transit Time(ms)"))};
        }
    }
    QVERIFY(expected.size() >= 2);
    QCOMPARE(size_t(cells.size()), expected.size());
    for (const model::CommMatrixCell &c : cells) {
        QVERIFY(expected.count({c.src, c.dst}));
        QCOMPARE(c.size, expected.at({c.src, c.dst}).first);
        QCOMPARE(c.time, expected.at({c.src, c.dst}).second);
    }
    QVERIFY(model::CommunicationStats::matrixOf(data, "step9", {}).isEmpty());
}

void TestCommStats::clusterDataWins()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationData both = model::CommunicationData::load(m_ranks + m_cluster);
    const model::CommunicationData cluster = model::CommunicationData::load(m_cluster);
    QCOMPARE(both.ops.size(), cluster.ops.size());
    QCOMPARE(both.matrix.size(), cluster.matrix.size());
    for (const model::CommOpRow &r : both.ops)
        QVERIFY(r.fromCluster);
    // Ranks 0 and 1 now show the cluster's figures (this sample's cluster file holds fewer of
    // their operators than their own files do).
    const model::CommunicationStats merged = model::CommunicationStats::compute(both);
    const model::CommunicationStats fromCluster = model::CommunicationStats::compute(cluster);
    QCOMPARE(merged.ranks.size(), fromCluster.ranks.size());
    for (int i = 0; i < merged.ranks.size(); ++i) {
        QCOMPARE(merged.ranks[i].rank, fromCluster.ranks[i].rank);
        QCOMPARE(merged.ranks[i].wait, fromCluster.ranks[i].wait);
    }
}

void TestCommStats::csv()
{
    if (!m_here)
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const model::CommunicationStats s =
        model::CommunicationStats::compute(model::CommunicationData::load(m_ranks));
    const QByteArray csv = model::communicationCsv(s.ops);
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("rank,step,scope,op,group,elapse_ms,transit_ms,wait_ms,sync_ms,"
                                  "idle_ms,wait_ratio,sync_ratio"));
    QCOMPARE(lines.size(), s.ops.size() + 1);
    // Rank 0's hcom_send__822_0: transit 0.86381540625 ms, 863815 ns written exactly.
    const auto send = std::find_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) {
        return l.startsWith("0,step2,p2p,hcom_send__822_0,13337953553061386822,");
    });
    QVERIFY(send != lines.cend());
    QVERIFY2(send->contains(",0.863815,"), send->constData());
    // By rank, then step, then start.
    QVERIFY(lines[1].startsWith("0,") && lines.last().startsWith("1,"));
}

QTEST_GUILESS_MAIN(TestCommStats)
#include "tst_commstats.moc"

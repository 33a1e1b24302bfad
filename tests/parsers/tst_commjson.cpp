// HCCL's communication analysis through the child's entry (importFrom), as the app would receive
// it: every communication.json, communication_matrix.json and cluster_communication(_matrix).json
// of the samples, and the CommAnalyzer* tables of every analysis.db. The expected counts and sums
// are the test's own: the JSON walked with QJsonDocument, the DB read with plain SQL — sharing
// no code with the readers. Bad input is refused with a message that says where, or counted by
// reason with the rest kept.
#include "streamsummary.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <sqlite3.h>

#include <cmath>

using namespace ts;
using testing::importBytes;
using testing::StreamSummary;

namespace {

const QString kSamples = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::string bytesOf(const QString &path)
{
    return readFile(path).toStdString();
}

// What the test expects of one file, from its own walk of the JSON.
struct Expected
{
    qint64 ops = 0, links = 0, cells = 0;
    qint64 transitNs = 0, waitNs = 0, elapseNs = 0; // over the ops
    quint64 startNsSum = 0; // wrapping: digits of the text, not a double (which cannot hold them)
    qint64 linkBytes = 0, cellBytes = 0, cellNs = 0;
};

qint64 ns(double ms)
{
    return std::llround(ms * 1e6);
}
qint64 bytes(double mb)
{
    return std::llround(mb * 1e6);
}

void addEntry(const QJsonObject &entry, Expected &e)
{
    const QJsonObject time = entry.value(QLatin1String("Communication Time Info")).toObject();
    ++e.ops;
    e.transitNs += ns(time.value(QLatin1String("Transit Time(ms)")).toDouble());
    e.waitNs += ns(time.value(QLatin1String("Wait Time(ms)")).toDouble());
    e.elapseNs += ns(time.value(QLatin1String("Elapse Time(ms)")).toDouble());
    if (!time.contains(QLatin1String("Start Timestamp(us)")))
        e.startNsSum -= 1; // none: -1 (the "Total Op Info" entries have no start)
    const QJsonObject bw = entry.value(QLatin1String("Communication Bandwidth Info")).toObject();
    for (const QJsonValue &link : bw) {
        ++e.links;
        e.linkBytes += bytes(link.toObject().value(QLatin1String("Transit Size(MB)")).toDouble());
    }
}

void addCell(const QJsonObject &cell, Expected &e)
{
    ++e.cells;
    e.cellBytes += bytes(cell.value(QLatin1String("Transit Size(MB)")).toDouble());
    e.cellNs += ns(cell.value(QLatin1String("Transit Time(ms)")).toDouble());
}

// "…Start Timestamp(us)": 1695115378715400.2 → ns by string surgery on the file's own text.
quint64 startSum(const QByteArray &json)
{
    static const QRegularExpression re(
        QStringLiteral("\"Start Timestamp\\(us\\)\"\\s*:\\s*(\\d+)(?:\\.(\\d+))?"));
    quint64 sum = 0;
    auto it = re.globalMatch(QString::fromUtf8(json));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        sum += m.captured(1).toULongLong() * 1000 +
               (m.captured(2) + QStringLiteral("000")).left(3).toULongLong();
    }
    return sum;
}

Expected expectedOf(const QByteArray &json)
{
    static const QRegularExpression cellKey(QStringLiteral("^\\d+-\\d+$"));
    static const QRegularExpression rankKey(QStringLiteral("^\\d+$"));
    Expected e;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const bool rankLayout = root.keys().value(0).startsWith(QLatin1String("step"));
    for (const QJsonValue &outer : root) {
        for (const QJsonValue &inner : outer.toObject()) {
            for (const QJsonValue &op : inner.toObject()) {
                const QJsonObject o = op.toObject();
                if (rankLayout && o.contains(QLatin1String("Communication Time Info"))) {
                    addEntry(o, e);
                    continue;
                }
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if (cellKey.match(it.key()).hasMatch())
                        addCell(it.value().toObject(), e);
                    else if (!rankLayout && rankKey.match(it.key()).hasMatch())
                        addEntry(it.value().toObject(), e);
                }
            }
        }
    }
    e.startNsSum += startSum(json);
    return e;
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

QStringList samplesNamed(const QStringList &patterns)
{
    QStringList found;
    QDirIterator it(kSamples, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    found.sort();
    return found;
}

} // namespace

class TestCommJson : public QObject
{
    Q_OBJECT
private slots:
    void samples_data();
    void samples();
    void analysisDb_data();
    void analysisDb();
    void exactValues();
    void clusterRanks();
    void badValuesCountedAndLeftOut();
    void truncatedSaysWhere();
    void otherJsonIsNotCommunication();
};

void TestCommJson::samples_data()
{
    QTest::addColumn<QString>("path");
    const QStringList found = samplesNamed({QStringLiteral("communication.json"),
                                            QStringLiteral("communication_matrix.json"),
                                            QStringLiteral("cluster_communication.json"),
                                            QStringLiteral("cluster_communication_matrix.json")});
    if (found.isEmpty())
        QTest::newRow("no samples") << QString();
    for (const QString &p : found)
        QTest::newRow(qPrintable(QDir(kSamples).relativeFilePath(p))) << p;
}

void TestCommJson::samples()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const QByteArray json = readFile(path);
    const Expected e = expectedOf(json);
    QVERIFY(e.ops + e.cells > 0);
    const StreamSummary s = importBytes(json.toStdString());
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.format, std::string("ascend-communication"));
    QCOMPARE(qint64(s.comm.ops.size()), e.ops);
    QCOMPARE(qint64(s.comm.links.size()), e.links);
    QCOMPARE(qint64(s.comm.matrix.size()), e.cells);
    qint64 transit = 0, wait = 0, elapse = 0, linkBytes = 0, cellBytes = 0, cellNs = 0;
    quint64 start = 0;
    for (const rec::CommOpRec &r : s.comm.ops) {
        transit += r.transit;
        wait += r.wait;
        elapse += r.elapse;
        start += quint64(r.startNs);
    }
    for (const rec::CommLinkRec &r : s.comm.links)
        linkBytes += r.size;
    for (const rec::CommMatrixRec &r : s.comm.matrix) {
        cellBytes += r.size;
        cellNs += r.time;
    }
    QCOMPARE(transit, e.transitNs);
    QCOMPARE(wait, e.waitNs);
    QCOMPARE(elapse, e.elapseNs);
    QCOMPARE(start, e.startNsSum);
    QCOMPARE(linkBytes, e.linkBytes);
    QCOMPARE(cellBytes, e.cellBytes);
    QCOMPARE(cellNs, e.cellNs);
    QCOMPARE(s.skippedTotal(), uint64_t(0));
}

void TestCommJson::analysisDb_data()
{
    QTest::addColumn<QString>("path");
    const QStringList found = samplesNamed({QStringLiteral("analysis.db")});
    if (found.isEmpty())
        QTest::newRow("no samples") << QString();
    for (const QString &p : found)
        QTest::newRow(qPrintable(QDir(kSamples).relativeFilePath(p))) << p;
}

void TestCommJson::analysisDb()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const bool hasComm =
        sqlCount(path, "SELECT count(*) FROM sqlite_master WHERE name='CommAnalyzerTime'") == 1;
    const qint64 ops = hasComm ? sqlCount(path, "SELECT count(*) FROM CommAnalyzerTime") : 0;
    const qint64 links =
        hasComm ? sqlCount(path, "SELECT count(*) FROM (SELECT DISTINCT step, type, group_name, "
                                 "hccl_op_name, transport_type FROM CommAnalyzerBandwidth)")
                : 0;
    const qint64 cells = hasComm ? sqlCount(path, "SELECT count(*) FROM CommAnalyzerMatrix") : 0;
    const qint64 transitNs =
        hasComm ? sqlCount(path, "SELECT coalesce(sum(CAST(round(transit_time * 1e6) AS INTEGER)), "
                                 "0) FROM CommAnalyzerTime")
                : 0;
    const StreamSummary s = importBytes(bytesOf(path));
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.format, std::string("ascend-analysis-db"));
    QCOMPARE(qint64(s.comm.ops.size()), ops);
    QCOMPARE(qint64(s.comm.links.size()), links);
    QCOMPARE(qint64(s.comm.matrix.size()), cells);
    qint64 transit = 0;
    for (const rec::CommOpRec &r : s.comm.ops) {
        QCOMPARE(r.key.rank, -1); // the folder's rank
        transit += r.transit;
    }
    QCOMPARE(transit, transitNs);
    // The packet sizes' counts add up to the rows the file spreads them over.
    if (hasComm) {
        qint64 packets = 0;
        static const QRegularExpression entry(QStringLiteral("\\[(\\d+),"));
        for (const rec::CommLinkRec &r : s.comm.links) {
            auto it = entry.globalMatch(
                QString::fromUtf8(r.distribution.data(), qsizetype(r.distribution.size())));
            while (it.hasNext())
                packets += it.next().captured(1).toLongLong();
        }
        QCOMPARE(packets, sqlCount(path, "SELECT coalesce(sum(count), 0) FROM "
                                         "CommAnalyzerBandwidth WHERE package_size > 0 AND "
                                         "count > 0"));
    }
}

void TestCommJson::exactValues()
{
    const QString path =
        kSamples + QStringLiteral("msinsight/server/src/test/test_data/test_rank_0/"
                                  "ASCEND_PROFILER_OUTPUT/communication.json");
    if (!QFile::exists(path))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const StreamSummary s = importBytes(bytesOf(path));
    QCOMPARE(s.exitCode, 0);
    // "hcom_send__822_0@13337953553061386822" of step2, p2p: the file's first operator.
    const rec::CommOpRec &op = s.comm.ops.at(0);
    QCOMPARE(s.str(op.key.step), std::string("step2"));
    QCOMPARE(s.str(op.key.scope), std::string("p2p"));
    QCOMPARE(s.str(op.key.op), std::string("hcom_send__822_0"));
    QCOMPARE(s.str(op.key.group), std::string("13337953553061386822"));
    QCOMPARE(op.startNs, qint64(1695115378810042500)); // "Start Timestamp(us)": 1695115378810042.5
    QCOMPARE(op.transit, qint64(863815));              // 0.86381540625 ms
    QCOMPARE(op.idle, qint64(32672));                  // 0.032671503906250066 ms
    QCOMPARE(op.waitRatio, 0.0);
    // Its RDMA link: 20.97152 MB in 0.86381540625 ms at 24.2778 GB/s, one packet of that size.
    const auto rdma =
        std::find_if(s.comm.links.begin(), s.comm.links.end(),
                     [&s](const rec::CommLinkRec &l) { return s.str(l.link) == "RDMA"; });
    QVERIFY(rdma != s.comm.links.end());
    QCOMPARE(rdma->size, qint64(20971520));
    QCOMPARE(rdma->time, qint64(863815));
    QCOMPARE(rdma->bandwidth, 24.2778);
    QCOMPARE(std::string(rdma->distribution), std::string("{\"20971520\":[1,863815]}"));
}

void TestCommJson::clusterRanks()
{
    const std::string json =
        R"json({"(0, 1)": {"step": {"hcom_allReduce__1@77": {
              "1": {"Communication Time Info": {"Transit Time(ms)": 1.5, "Wait Time(ms)": 0.5}},
              "0": {"Communication Time Info": {"Transit Time(ms)": 2}}}}},
            "p2p": {"step": {"Total Op Info": {"0-1": {"Transport Type": "HCCS",
              "Transit Size(MB)": 2, "Transit Time(ms)": 1, "Bandwidth(GB/s)": 2,
              "Op Name": "hcom_send__1"}}}}})json";
    const StreamSummary s = importBytes(json);
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.comm.ops.size(), size_t(2));
    QCOMPARE(s.comm.ops[0].key.rank, 1);
    QCOMPARE(s.comm.ops[0].transit, qint64(1500000));
    QCOMPARE(s.comm.ops[0].wait, qint64(500000));
    QCOMPARE(s.comm.ops[1].key.rank, 0);
    QCOMPARE(s.str(s.comm.ops[0].key.scope), std::string("(0, 1)"));
    QCOMPARE(s.str(s.comm.ops[0].key.op), std::string("hcom_allReduce__1"));
    QCOMPARE(s.str(s.comm.ops[0].key.group), std::string("77"));
    QCOMPARE(s.comm.matrix.size(), size_t(1));
    const rec::CommMatrixRec &m = s.comm.matrix[0];
    QCOMPARE(m.srcRank, 0);
    QCOMPARE(m.dstRank, 1);
    QCOMPARE(m.key.rank, 0); // a cluster cell says its sender
    QCOMPARE(s.str(m.transport), std::string("HCCS"));
    QCOMPARE(s.str(m.opName), std::string("hcom_send__1"));
    QCOMPARE(s.str(m.key.op), std::string("Total Op Info"));
    QCOMPARE(m.key.group, 0u);
    QCOMPARE(m.size, qint64(2000000));
}

void TestCommJson::badValuesCountedAndLeftOut()
{
    const std::string json =
        R"json({"step7": {"collective": {"hcom_x@1": {"Communication Time Info": {
              "Elapse Time(ms)": 2, "Transit Time(ms)": "fast", "Wait Time(ms)": -3,
              "Wait Time Ratio": 7, "Start Timestamp(us)": null},
            "Communication Bandwidth Info": {"HCCS": {"Transit Size(MB)": 1e300,
              "Size Distribution": {"x": [1, 2], "0.5": [2, 0.25]}}}}}}})json";
    const StreamSummary s = importBytes(json);
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.comm.ops.size(), size_t(1));
    const rec::CommOpRec &op = s.comm.ops[0];
    QCOMPARE(op.elapse, qint64(2000000));
    QCOMPARE(op.transit, qint64(-1));
    QCOMPARE(op.wait, qint64(-1));
    QCOMPARE(op.waitRatio, -1.0);
    QCOMPARE(op.startNs, qint64(-1));
    QCOMPARE(s.skipped.at("communication: Transit Time(ms) is not a number"), uint64_t(1));
    QCOMPARE(s.skipped.at("communication: Wait Time(ms) out of range"), uint64_t(1));
    QCOMPARE(s.skipped.at("communication: Wait Time Ratio out of range"), uint64_t(1));
    QCOMPARE(s.skipped.at("communication: Transit Size(MB) out of range"), uint64_t(1));
    QCOMPARE(s.comm.links.size(), size_t(1));
    QCOMPARE(s.comm.links[0].size, qint64(-1));
    QCOMPARE(std::string(s.comm.links[0].distribution), std::string("{\"500000\":[2,250000]}"));
}

void TestCommJson::truncatedSaysWhere()
{
    const QString path =
        kSamples +
        QStringLiteral("msinsight/server/src/test/test_data/test_rank_1/ASCEND_PROFILER_OUTPUT/"
                       "communication_matrix.json");
    if (!QFile::exists(path))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    const std::string whole = bytesOf(path);
    const StreamSummary s = importBytes(whole.substr(0, whole.size() / 2));
    QCOMPARE(s.exitCode, 1);
    QVERIFY(!s.hasResult);
    QVERIFY2(s.error.find("communication JSON: the file ends too early") != std::string::npos,
             s.error.c_str());
    QVERIFY2(s.error.find("byte offset") != std::string::npos, s.error.c_str());
    const StreamSummary bad = importBytes(R"json({"step1": {"p2p": {"a@1": {"0-1": {,}}}}})json");
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.error.find("communication JSON: invalid JSON") != std::string::npos,
             bad.error.c_str());
}

void TestCommJson::otherJsonIsNotCommunication()
{
    const StreamSummary trace = importBytes(R"json({"traceEvents": []})json");
    QCOMPARE(trace.format, std::string("chrome-trace"));
    // A scope whose first member is no step is not this shape either.
    const StreamSummary other = importBytes(R"json({"p2p": {"x": 1}})json");
    QVERIFY(other.format != "ascend-communication");
    QVERIFY(other.comm.ops.empty());
}

QTEST_GUILESS_MAIN(TestCommJson)
#include "tst_commjson.moc"

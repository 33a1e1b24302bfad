// The Ascend profiler DB reader on the real samples (pristine and Insight-touched, torch_npu
// 2025 and msprof 2023) and on small hostile DBs. Expected counts come from the test's own SQL
// over a private copy of each sample (never the sample itself, so no side file appears next to
// it); the importer runs on the sample's bytes, as the child would.
#include "sqlitefixture.h"
#include "streamsummary.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::queryInt;

namespace {

QString samples() { return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/"); }

std::string bytesOf(const QString &path)
{
    const QByteArray b = ts::testing::readAll(path);
    return std::string(b.constData(), size_t(b.size()));
}

// 0 when the table is absent, like the reader (which then has no such layer).
qint64 count(const QString &db, const QString &sql)
{
    bool ok = false;
    const qint64 n = queryInt(db, sql, &ok);
    return ok ? n : 0;
}

} // namespace

class TestAscendDb : public QObject
{
    Q_OBJECT
private slots:
    void samples_data();
    void samples();
    void badDatabases_data();
    void badDatabases();
};

void TestAscendDb::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("wal");
    const QString pt = QStringLiteral("test/data/pytorch/db/");
    QTest::newRow("level1 rank1 (pristine)")
        << pt + "level1/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_1.db" << false;
    QTest::newRow("level0 rank0 (pristine)")
        << pt + "level0/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db" << false;
    QTest::newRow("level1 rank0 (Insight-touched)")
        << pt + "level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db" << true;
    QTest::newRow("msprof 2023 (Insight-touched)")
        << QStringLiteral("server/src/test/test_data/full_db/msprof_0.db") << true;
}

void TestAscendDb::samples()
{
    QFETCH(QString, file);
    QFETCH(bool, wal);
    const QString path = ::samples() + file;
    if (!QFile::exists(path))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    QTemporaryDir dir;
    const QString copy = ts::testing::rollbackCopy(path, dir.path());
    QVERIFY(!copy.isEmpty());

    const ts::testing::StreamSummary s = ts::testing::importBytes(bytesOf(path));
    QVERIFY2(s.exitCode == 0, s.error.c_str());
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.format, std::string("ascend-db"));
    const bool walWarning =
        std::any_of(s.warnings.begin(), s.warnings.end(),
                    [](const std::string &w) { return w.find("WAL mode") != std::string::npos; });
    QCOMPARE(walWarning, wal);

    std::map<std::string, qint64> slices, counters;
    for (const rec::SliceRec &r : s.sliceRecs)
        ++slices[s.processNameOfTrack(r.track)];
    for (const rec::CounterRec &r : s.counterRecs)
        ++counters[s.processNameOfTrack(r.track)];

    // Layer by layer, against the test's own SQL (rows whose end is not before their start).
    QCOMPARE(slices["Python"],
             count(copy, "SELECT count(*) FROM PYTORCH_API WHERE CAST(endNs AS INTEGER) >= "
                         "CAST(startNs AS INTEGER)"));
    QCOMPARE(slices["CANN"], count(copy, "SELECT count(*) FROM CANN_API WHERE endNs >= startNs"));
    QCOMPARE(slices["Ascend Hardware"],
             count(copy, "SELECT count(*) FROM TASK WHERE endNs >= startNs"));
    QCOMPARE(slices["HCCL"],
             count(copy, "SELECT count(*) FROM COMMUNICATION_OP WHERE endNs >= startNs") +
                 count(copy, "SELECT count(*) FROM COMMUNICATION_TASK_INFO m JOIN TASK t ON "
                             "t.globalTaskId = m.globalTaskId WHERE t.endNs >= t.startNs"));
    QCOMPARE(slices["MSTX"] + qint64(s.instants),
             count(copy, "SELECT count(*) FROM MSTX_EVENTS WHERE endNs >= startNs"));
    QCOMPARE(counters["AI Core Freq"], count(copy, "SELECT count(*) FROM AICORE_FREQ"));
    QVERIFY(slices["Ascend Hardware"] > 0);

    // Flows: CANN API → device task, and framework op → device task through CONNECTION_IDS.
    qint64 h2d = 0, torch = 0;
    for (const rec::FlowRec &f : s.flowRecs) {
        h2d += s.str(f.category) == "HostToDevice";
        torch += s.str(f.category) == "async_npu";
    }
    QCOMPARE(h2d, count(copy, "SELECT count(*) FROM CANN_API a JOIN TASK t ON "
                              "t.connectionId = a.connectionId"));
    QCOMPARE(torch, count(copy, "SELECT count(*) FROM PYTORCH_API p JOIN CONNECTION_IDS c ON "
                                "c.id = p.connectionId JOIN TASK t ON t.connectionId = c.connectionId"));

    // One exact task: the first on the device, its duration in ns, on its stream's track.
    const qint64 firstTs = queryInt(copy, "SELECT min(startNs) FROM TASK");
    const qint64 firstDur =
        queryInt(copy, "SELECT endNs - startNs FROM TASK ORDER BY startNs, endNs DESC LIMIT 1");
    const qint64 stream =
        queryInt(copy, "SELECT streamId FROM TASK ORDER BY startNs, endNs DESC LIMIT 1");
    bool found = false;
    for (const rec::SliceRec &r : s.sliceRecs) {
        if (r.ts == firstTs && r.dur == firstDur &&
            s.processNameOfTrack(r.track) == "Ascend Hardware") {
            const auto t = s.trackProcess.find(r.track);
            QVERIFY(t != s.trackProcess.end());
            found = true;
        }
    }
    QVERIFY2(found, "the first task is not on an Ascend Hardware track with its exact duration");
    QVERIFY(std::any_of(s.threadNames.begin(), s.threadNames.end(), [&](const auto &kv) {
        return kv.second == "Stream " + std::to_string(stream);
    }));

    // Rank and device: RANK_DEVICE_MAP, when the file has it.
    bool hasMap = false;
    const qint64 rank = queryInt(copy, "SELECT rankId FROM RANK_DEVICE_MAP", &hasMap);
    if (hasMap && rank >= 0) {
        QCOMPARE(s.metadata.at("ascend.rank_id"), std::to_string(rank));
        QCOMPARE(s.metadata.at("ascend.device_id"),
                 std::to_string(queryInt(copy, "SELECT deviceId FROM RANK_DEVICE_MAP")));
        for (const auto &[id, p] : s.processes)
            QCOMPARE(p.rank, int32_t(rank));
    }
}

void TestAscendDb::badDatabases_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("errorContains");
    const QString strings = QStringLiteral("CREATE TABLE STRING_IDS(id INTEGER PRIMARY KEY, value TEXT)");
    QTest::newRow("task without startNs")
        << QStringList{strings, "CREATE TABLE TASK(endNs, deviceId, streamId, taskType, globalTaskId)"}
        << "table TASK lacks column startNs";
    QTest::newRow("string ids without value")
        << QStringList{"CREATE TABLE STRING_IDS(id INTEGER PRIMARY KEY)",
                       "CREATE TABLE TASK(startNs, endNs, deviceId, streamId, taskType, globalTaskId)"}
        << "table STRING_IDS lacks column value";
    QTest::newRow("not a profiler db")
        << QStringList{"CREATE TABLE notes(a)", "CREATE TABLE more(b)"}
        << "not an Ascend profiler database";
    QTest::newRow("python api without globalTid")
        << QStringList{strings, "CREATE TABLE PYTORCH_API(startNs TEXT, endNs TEXT, name)"}
        << "table PYTORCH_API lacks column globalTid";
}

void TestAscendDb::badDatabases()
{
    QFETCH(QStringList, sql);
    QFETCH(QString, errorContains);
    QTemporaryDir dir;
    const QString db = dir.filePath("bad.db");
    QString error;
    QVERIFY2(ts::testing::writeDb(db, sql, &error), qPrintable(error));
    const ts::testing::StreamSummary s = ts::testing::importBytes(bytesOf(db));
    QCOMPARE(s.exitCode, 1);
    QVERIFY(s.valid);
    QVERIFY(!s.hasResult);
    QVERIFY2(QString::fromStdString(s.error).contains(errorContains), s.error.c_str());
}

QTEST_GUILESS_MAIN(TestAscendDb)
#include "tst_ascenddb.moc"

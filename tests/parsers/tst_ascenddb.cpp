// The Ascend profiler DB reader on the real samples (pristine and Insight-touched, torch_npu
// 2025 and msprof 2023) and on small hostile DBs. Expected counts come from the test's own SQL
// over a private copy of each sample (never the sample itself, so no side file appears next to
// it); the importer runs on the sample's bytes, as the child would.
#include "sqlitefixture.h"
#include "streamsummary.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::queryInt;

namespace {

QString samples()
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/");
}

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

// The Ascend family records of a stream (StreamSummary keeps the timeline ones).
struct AscendRecords
{
    std::vector<rec::DeviceTaskRec> tasks;
    std::vector<rec::StepRec> steps;
    std::vector<rec::MemRecordRec> memRecords;
    std::vector<rec::OpMemoryRec> opMemory;
};

AscendRecords ascendRecordsOf(const std::string &stream)
{
    AscendRecords out;
    rec::FrameSplitter splitter;
    splitter.append(stream.data(), stream.size());
    rec::FrameSplitter::Frame f;
    // Views into `stream` (the splitter's own copy dies with it), at the same offsets.
    size_t at = sizeof rec::kMagic;
    while (splitter.next(f) == rec::FrameSplitter::Status::Frame) {
        const std::string_view p(stream.data() + at + rec::kFrameHeaderSize, f.payload.size());
        at += rec::kFrameHeaderSize + f.payload.size();
        if (f.type == rec::RecordType::DeviceTask && rec::decode(p, out.tasks.emplace_back()))
            continue;
        if (f.type == rec::RecordType::Step && rec::decode(p, out.steps.emplace_back()))
            continue;
        if (f.type == rec::RecordType::MemRecord && rec::decode(p, out.memRecords.emplace_back()))
            continue;
        if (f.type == rec::RecordType::OpMemory)
            rec::decode(p, out.opMemory.emplace_back());
    }
    return out;
}

} // namespace

class TestAscendDb : public QObject
{
    Q_OBJECT
private slots:
    void samples_data();
    void samples();
    void analysisDatabases_data();
    void analysisDatabases();
    void seedsGiveValidStreams_data();
    void seedsGiveValidStreams();
    void badDatabases_data();
    void badDatabases();
};

void TestAscendDb::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("wal");
    const QString pt = QStringLiteral("test/data/pytorch/db/");
    QTest::newRow("level1 rank1 (pristine)")
        << pt + "level1/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_1.db"
        << false;
    QTest::newRow("level0 rank0 (pristine)")
        << pt + "level0/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db"
        << false;
    QTest::newRow("level1 rank0 (Insight-touched)")
        << pt + "level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db"
        << true;
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

    qInfo("slices: Python %lld, CANN %lld, Ascend Hardware %lld, HCCL %lld, MSTX %lld; "
          "AI Core Freq samples %lld; flows %llu",
          slices["Python"], slices["CANN"], slices["Ascend Hardware"], slices["HCCL"],
          slices["MSTX"], counters["AI Core Freq"], (unsigned long long)s.flows);

    // Flows: CANN API → device task, and framework op → device task through CONNECTION_IDS.
    qint64 h2d = 0, torch = 0;
    for (const rec::FlowRec &f : s.flowRecs) {
        h2d += s.str(f.category) == "HostToDevice";
        torch += s.str(f.category) == "async_npu";
    }
    QCOMPARE(h2d, count(copy, "SELECT count(*) FROM CANN_API a JOIN TASK t ON "
                              "t.connectionId = a.connectionId"));
    QCOMPARE(torch,
             count(copy, "SELECT count(*) FROM PYTORCH_API p JOIN CONNECTION_IDS c ON "
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

    // The Ascend families: device tasks (compute rows joined with their task, plus the
    // communication ops), steps, memory records, operator memory.
    const AscendRecords a = ascendRecordsOf(s.storage);
    qint64 compute = 0, comm = 0;
    for (const rec::DeviceTaskRec &r : a.tasks)
        (r.kind == rec::TaskKind::Compute ? compute : comm) += 1;
    QCOMPARE(compute, count(copy, "SELECT count(*) FROM COMPUTE_TASK_INFO c JOIN TASK t ON "
                                  "t.globalTaskId = c.globalTaskId WHERE t.endNs >= t.startNs"));
    QCOMPARE(comm, count(copy, "SELECT count(*) FROM COMMUNICATION_OP WHERE endNs >= startNs"));
    QCOMPARE(qint64(a.steps.size()), count(copy, "SELECT count(*) FROM STEP_TIME"));
    QCOMPARE(qint64(a.memRecords.size()), count(copy, "SELECT count(*) FROM MEMORY_RECORD"));
    QCOMPARE(qint64(a.opMemory.size()), count(copy, "SELECT count(*) FROM OP_MEMORY"));
    qInfo("device tasks: %lld compute, %lld communication; %zu steps, %zu memory records, %zu "
          "operator allocations",
          compute, comm, a.steps.size(), a.memRecords.size(), a.opMemory.size());
    if (compute > 0) {
        // A kernel: its duration in ns, and its PMU metrics among its columns.
        const QString first = "FROM COMPUTE_TASK_INFO c JOIN TASK t ON t.globalTaskId = "
                              "c.globalTaskId ORDER BY t.startNs, c.globalTaskId LIMIT 1";
        const qint64 ts = queryInt(copy, "SELECT t.startNs " + first);
        const qint64 dur = queryInt(copy, "SELECT t.endNs - t.startNs " + first);
        const qint64 task = queryInt(copy, "SELECT c.globalTaskId " + first);
        const qint64 metrics = count(
            copy,
            QStringLiteral("SELECT count(*) FROM TASK_PMU_INFO WHERE globalTaskId = %1").arg(task));
        const auto k =
            std::find_if(a.tasks.begin(), a.tasks.end(), [&](const rec::DeviceTaskRec &r) {
                return r.kind == rec::TaskKind::Compute && r.ts == ts &&
                       std::string(r.columns).find("\"globalTaskId\":" + std::to_string(task)) !=
                           std::string::npos;
            });
        QVERIFY(k != a.tasks.end());
        QCOMPARE(k->dur, dur);
        if (metrics > 0) {
            const QString metric = QString::fromUtf8(ts::testing::queryText(
                copy, QStringLiteral("SELECT s.value FROM TASK_PMU_INFO p JOIN STRING_IDS s ON "
                                     "s.id = p.name WHERE p.globalTaskId = %1 LIMIT 1")
                          .arg(task)));
            QVERIFY2(QString::fromUtf8(k->columns.data(), int(k->columns.size()))
                         .contains("\"" + metric + "\":"),
                     qPrintable(metric));
        }
    }
    if (!a.memRecords.empty()) {
        // A memory record's bytes, exactly (the DB holds bytes already).
        const QString first = " FROM MEMORY_RECORD ORDER BY timestamp, totalAllocated LIMIT 1";
        const qint64 ts = queryInt(copy, "SELECT timestamp" + first);
        const qint64 allocated = queryInt(copy, "SELECT totalAllocated" + first);
        QVERIFY(
            std::any_of(a.memRecords.begin(), a.memRecords.end(), [&](const rec::MemRecordRec &r) {
                return r.ts == ts && r.allocated == allocated;
            }));
    }

    // HBM series are named by their direction (a STRING_IDS id in the file), not by the id.
    if (count(copy, "SELECT count(*) FROM HBM") > 0) {
        QVERIFY(std::any_of(s.trackNames.begin(), s.trackNames.end(), [](const auto &kv) {
            return kv.second == "bandwidth hbmId 0 read (B/s)";
        }));
    }

    // Rank and device: RANK_DEVICE_MAP, when the file has it.
    bool hasMap = false;
    const qint64 rank = queryInt(copy, "SELECT rankId FROM RANK_DEVICE_MAP", &hasMap);
    if (hasMap && rank >= 0) {
        QCOMPARE(s.metadata.at("ascend.rank_id"), std::to_string(rank));
        QCOMPARE(s.metadata.at("ascend.device_id"),
                 std::to_string(queryInt(copy, "SELECT deviceId FROM RANK_DEVICE_MAP")));
        for (const auto &[id, p] : s.processes)
            QCOMPARE(p.rank, int32_t(rank));
        // Ops (no deviceId column in these files) and planes share the rank's one HCCL group.
        std::set<uint32_t> hccl;
        for (const rec::SliceRec &r : s.sliceRecs)
            if (s.processNameOfTrack(r.track) == "HCCL")
                hccl.insert(s.trackProcess.at(r.track));
        QVERIFY(hccl.size() <= 1);
    }
}

void TestAscendDb::analysisDatabases_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("level1 rank1")
        << "test/data/pytorch/db/level1/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/analysis.db";
    QTest::newRow("level2 rank2 (device column)")
        << "test/st/level2/rank_2_ascend_pt/ASCEND_PROFILER_OUTPUT/analysis.db";
}

// analysis.db: StepTraceTime rows as steps, metrics in ns under the CSV's column names.
void TestAscendDb::analysisDatabases()
{
    QFETCH(QString, file);
    const QString path = ::samples() + file;
    if (!QFile::exists(path))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    QTemporaryDir dir;
    const QString copy = ts::testing::rollbackCopy(path, dir.path());
    const ts::testing::StreamSummary s = ts::testing::importBytes(bytesOf(path));
    QVERIFY2(s.exitCode == 0, s.error.c_str());
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.format, std::string("ascend-analysis-db"));
    const AscendRecords a = ascendRecordsOf(s.storage);
    QCOMPARE(qint64(a.steps.size()), count(copy, "SELECT count(*) FROM StepTraceTime"));
    QVERIFY(!a.steps.empty());
    const rec::StepRec &first = a.steps.front();
    QCOMPARE(first.step, queryInt(copy, "SELECT CAST(step AS INTEGER) FROM StepTraceTime LIMIT 1"));
    const qint64 computingNs = queryInt(
        copy, "SELECT CAST(round(computing * 1000) AS INTEGER) FROM StepTraceTime LIMIT 1");
    QVERIFY2(std::string(first.metrics).find("\"Computing\":" + std::to_string(computingNs)) !=
                 std::string::npos,
             std::string(first.metrics).c_str());
    bool hasDevice = false;
    const qint64 device = queryInt(copy, "SELECT deviceId FROM StepTraceTime LIMIT 1", &hasDevice);
    QCOMPARE(first.device, hasDevice ? int32_t(device) : -1);
}

// Every seed of fuzz_ascenddb (tests/data/ascenddb: make_seeds.py's DBs and the fuzzer's
// findings) gives a stream the app accepts, ending in a Result or an Error.
void TestAscendDb::seedsGiveValidStreams_data()
{
    QTest::addColumn<QString>("path");
    const QDir seeds(QStringLiteral(TRACESCOPE_TEST_DATA "/ascenddb"));
    for (const QString &name : seeds.entryList({QStringLiteral("*.db")}, QDir::Files))
        QTest::newRow(qPrintable(name)) << seeds.filePath(name);
}

void TestAscendDb::seedsGiveValidStreams()
{
    QFETCH(QString, path);
    const ts::testing::StreamSummary s = ts::testing::importBytes(bytesOf(path));
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY(s.hasResult != !s.error.empty());
    if (QFileInfo(path).fileName() == QLatin1String("pristine.db")) {
        QVERIFY2(s.exitCode == 0, s.error.c_str());
        QCOMPARE(s.metadata.at("ascend.device_id"), std::string("4"));
    }
    if (QFileInfo(path).fileName() == QLatin1String("trigger.db"))
        QVERIFY(s.error.find("trigger (tr)") != std::string::npos);
}

void TestAscendDb::badDatabases_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("errorContains");
    const QString strings =
        QStringLiteral("CREATE TABLE STRING_IDS(id INTEGER PRIMARY KEY, value TEXT)");
    QTest::newRow("task without startNs")
        << QStringList{strings,
                       "CREATE TABLE TASK(endNs, deviceId, streamId, taskType, globalTaskId)"}
        << "table TASK lacks column startNs";
    QTest::newRow("string ids without value")
        << QStringList{"CREATE TABLE STRING_IDS(id INTEGER PRIMARY KEY)",
                       "CREATE TABLE TASK(startNs, endNs, deviceId, streamId, taskType, "
                       "globalTaskId)"}
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

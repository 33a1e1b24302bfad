// The Ascend tables through the app's real path (record stream → RecordValidator →
// CacheWriter → AscendWriter), read back with the Ascend reader API: every field, the NULLs that
// stand for "none", the series grouping, the slice-details match and the summary counts.
#include "ascend/ascendreader.h"
#include "cache/cachereader.h"
#include "cachebuilder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

constexpr int64_t kT0 = 1736408883688177930; // ns: a real kernel start, beyond 2^53

std::string ascendStream()
{
    StreamBuilder b;
    b.basics(); // strings 1 p, 2 t, 3 s
    b.add(rec::StringRec{4, "MatMul"}).add(rec::StringRec{5, "AI_CORE"});
    b.add(rec::StringRec{6, "APP"}).add(rec::StringRec{7, "PTA"});
    b.add(rec::StringRec{8, "aten::empty"}).add(rec::StringRec{9, "ascend.rank_id"});
    b.add(rec::MetadataRec{9, "2"});
    b.add(rec::DeviceTaskRec{4, 2, 11052, kT0, 2520, 1000, rec::TaskKind::Compute, 4, 3, 5,
                             "{\"Block Dim\":20,\"Input Shapes\":\"\\\"32,3\\\"\"}"});
    b.add(rec::DeviceTaskRec{
        4, -1, -1, kT0 + 5000, 100, -1, rec::TaskKind::Communication, 3, 0, 0, {}});
    b.add(rec::StepRec{13, 4, -1, -1, "{\"Computing\":231290100}"});
    // Two components on device 4, arriving interleaved; the reader groups and orders them.
    b.add(rec::MemRecordRec{4, 7, 300, 1 << 20, 2 << 20, 3 << 20, 0xffffffffffff0000ull});
    b.add(rec::MemRecordRec{4, 6, 200, -1, 5 << 20, -1, 0});
    b.add(rec::MemRecordRec{4, 7, 100, 1024, 2048, -1, 0});
    b.add(rec::OpMemoryRec{4, 8, 19267584, 1000, 2000, 1900, 89735});
    b.add(rec::OpMemoryRec{4, 8, -512, -1, 50, -1, 0});
    return b.result().bytes();
}

} // namespace

class TestAscendWriter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void summary();
    void deviceTasks_data();
    void deviceTasks();
    void memorySeries();
    void operatorAllocations();
    void nonAscendCacheIsEmpty();

private:
    QString cache()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.tscache"));
        if (!QFile::exists(path)) {
            QString error;
            if (!testing::buildCache(ascendStream(), path, &error))
                qWarning("%s", qPrintable(error));
        }
        return path;
    }
    QTemporaryDir m_dir;
};

void TestAscendWriter::summary()
{
    const model::AscendSummary a = model::AscendSummary::fromCache(cache());
    QCOMPARE(a.deviceTasks, 2);
    QCOMPARE(a.steps, 1);
    QCOMPARE(a.memRecords, 3);
    QCOMPARE(a.opMemory, 2);
    QCOMPARE(a.rankId, 2);
    QCOMPARE(a.deviceId, 4); // no device metadata: the one device every row names
    model::CacheReader reader;
    QString error;
    QVERIFY2(reader.open(cache(), &error), qPrintable(error));
    QCOMPARE(reader.meta(QStringLiteral("device_tasks")), QStringLiteral("2"));
    QCOMPARE(reader.meta(QStringLiteral("memory_records")), QStringLiteral("3"));
    QCOMPARE(reader.summary().deviceTasks, 2);
}

void TestAscendWriter::deviceTasks_data()
{
    QTest::addColumn<qint64>("stream");
    QTest::addColumn<qint64>("taskId");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<int>("found");
    QTest::addColumn<QString>("name");
    QTest::newRow("exact") << qint64(2) << qint64(11052) << qint64(kT0) << 1 << "MatMul";
    QTest::newRow("within tolerance")
        << qint64(2) << qint64(-1) << qint64(kT0 + 800) << 1 << "MatMul";
    QTest::newRow("other stream") << qint64(3) << qint64(11052) << qint64(kT0) << 0 << "";
    QTest::newRow("other task") << qint64(2) << qint64(1) << qint64(kT0) << 0 << "";
    QTest::newRow("too far") << qint64(2) << qint64(11052) << qint64(kT0 + 2000) << 0 << "";
    QTest::newRow("communication, no stream")
        << qint64(-1) << qint64(-1) << qint64(kT0 + 5000) << 1 << "s";
}

void TestAscendWriter::deviceTasks()
{
    QFETCH(qint64, stream);
    QFETCH(qint64, taskId);
    QFETCH(qint64, ts);
    QFETCH(int, found);
    QFETCH(QString, name);
    model::Database db;
    QVERIFY(db.openReadOnly(cache(), nullptr));
    const auto rows = model::deviceTasksNear(db, stream, taskId, ts);
    QCOMPARE(int(rows.size()), found);
    if (!found)
        return;
    QCOMPARE(rows[0].name, name);
    if (name == QLatin1String("MatMul")) {
        const model::DeviceTaskRow &r = rows[0];
        QCOMPARE(r.device, 4);
        QCOMPARE(r.ts, kT0); // int64 ns end to end: no double on the way
        QCOMPARE(r.dur, 2520);
        QCOMPARE(r.wait, 1000);
        QCOMPARE(r.opType, QStringLiteral("s"));
        QCOMPARE(r.core, QStringLiteral("AI_CORE"));
        QCOMPARE(r.columnsJson,
                 QStringLiteral("{\"Block Dim\":20,\"Input Shapes\":\"\\\"32,3\\\"\"}"));
    } else {
        QCOMPARE(rows[0].stream, -1); // NULL in the table, "none" out of the reader
        QCOMPARE(rows[0].wait, -1);
        QCOMPARE(rows[0].kind, int(rec::TaskKind::Communication));
        QVERIFY(rows[0].columnsJson.isEmpty());
    }
}

void TestAscendWriter::memorySeries()
{
    model::Database db;
    QVERIFY(db.openReadOnly(cache(), nullptr));
    const auto series = model::memRecordSeries(db);
    QCOMPARE(int(series.size()), 2);
    QCOMPARE(series[0].component, QStringLiteral("APP"));
    QCOMPARE(series[0].ts, std::vector<qint64>({200}));
    QCOMPARE(series[0].allocated, std::vector<qint64>({-1}));
    QCOMPARE(series[1].component, QStringLiteral("PTA"));
    QCOMPARE(series[1].device, 4);
    QCOMPARE(series[1].ts, std::vector<qint64>({100, 300})); // in time order
    QCOMPARE(series[1].reserved, std::vector<qint64>({2048, 2 << 20}));
    QCOMPARE(series[1].active, std::vector<qint64>({-1, 3 << 20}));
}

void TestAscendWriter::operatorAllocations()
{
    model::Database db;
    QVERIFY(db.openReadOnly(cache(), nullptr));
    const auto rows = model::opMemoryRows(db);
    QCOMPARE(int(rows.size()), 2);
    QCOMPARE(rows[0].allocTs, -1); // NULL sorts first
    QCOMPARE(rows[0].size, -512);
    QCOMPARE(rows[1].name, QStringLiteral("aten::empty"));
    QCOMPARE(rows[1].size, 19267584);
    QCOMPARE(rows[1].releaseTs, 2000);
    QCOMPARE(rows[1].activeReleaseTs, 1900);
    QCOMPARE(int(model::opMemoryRows(db, 3).size()), 0);
}

void TestAscendWriter::nonAscendCacheIsEmpty()
{
    const QString path = m_dir.filePath(QStringLiteral("plain.tscache"));
    QVERIFY(testing::buildCache(StreamBuilder().basics().slice(1, 2).result().bytes(), path));
    const model::AscendSummary a = model::AscendSummary::fromCache(path);
    QVERIFY(!a.present());
    QCOMPARE(a.rankId, -1);
    QCOMPARE(a.deviceId, -1);
}

QTEST_GUILESS_MAIN(TestAscendWriter)
#include "tst_ascendwriter.moc"

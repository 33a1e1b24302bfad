// matchingDeviceTask: an Ascend Hardware slice (one cache) finds its kernel_details row (another
// cache of the rank) by stream, task id and start; a slice of another task, stream or time finds
// nothing; a slice without a task id is left alone.
#include "ascend/devicetaskmatch.h"
#include "cache/cachereader.h"
#include "cachebuilder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

constexpr int64_t kStart = 1736408883704643212;

std::string traceWithSlice(const char *args)
{
    StreamBuilder b;
    b.basics();
    b.add(rec::SliceRec{1, kStart, 53741, 3, 0, args});
    return b.result().bytes();
}

std::string kernels()
{
    StreamBuilder b;
    b.basics();
    b.add(rec::StringRec{4, "trans_TransData_0"}).add(rec::StringRec{5, "AI_VECTOR_CORE"});
    b.add(rec::DeviceTaskRec{0, 2, 11051, kStart, 53741, 0, rec::TaskKind::Compute, 4, 0, 5,
                             "{\"Block Dim\":32}"});
    b.add(rec::DeviceTaskRec{
        0, 2, 11052, kStart + 100000, 5, 0, rec::TaskKind::Compute, 4, 0, 5, {}});
    return b.result().bytes();
}

} // namespace

class TestDeviceTaskMatch : public QObject
{
    Q_OBJECT
private slots:
    void match_data();
    void match();
};

void TestDeviceTaskMatch::match_data()
{
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<qint64>("shift"); // added to the slice's start
    QTest::addColumn<QString>("name"); // the row found, or empty
    QTest::newRow("same stream, task, start")
        << QByteArray(R"({"Physic Stream Id":2,"Task Id":11051,"Task Type":"AI_VECTOR_CORE"})")
        << qint64(0) << "trans_TransData_0";
    QTest::newRow("start within a microsecond")
        << QByteArray(R"({"Physic Stream Id":2,"Task Id":11051})") << qint64(700)
        << "trans_TransData_0";
    QTest::newRow("no stream named: task and start decide")
        << QByteArray(R"({"Task Id":11051})") << qint64(0) << "trans_TransData_0";
    QTest::newRow("another task") << QByteArray(R"({"Physic Stream Id":2,"Task Id":7})")
                                  << qint64(0) << "";
    QTest::newRow("another stream")
        << QByteArray(R"({"Physic Stream Id":3,"Task Id":11051})") << qint64(0) << "";
    QTest::newRow("too late") << QByteArray(R"({"Physic Stream Id":2,"Task Id":11051})")
                              << qint64(5000) << "";
    QTest::newRow("not a device task")
        << QByteArray(R"({"Sequence number":-1})") << qint64(0) << "";
}

void TestDeviceTaskMatch::match()
{
    QFETCH(QByteArray, args);
    QFETCH(qint64, shift);
    QFETCH(QString, name);
    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("t.tscache"));
    const QString rows = dir.filePath(QStringLiteral("k.tscache"));
    QVERIFY(testing::buildCache(traceWithSlice(args.constData()), trace));
    QVERIFY(testing::buildCache(kernels(), rows));
    model::CacheReader traceReader, rowReader;
    QVERIFY(traceReader.open(trace, nullptr));
    QVERIFY(rowReader.open(rows, nullptr));
    const model::SliceDetails d = model::loadSliceDetails(traceReader, 1);
    QVERIFY(d.valid);
    const auto found = model::matchingDeviceTask(d, d.ts + shift, {&rowReader.database()});
    if (name.isEmpty()) {
        QVERIFY(found.isEmpty());
        return;
    }
    QVERIFY(!found.isEmpty());
    QCOMPARE(found[0], qMakePair(QStringLiteral("Kernel · Name"), name));
    QVERIFY(
        found.contains(qMakePair(QStringLiteral("Kernel · Duration"), QStringLiteral("53741 ns"))));
    QVERIFY(found.contains(qMakePair(QStringLiteral("Kernel · Block Dim"), QStringLiteral("32"))));
}

QTEST_GUILESS_MAIN(TestDeviceTaskMatch)
#include "tst_devicetaskmatch.moc"

// loadAscendMemory through MemoryTimeline::loadAscend: memory_record series become one device
// per (rank, NPU, component) with their curves in bytes; operator allocations become bands on
// the PTA device of their NPU (never-freed and before-the-window ones marked), or on a device
// of their own whose allocated curve is the running sum of the bands; each band's stack is its
// operator's name.
#include "ascend/ascendmemory.h"
#include "cachebuilder.h"
#include "memory/memorytimeline.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

constexpr int64_t kMB = 1 << 20;

std::string records()
{
    StreamBuilder b;
    b.basics();
    b.add(rec::StringRec{4, "APP"}).add(rec::StringRec{5, "PTA"});
    b.add(rec::MemRecordRec{0, 4, 1000, -1, 100 * kMB, -1, 0});
    b.add(rec::MemRecordRec{0, 5, 1000, 10 * kMB, 20 * kMB, 10 * kMB, 0});
    b.add(rec::MemRecordRec{0, 5, 3000, 30 * kMB, 40 * kMB, 30 * kMB, 0});
    return b.result().bytes();
}

std::string operators(int device)
{
    StreamBuilder b;
    b.basics();
    b.add(rec::StringRec{4, "aten::empty"}).add(rec::StringRec{5, "aten::add"});
    b.add(rec::OpMemoryRec{device, 4, 8 * kMB, 1500, 2500, -1, 0});
    b.add(rec::OpMemoryRec{device, 5, 2 * kMB, 2000, -1, -1, 0}); // never freed in the window
    b.add(rec::OpMemoryRec{device, 4, -kMB, -1, 1200, -1, 0});    // allocated before it
    return b.result().bytes();
}

} // namespace

class TestAscendMemory : public QObject
{
    Q_OBJECT
private slots:
    void curvesAndBands();
    void bandsWithoutRecords();
    void nothing();
};

void TestAscendMemory::curvesAndBands()
{
    QTemporaryDir dir;
    const QString rec = dir.filePath(QStringLiteral("r.tscache"));
    const QString ops = dir.filePath(QStringLiteral("o.tscache"));
    QVERIFY(testing::buildCache(records(), rec));
    QVERIFY(testing::buildCache(operators(0), ops));
    model::MemoryTimeline t;
    QString error;
    QVERIFY2(t.loadAscend(
                 {{rec, QStringLiteral("Rank 3 · NPU 0")}, {ops, QStringLiteral("Rank 3 · NPU 0")}},
                 &error),
             qPrintable(error));
    QCOMPARE(t.devices().size(), 2);
    // The device with the bands first: the view opens on it.
    const model::MemoryDevice *pta = t.device(t.devices()[0]);
    const model::MemoryDevice *app = t.device(t.devices()[1]);
    QCOMPARE(app->label, QStringLiteral("Rank 3 · NPU 0 · APP"));
    QCOMPARE(pta->label, QStringLiteral("Rank 3 · NPU 0 · PTA"));
    const auto time = model::MemoryAxis::Time;
    QCOMPARE(app->allocations.size(), size_t(0));
    QCOMPARE(app->peakReserved[0].bytes, 100 * kMB);
    QCOMPARE(t.allocatedAt(pta->device, time, 2000), 10 * kMB);
    QCOMPARE(t.allocatedAt(pta->device, time, 3000), 30 * kMB);
    QCOMPARE(t.peakReserved(pta->device, time).bytes, 40 * kMB);
    // The bands: sorted by allocation, the one from before the window first.
    QCOMPARE(pta->allocations.size(), size_t(3));
    const model::MemoryAllocation &before = pta->allocations[0];
    QVERIFY(before.flags & model::kAllocBeforeTrace);
    QCOMPARE(before.size, uint64_t(kMB));
    QCOMPARE(before.allocTime, 1000); // the window's start
    QCOMPARE(before.freeTime, 1200);
    QCOMPARE(pta->allocations[1].allocTime, 1500);
    QCOMPARE(pta->allocations[1].freeTime, 2500);
    QCOMPARE(pta->neverFreed, std::vector<uint32_t>({2}));
    QCOMPARE(pta->allocations[2].freeTime, pta->end[0]);
    QCOMPARE(t.liveAt(pta->device, time, 2100).size(), size_t(2));
    QCOMPARE(t.stack(pta->allocations[1].stackId).value(0).name, QStringLiteral("aten::empty"));
    QCOMPARE(t.stack(pta->allocations[2].stackId).value(0).name, QStringLiteral("aten::add"));
    // The sequence axis counts the distinct times: 1000 1200 1500 2000 2500 3000.
    QCOMPARE(pta->end[1], 6);
    QCOMPARE(pta->allocations[1].allocSeq, 2);
}

void TestAscendMemory::bandsWithoutRecords()
{
    QTemporaryDir dir;
    const QString ops = dir.filePath(QStringLiteral("o.tscache"));
    QVERIFY(testing::buildCache(operators(5), ops));
    model::MemoryTimeline t;
    QString error;
    QVERIFY(t.loadAscend({{ops, QString()}}, &error));
    QCOMPARE(t.devices().size(), 1);
    const model::MemoryDevice *d = t.device(t.devices()[0]);
    QCOMPARE(d->label, QStringLiteral("NPU 5 · operators"));
    const auto time = model::MemoryAxis::Time;
    QCOMPARE(d->start[0], 1200); // the earliest time any row names: the one from before ends
    QCOMPARE(t.allocatedAt(d->device, time, 1500), 8 * kMB);
    QCOMPARE(t.allocatedAt(d->device, time, 2100), 10 * kMB); // 8 + 2
    QCOMPARE(t.allocatedAt(d->device, time, 2600), 2 * kMB);  // the never-freed one
    QCOMPARE(t.peakAllocated(d->device, time).bytes, 10 * kMB);
}

void TestAscendMemory::nothing()
{
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("p.tscache"));
    QVERIFY(testing::buildCache(StreamBuilder().basics().slice(1, 2).result().bytes(), plain));
    model::MemoryTimeline t;
    QString error;
    QVERIFY(!t.loadAscend({{plain, QString()}}, &error));
    QVERIFY(error.contains(QLatin1String("no memory_record")));
}

QTEST_GUILESS_MAIN(TestAscendMemory)
#include "tst_ascendmemory.moc"

// layOutMoment on hand-made moments: free space between blocks, the totals and fragmentation,
// and what it does with blocks that contradict the segments (overlaps, past the end, outside).
#include "allocatordescribe.h"
#include "memory/allocatortiling.h"

#include <QTest>

using namespace ts::model;
using ts::testing::describeSegments;
using ts::testing::describeTotals;

namespace {

// "0+4096" per segment (hex address, decimal size), ';'-separated.
std::vector<AllocatorSegment> segmentsOf(const QString &spec)
{
    std::vector<AllocatorSegment> out;
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList f = item.trimmed().split(u'+');
        AllocatorSegment s;
        s.address = f[0].toULongLong(nullptr, 16);
        s.size = f[1].toULongLong();
        s.since = 3;
        out.push_back(s);
    }
    return out;
}

// "a|p <address hex> <size> <requested>[~]" per block.
std::vector<AllocatorBlock> blocksOf(const QString &spec)
{
    std::vector<AllocatorBlock> out;
    int32_t index = 0;
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList f = item.trimmed().split(u' ');
        AllocatorBlock b;
        b.state = f[0] == "a" ? AllocatorBlockState::Allocated : AllocatorBlockState::PendingFree;
        b.address = f[1].toULongLong(nullptr, 16);
        b.size = f[2].toULongLong();
        QString requested = f[3];
        if (requested.endsWith(u'~')) {
            b.flags |= kBlockSizeDerived;
            requested.chop(1);
        }
        b.requestedSize = requested.toULongLong();
        b.allocation = index++;
        out.push_back(b);
    }
    return out;
}

} // namespace

class TestAllocatorTiling : public QObject
{
    Q_OBJECT
private slots:
    void layOut_data();
    void layOut();
};

void TestAllocatorTiling::layOut_data()
{
    QTest::addColumn<QString>("segments");
    QTest::addColumn<QString>("blocks");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("totals");
    QTest::addColumn<double>("fragmentation");
    QTest::addColumn<int>("overlapping");
    QTest::addColumn<int>("unknown");

    QTest::newRow("empty segment")
        << "0+1024"
        << ""
        << "0+1024@3{f0:1024}"
        << "alloc 0 pend 0 waste 0/0 res 1024 free 1024 big 1024" << 0.0 << 0 << 0;
    QTest::newRow("no segments, no blocks")
        << ""
        << ""
        << ""
        << "alloc 0 pend 0 waste 0/0 res 0 free 0 big 0" << 0.0 << 0 << 0;
    QTest::newRow("free between blocks, in any order")
        << "0+4096"
        << "a c00 1024 1024; a 400 1024 1000"
        << "0+4096@3{f0:1024 a400:1024/1000 f800:1024 ac00:1024/1024}"
        << "alloc 2024 pend 0 waste 24/0 res 4096 free 2048 big 1024" << 0.5 << 0 << 0;
    QTest::newRow("pending free, derived waste")
        << "0+2048"
        << "a 0 1024 1000; p 400 512 500~"
        << "0+2048@3{a0:1024/1000 p400:512/500~ f600:512}"
        << "alloc 1000 pend 500 waste 36/12 res 2048 free 512 big 512" << 0.0 << 0 << 0;
    QTest::newRow("largest free in another segment")
        << "0+4096; 10000+1024"
        << "a 0 1024 1024; a 800 1024 1024"
        << "0+4096@3{a0:1024/1024 f400:1024 a800:1024/1024 fc00:1024} | 10000+1024@3{f10000:1024}"
        << "alloc 2048 pend 0 waste 0/0 res 5120 free 3072 big 1024" << 2.0 / 3 << 0 << 0;
    QTest::newRow("overlapping blocks")
        << "0+4096"
        << "a 0 1024 1024; a 200 1024 1024"
        << "0+4096@3{a0:1024/1024o a200:1024/1024o f600:2560}"
        << "alloc 2048 pend 0 waste 0/0 res 4096 free 2560 big 2560" << 0.0 << 2 << 0;
    QTest::newRow("inside another block") << "0+4096"
                                          << "a 0 2048 2048; a 200 512 512; a 800 512 512"
                                          << "0+4096@3{a0:2048/2048o a200:512/512o a800:512/512 "
                                             "fa00:1536}"
                                          << "alloc 3072 pend 0 waste 0/0 res 4096 free 1536 big "
                                             "1536"
                                          << 0.0 << 2 << 0;
    QTest::newRow("past the segment's end")
        << "0+4096"
        << "a f00 1024 1024"
        << "0+4096@3{f0:3840 af00:1024/1024>}"
        << "alloc 1024 pend 0 waste 0/0 res 4096 free 3840 big 3840" << 0.0 << 0 << 0;
    QTest::newRow("outside every segment: runs of touching blocks")
        << "0+1024"
        << "a 1000 512 512; a 1200 512 500; a 3000 512 512; a 400 512 512"
        << "0+1024@3{f0:1024} | 400+512@-1?{a400:512/512} | "
           "1000+1024@-1?{a1000:512/512 a1200:512/500} | 3000+512@-1?{a3000:512/512}"
        << "alloc 2036 pend 0 waste 12/0 res 1024 free 1024 big 1024" << 0.0 << 0 << 4;
}

void TestAllocatorTiling::layOut()
{
    QFETCH(QString, segments);
    QFETCH(QString, blocks);
    QFETCH(QString, expected);
    QFETCH(QString, totals);
    QFETCH(double, fragmentation);
    QFETCH(int, overlapping);
    QFETCH(int, unknown);
    const std::vector<AllocatorBlock> in = blocksOf(blocks);
    const AllocatorMoment m = layOutMoment(42, segmentsOf(segments), in);
    QCOMPARE(m.seq, int64_t(42));
    QCOMPARE(describeSegments(m), expected);
    QCOMPARE(describeTotals(m.totals), totals);
    QVERIFY2(qAbs(m.totals.fragmentation - fragmentation) < 1e-9,
             qPrintable(QString::number(m.totals.fragmentation)));
    QCOMPARE(m.totals.overlappingBlocks, overlapping);
    QCOMPARE(m.totals.unknownBlocks, unknown);
    QCOMPARE(m.totals.activeBlocks, int(in.size()));
    // Every block given comes out once, with its allocation index.
    std::vector<int32_t> seen;
    for (const AllocatorSegment &s : m.segments) {
        for (const AllocatorBlock &b : s.blocks) {
            if (b.isActive())
                seen.push_back(b.allocation);
            else
                QCOMPARE(b.allocation, -1);
        }
    }
    std::sort(seen.begin(), seen.end());
    for (size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], int32_t(i));
}

QTEST_GUILESS_MAIN(TestAllocatorTiling)
#include "tst_allocatortiling.moc"

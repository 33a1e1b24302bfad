// replaySegments: the reserved ranges over a trace, undone from the dump's segments, on
// hand-written cases — plain and expandable segments, unmaps that cut a mapped range, and the
// repairs for traces that contradict the dump or themselves.
#include "memory/segmenthistory.h"

#include <QTest>

using ts::model::SegmentChange;
using ts::model::SegmentPiece;

namespace {

// "1000+4096" or "e 1000+4096" per dump segment, ';'-separated; addresses hex, sizes decimal.
std::vector<SegmentPiece> dumpOf(const QString &spec)
{
    std::vector<SegmentPiece> out;
    for (QString item : spec.split(u';', Qt::SkipEmptyParts)) {
        item = item.trimmed();
        SegmentPiece p;
        if (item.startsWith(QStringLiteral("e "))) {
            p.expandable = true;
            item = item.mid(2);
        }
        const QStringList f = item.split(u'+');
        p.address = f[0].toULongLong(nullptr, 16);
        p.size = f[1].toULongLong();
        out.push_back(p);
    }
    return out;
}

// "sa|sf|m|u <address hex> <size>" per event, seq = position.
std::vector<SegmentChange> changesOf(const QString &spec)
{
    std::vector<SegmentChange> out;
    int64_t seq = 0;
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList f = item.trimmed().split(u' ');
        const int action = f[0] == "sa" ? 4 : f[0] == "sf" ? 5 : f[0] == "m" ? 6 : 7;
        out.push_back(
            SegmentChange{seq++, action, f[1].toULongLong(nullptr, 16), f[2].toULongLong(), 7});
    }
    return out;
}

QString describe(const std::vector<SegmentPiece> &pieces)
{
    QStringList out;
    for (const SegmentPiece &p : pieces)
        out << QStringLiteral("%1%2+%3[%4,%5)")
                   .arg(p.expandable ? QStringLiteral("e ") : QString())
                   .arg(p.address, 0, 16)
                   .arg(p.size)
                   .arg(p.begin)
                   .arg(p.end == INT64_MAX ? QStringLiteral("end") : QString::number(p.end));
    return out.join(QStringLiteral("; "));
}

} // namespace

class TestSegmentHistory : public QObject
{
    Q_OBJECT
private slots:
    void replay_data();
    void replay();
};

void TestSegmentHistory::replay_data()
{
    QTest::addColumn<QString>("dump");
    QTest::addColumn<QString>("changes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("withoutAlloc");
    QTest::addColumn<int>("withoutFree");

    QTest::newRow("reserved and released in the trace") << ""
                                                        << "sa 1000 4096; sf 1000 4096"
                                                        << "1000+4096[0,1)" << 0 << 0;
    QTest::newRow("released, reserved before the trace") << ""
                                                         << "sf 1000 4096"
                                                         << "1000+4096[-1,0)" << 0 << 0;
    QTest::newRow("in the dump, reserved before the trace")
        << "1000+4096"
        << "sa 9000 512; sf 9000 512"
        << "1000+4096[-1,end); 9000+512[0,1)" << 0 << 0;
    QTest::newRow("same address reserved twice") << "1000+4096"
                                                 << "sa 1000 4096; sf 1000 4096; sa 1000 4096"
                                                 << "1000+4096[0,1); 1000+4096[2,end)" << 0 << 0;
    QTest::newRow("expandable grows and shrinks")
        << "e 100000+1048576"
        << "m 100000 1048576; m 200000 1048576; u 200000 1048576"
        << "e 100000+1048576[0,end); e 200000+1048576[1,2)" << 0 << 0;
    QTest::newRow("unmap cuts a mapped range")
        << "e 100000+1048576"
        << "m 100000 2097152; u 200000 1048576"
        << "e 100000+1048576[0,end); e 200000+1048576[0,1)" << 0 << 0;
    QTest::newRow("unmap in the middle, before the trace")
        << "e 100000+1048576; e 300000+1048576"
        << "u 200000 1048576"
        << "e 100000+1048576[-1,end); e 200000+1048576[-1,0); e 300000+1048576[-1,end)" << 0 << 0;
    QTest::newRow("freed while the dump holds it: its alloc is missing")
        << "1000+4096"
        << "sf 1000 4096"
        << "1000+4096[-1,0); 1000+4096[0,end)" << 1 << 0;
    QTest::newRow("reserved, never freed, not in the dump") << ""
                                                            << "sa 1000 4096"
                                                            << "1000+4096[0,end)" << 0 << 1;
    QTest::newRow("reserved over part of a dump segment")
        << "1000+8192"
        << "sa 2000 8192"
        << "1000+4096[-1,end); 2000+4096[0,end); 3000+4096[0,end)" << 0 << 1;
    QTest::newRow("the dump overlaps itself") << "1000+4096; 1800+4096"
                                              << ""
                                              << "1000+4096[-1,end); 1800+4096[-1,end)" << 0 << 0;
    QTest::newRow("zero size and other actions ignored") << ""
                                                         << "sa 1000 0"
                                                         << "" << 0 << 0;
}

void TestSegmentHistory::replay()
{
    QFETCH(QString, dump);
    QFETCH(QString, changes);
    QFETCH(QString, expected);
    QFETCH(int, withoutAlloc);
    QFETCH(int, withoutFree);
    std::vector<SegmentChange> c = changesOf(changes);
    c.push_back(SegmentChange{99, 1, 0x1000, 64, 0}); // an alloc: not a segment event
    const auto h = ts::model::replaySegments(dumpOf(dump), c);
    QCOMPARE(describe(h.pieces), expected);
    QCOMPARE(h.segmentsWithoutAlloc, withoutAlloc);
    QCOMPARE(h.segmentsWithoutFree, withoutFree);
}

QTEST_GUILESS_MAIN(TestSegmentHistory)
#include "tst_segmenthistory.moc"

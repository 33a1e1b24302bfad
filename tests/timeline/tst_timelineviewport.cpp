// The shared zoom state: clamping to the trace, zooming around an anchor, undo.
#include "timeline/timelineviewport.h"

#include <QSignalSpy>
#include <QTest>

using namespace ts::views;

class TestTimelineViewport : public QObject
{
    Q_OBJECT
private slots:
    void startsShowingEverything();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void panStaysInside();
    void zoomOutStopsAtBounds();
    void minimumWidth();
    void undoGoesBack();
};

void TestTimelineViewport::startsShowingEverything()
{
    TimelineViewport v;
    QSignalSpy spy(&v, &TimelineViewport::windowChanged);
    v.setBounds(1000, 11000);
    QCOMPARE(v.start(), qint64(1000));
    QCOMPARE(v.end(), qint64(11000));
    QCOMPARE(spy.count(), 1);
}

void TestTimelineViewport::zoomKeepsAnchor_data()
{
    QTest::addColumn<qint64>("anchor");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at the left quarter") << qint64(3500) << 0.5;
    QTest::newRow("in at the centre") << qint64(6000) << 0.8;
    QTest::newRow("in at the right edge") << qint64(11000) << 0.25;
}

void TestTimelineViewport::zoomKeepsAnchor()
{
    QFETCH(qint64, anchor);
    QFETCH(double, factor);
    TimelineViewport v;
    v.setBounds(1000, 11000);
    const double before = double(anchor - v.start()) / double(v.width());
    v.zoomAt(anchor, factor);
    QCOMPARE(v.width(), qint64(10000 * factor));
    const double after = double(anchor - v.start()) / double(v.width());
    QVERIFY2(std::abs(before - after) < 0.001, qPrintable(QString::number(after)));
}

void TestTimelineViewport::panStaysInside()
{
    TimelineViewport v;
    v.setBounds(0, 10000);
    v.setWindow(4000, 6000);
    v.pan(-100000);
    QCOMPARE(v.start(), qint64(0));
    QCOMPARE(v.width(), qint64(2000));
    v.pan(100000);
    QCOMPARE(v.end(), qint64(10000));
    QCOMPARE(v.width(), qint64(2000));
}

void TestTimelineViewport::zoomOutStopsAtBounds()
{
    TimelineViewport v;
    v.setBounds(0, 10000);
    v.setWindow(8000, 9000);
    for (int i = 0; i < 20; ++i)
        v.zoomAt(8500, 1.25);
    QCOMPARE(v.start(), qint64(0));
    QCOMPARE(v.end(), qint64(10000));
}

void TestTimelineViewport::minimumWidth()
{
    TimelineViewport v;
    v.setBounds(0, 1000000);
    for (int i = 0; i < 200; ++i)
        v.zoomAt(500000, 0.5);
    QCOMPARE(v.width(), TimelineViewport::kMinWindowNs);
}

void TestTimelineViewport::undoGoesBack()
{
    TimelineViewport v;
    v.setBounds(0, 10000);
    v.setWindow(1000, 2000);
    v.setWindow(1500, 1600);
    QVERIFY(v.undo());
    QCOMPARE(v.start(), qint64(1000));
    QCOMPARE(v.end(), qint64(2000));
    QVERIFY(v.undo());
    QCOMPARE(v.width(), qint64(10000));
    QVERIFY(!v.undo());
}

QTEST_APPLESS_MAIN(TestTimelineViewport)
#include "tst_timelineviewport.moc"

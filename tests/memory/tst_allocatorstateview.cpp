// AllocatorStateView on the offscreen platform over hand-written snapshots (snapshotbuilder.h):
// the stepping keys and the seq they ask for, the header, the tooltips of allocated, pending
// and free blocks, a click naming the allocation, thousands of segments painted in bounded
// time, and the palette it draws with.
#include "blockstyle.h"
#include "memory/allocatorstateview.h"
#include "memory/segmentmap.h"
#include "snapshotbuilder.h"
#include "timeline/timeformat.h"
#include "timeline/trackpainter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace ts;
using ts::views::AllocatorStateView;
using ts::views::SegmentMap;

namespace {

struct Loaded
{
    QTemporaryDir dir;
    std::shared_ptr<model::MemoryTimeline> timeline;
    std::shared_ptr<model::AllocatorState> state = std::make_shared<model::AllocatorState>();
};

bool load(Loaded &l, ts::testing::Snapshot &s, QString *error)
{
    return s.load(l.dir, l.timeline, *l.state, error);
}

QPoint at(const AllocatorStateView &view, uint64_t address)
{
    const std::optional<QPoint> p = view.segmentMap()->pointOf(address);
    return p ? *p : QPoint(-1, -1);
}

// Pixels of the image in this colour.
int pixelsOf(const QImage &image, const QColor &c)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == c;
    return n;
}

} // namespace

class TestAllocatorStateView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void keys_data();
    void keys();
    void setMomentIsQuiet();
    void toolTips_data();
    void toolTips();
    void toolTipEvent();
    void click();
    void thousandsOfSegments();
    void palettes();
    void noSource();

private:
    Loaded m_data;
    AllocatorStateView *m_view = nullptr;
};

void TestAllocatorStateView::initTestCase()
{
    QString error;
    ts::testing::Snapshot s(QString::fromLatin1(ts::testing::kConsistent));
    QVERIFY2(load(m_data, s, &error), qPrintable(error));
    m_view = new AllocatorStateView;
    m_view->resize(1000, 500);
    m_view->setSource(m_data.state, 0);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QCOMPARE(m_view->moment(), int64_t(16)); // the dump first
}

void TestAllocatorStateView::keys_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("to"); // -2: no move, no signal
    QTest::newRow("right") << 5 << int(Qt::Key_Right) << 6;
    QTest::newRow("left") << 5 << int(Qt::Key_Left) << 4;
    QTest::newRow("left to before the first") << 0 << int(Qt::Key_Left) << -1;
    QTest::newRow("page up, clamped") << 5 << int(Qt::Key_PageUp) << -1;
    QTest::newRow("page down, clamped") << 5 << int(Qt::Key_PageDown) << 16;
    QTest::newRow("home") << 9 << int(Qt::Key_Home) << -1;
    QTest::newRow("end") << 2 << int(Qt::Key_End) << 16;
    QTest::newRow("right at the end") << 16 << int(Qt::Key_Right) << -2;
    QTest::newRow("left before the first") << -1 << int(Qt::Key_Left) << -2;
    QTest::newRow("other keys do nothing") << 5 << int(Qt::Key_A) << -2;
}

void TestAllocatorStateView::keys()
{
    QFETCH(int, from);
    QFETCH(int, key);
    QFETCH(int, to);
    m_view->setMoment(from);
    QSignalSpy spy(m_view, &AllocatorStateView::momentRequested);
    // Keys arrive where focus is, the segment map: it leaves the stepping keys to the view.
    QTest::keyClick(m_view->segmentMap(), Qt::Key(key));
    if (to == -2) {
        QCOMPARE(spy.count(), 0);
        QCOMPARE(m_view->moment(), int64_t(from));
        return;
    }
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<int64_t>(), int64_t(to));
    QCOMPARE(m_view->moment(), int64_t(to));
    QCOMPARE(m_view->currentMoment().seq, int64_t(to));
}

void TestAllocatorStateView::setMomentIsQuiet()
{
    QSignalSpy spy(m_view, &AllocatorStateView::momentRequested);
    m_view->setMoment(3);
    m_view->setMoment(-7); // clamped
    QCOMPARE(m_view->moment(), int64_t(-1));
    m_view->setMoment(3);
    QCOMPARE(spy.count(), 0);
    const QString header = m_view->headerText();
    QVERIFY2(header.contains(QStringLiteral("After event 3</b> of 17")), qPrintable(header));
    QVERIFY(header.contains(QStringLiteral("free_requested")));
    QVERIFY(header.contains(QStringLiteral("0x300000")));
    QVERIFY(header.contains(QStringLiteral("at ") + views::formatOffset(30, 1000)));
    // Totals at 3 (see tst_allocatorstate): 3512 B allocated, 1000 B pending.
    QVERIFY(header.contains(views::formatCounterValue(3512, true)));
    QVERIFY(header.contains(
        QStringLiteral("pending free %1").arg(views::formatCounterValue(1000, true))));
    QVERIFY(header.contains(QStringLiteral("≥"))); // derived waste is marked
    m_view->setMoment(-1);
    QVERIFY(m_view->headerText().contains(QStringLiteral("Before the first event")));
}

void TestAllocatorStateView::toolTips_data()
{
    QTest::addColumn<int>("moment");
    QTest::addColumn<qulonglong>("address");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("pending free, derived size")
        << 12 << qulonglong(0x500000 + 0x100000)
        << QStringList{"Pending free",
                       "0x500000",
                       "3.00 MiB",
                       "rounding waste ≥",
                       "allocated at event 8",
                       "free requested at event 12, completed at 13",
                       "segment 0x500000",
                       "expandable",
                       "reserved at event 6"};
    QTest::newRow("allocated") << 8 << qulonglong(0x500000)
                               << QStringList{"<b>Allocated</b>", "stream 7",
                                              "allocated at event 8"};
    QTest::newRow("free") << 12 << qulonglong(0x500000 + 0x380000)
                          << QStringList{"<b>Free</b>", "1.00 MiB", "0x800000"};
    // X and F share a pixel column: the larger active block is the one hovered.
    QTest::newRow("dump block, exact waste")
        << 15 << qulonglong(0x100000)
        << QStringList{"allocated before the trace", "rounding waste 24 B (exact",
                       "reserved before the trace"};
}

void TestAllocatorStateView::toolTips()
{
    QFETCH(int, moment);
    QFETCH(qulonglong, address);
    QFETCH(QStringList, expected);
    m_view->setMoment(moment);
    const QString text = m_view->segmentMap()->toolTipAt(at(*m_view, address));
    for (const QString &e : expected)
        QVERIFY2(text.contains(e), qPrintable(QStringLiteral("no \"%1\" in %2").arg(e, text)));
    QVERIFY(m_view->segmentMap()->toolTipAt(QPoint(-50, -50)).isEmpty());
}

void TestAllocatorStateView::toolTipEvent()
{
    m_view->setMoment(8);
    SegmentMap *map = m_view->segmentMap();
    const QPoint p = at(*m_view, 0x500000);
    QHelpEvent help(QEvent::ToolTip, p, map->viewport()->mapToGlobal(p));
    QApplication::sendEvent(map->viewport(), &help);
    QVERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), map->toolTipAt(p));
    QToolTip::hideText();
}

void TestAllocatorStateView::click()
{
    QSignalSpy spy(m_view, &AllocatorStateView::allocationPicked);
    SegmentMap *map = m_view->segmentMap();
    m_view->setMoment(8);
    const int d = m_data.state->event(0, 8).allocation; // D, allocated at 8
    QVERIFY(d >= 0);
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, at(*m_view, 0x500000 + 4096));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toInt(), d);
    QCOMPARE(spy.first().at(1).toLongLong(), qint64(1));
    // Free space picks nothing; a dump block no event names is the timeline's allocation from
    // before the trace (dumpblocks.h).
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, at(*m_view, 0x500000 + 0x380000));
    QCOMPARE(spy.count(), 1);
    m_view->setMoment(15);
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, at(*m_view, 0x100000));
    QCOMPARE(spy.count(), 2);
    const int dumpOnly = spy.last().at(0).toInt();
    QVERIFY(dumpOnly >= 0);
    QVERIFY(m_data.timeline->allocations(0)[size_t(dumpOnly)].flags & ts::model::kAllocBeforeTrace);
    QCOMPARE(spy.last().at(1).toLongLong(), qint64(1));
}

void TestAllocatorStateView::thousandsOfSegments()
{
    // 6 000 segments of 2 MiB … 40 MiB, each with 10 allocated blocks and free space between.
    QString spec;
    for (int i = 0; i < 6000; ++i) {
        const uint64_t base = 0x10000000ull + uint64_t(i) * 0x4000000ull;
        const uint64_t size = (2 + uint64_t(i % 20) * 2) << 20;
        spec += QStringLiteral("S %1 %2;").arg(base, 0, 16).arg(size);
        for (uint64_t b = 0; b < 10; ++b)
            spec += QStringLiteral("B %1 %2 %3 a;")
                        .arg(base + b * (size / 10), 0, 16)
                        .arg(size / 20)
                        .arg(size / 20 - 100);
    }
    Loaded data;
    ts::testing::Snapshot s(spec);
    QString error;
    QVERIFY2(load(data, s, &error), qPrintable(error));
    AllocatorStateView view;
    view.resize(1200, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer clock;
    clock.start();
    view.setSource(data.state, 0);
    QCOMPARE(view.currentMoment().totals.segments, 6000);
    QCOMPARE(view.segmentMap()->barCount(), 6000);
    QImage first = view.segmentMap()->viewport()->grab().toImage();
    // Zoomed all the way in, scrolled to the end: still painted, still quick.
    SegmentMap *map = view.segmentMap();
    map->setZoom(map->maxZoom());
    QVERIFY(map->contentHeight() > map->viewport()->height());
    map->verticalScrollBar()->setValue(map->verticalScrollBar()->maximum());
    QImage last = map->viewport()->grab().toImage();
    const qint64 ms = clock.elapsed();
    qInfo("6000 segments, 60000 blocks: set, painted twice in %lld ms", ms);
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    // At zoom 1 a bar holds blocks narrower than a pixel: columns of mixed colour, no base.
    const QColor base = map->viewport()->palette().color(QPalette::Base);
    QVERIFY(first.width() * first.height() - pixelsOf(first, base) > 20000);
    const QColor allocated = views::blockFillColor(views::BlockFill::Allocated);
    QVERIFY(pixelsOf(last, allocated) > 1000);
    QVERIFY(pixelsOf(last, views::blockFillColor(views::BlockFill::Free)) > 1000);
}

void TestAllocatorStateView::palettes()
{
    // Text and background follow the palette; the fills do not.
    for (const QColor &base : {QColor(30, 30, 32), QColor(255, 255, 255)}) {
        QPalette pal = m_view->palette();
        pal.setColor(QPalette::Base, base);
        pal.setColor(QPalette::Text, base.lightness() < 128 ? Qt::white : Qt::black);
        m_view->setPalette(pal);
        m_view->setMoment(8);
        const QImage image = m_view->segmentMap()->viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(image.width() - 3, image.height() - 3), base);
        QVERIFY(pixelsOf(image, views::blockFillColor(views::BlockFill::Allocated)) > 100);
    }
}

void TestAllocatorStateView::noSource()
{
    AllocatorStateView view;
    QSignalSpy spy(&view, &AllocatorStateView::momentRequested);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(view.moment(), int64_t(-1));
    QVERIFY(view.headerText().contains(QStringLiteral("No allocator state")));
    QVERIFY(view.currentMoment().segments.empty());
    view.setSource(m_data.state, 0);
    view.setSource(nullptr, 0);
    QVERIFY(view.headerText().contains(QStringLiteral("No allocator state")));
    QVERIFY(view.segmentMap()->toolTipAt(QPoint(20, 20)).isEmpty());
}

QTEST_MAIN(TestAllocatorStateView)
#include "tst_allocatorstateview.moc"

// The Timeline view on the offscreen platform, over caches the real importer made: keys and
// wheel move the window as documented, a click on a known slice shows it in the details pane,
// flows link to their other end, search finds every drawn slice of that name, earliest first,
// a range selection summarises exactly the slices in it, flags survive a reopen, and the
// app's --screenshot of a trace is a real picture.
#include "timelinefixture.h"

#include "timeline/detailspane.h"
#include "timeline/flagspanel.h"
#include "timeline/rangestatsmodel.h"
#include "timeline/timelinecanvas.h"
#include "timeline/timelineview.h"
#include "timeline/timelineviewport.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QMap>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <limits>

#include <sys/stat.h>

using namespace ts::testing;
using ts::model::SliceRef;
using ts::model::TimelineData;
using ts::views::TimelineView;

namespace {

const char *kFlowSample =
    "pytorch/hta/tests/data/ns_resolution_trace/rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz";

std::unique_ptr<TimelineView> openView(const QStringList &caches, const QString &flagsFile = {})
{
    auto view = std::make_unique<TimelineView>(caches, flagsFile);
    view->resize(1400, 900);
    view->show();
    QSignalSpy loaded(view.get(), &TimelineView::loaded);
    if (!view->isLoaded())
        loaded.wait(60000);
    return view;
}

// The longest slice on the first slice track: big enough to hit with the mouse.
SliceRef longestSlice(const TimelineData &data)
{
    SliceRef best;
    int64_t longest = -1;
    for (size_t t = 0; t < data.tracks().size(); ++t) {
        const auto &track = data.tracks()[t];
        if (track.depths.empty())
            continue;
        const auto &d0 = track.depths[0];
        for (size_t i = 0; i < d0.size(); ++i) {
            if (d0[i].dur > longest) {
                longest = d0[i].dur;
                best = SliceRef{int(t), 0, uint32_t(i)};
            }
        }
    }
    return best;
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void keysMoveTheWindow_data();
    void keysMoveTheWindow();
    void wheel();
    void clickShowsDetails();
    void flowsLinkBothEnds();
    void searchFindsWhatIsDrawn_data();
    void searchFindsWhatIsDrawn();
    void rangeSummary();
    void flagsSurviveReopen();
    void levelOfDetailBoundsWork();
    void collapsePinAndHide();
    void screenshotIsAPicture();
    void snapshotHasNoTimeline();

private:
    AppSandboxHome m_home;
    QStringList m_sample;     // the bundled sample's cache
    QStringList m_realSample; // a real Kineto trace with flows; empty without ../shared
};

void TestTimelineView::initTestCase()
{
    QString error;
    m_sample = importToCache(m_home, sampleTrace(), &error);
    QVERIFY2(!m_sample.isEmpty(), qPrintable(error));
    if (QFileInfo::exists(sharedSample(kFlowSample))) {
        m_realSample = importToCache(m_home, sharedSample(kFlowSample), &error);
        QVERIFY2(!m_realSample.isEmpty(), qPrintable(error));
    }
}

void TestTimelineView::keysMoveTheWindow_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<double>("widthRatio"); // new width / old width
    QTest::addColumn<int>("moves");         // -1 left, 0 none, +1 right
    QTest::newRow("W zooms in") << int(Qt::Key_W) << 0.8 << 0;
    QTest::newRow("S zooms out") << int(Qt::Key_S) << 1.25 << 0;
    QTest::newRow("A pans left") << int(Qt::Key_A) << 1.0 << -1;
    QTest::newRow("D pans right") << int(Qt::Key_D) << 1.0 << 1;
}

void TestTimelineView::keysMoveTheWindow()
{
    QFETCH(int, key);
    QFETCH(double, widthRatio);
    QFETCH(int, moves);
    auto view = openView(m_sample);
    QVERIFY(view->isLoaded());
    auto *vp = view->viewport();
    // Start from the middle fifth so every key has room to act.
    vp->setWindow(vp->boundsStart() + vp->width() * 2 / 5, vp->boundsStart() + vp->width() * 3 / 5);
    const int64_t start = vp->start(), width = vp->width();
    view->canvas()->setFocus();
    QTest::keyClick(view->canvas(), Qt::Key(key));
    QVERIFY2(std::abs(double(vp->width()) / double(width) - widthRatio) < 0.01,
             qPrintable(QString::number(double(vp->width()) / double(width))));
    if (moves != 0)
        QCOMPARE(vp->start() > start ? 1 : -1, moves);
    QTest::keyClick(view->canvas(), Qt::Key_0);
    QCOMPARE(vp->start(), vp->boundsStart());
    QCOMPARE(vp->end(), vp->boundsEnd());
}

void TestTimelineView::wheel()
{
    auto view = openView(m_sample);
    auto *canvas = view->canvas();
    auto *vp = view->viewport();
    const QPoint at(canvas->width() * 3 / 4, canvas->height() / 2);
    const int64_t anchor = canvas->mapping().time(at.x());
    const int64_t width = vp->width();
    QWheelEvent zoom(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                     Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &zoom);
    QVERIFY(vp->width() < width);
    // The time under the mouse stays under the mouse.
    QVERIFY(std::abs(canvas->mapping().time(at.x()) - anchor) <= vp->width() / 500 + 1);

    view->resize(1400, 400); // fewer tracks fit: the column scrolls
    QApplication::processEvents();
    QVERIFY(canvas->maxScrollY() > 0);
    const int64_t before = vp->width();
    QWheelEvent scroll(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &scroll);
    QVERIFY(canvas->scrollY() > 0);
    QCOMPARE(vp->width(), before); // a plain wheel scrolls, it does not zoom
}

void TestTimelineView::clickShowsDetails()
{
    auto view = openView(m_sample);
    const TimelineData &data = *view->data();
    const SliceRef target = longestSlice(data);
    QVERIFY(target.isValid());
    const QRectF r = view->canvas()->sliceRect(target);
    QVERIFY2(r.width() > 4 && view->canvas()->rect().contains(r.center().toPoint()),
             "the longest slice should be on screen when everything is shown");
    QTest::mouseClick(view->canvas(), Qt::LeftButton, Qt::NoModifier, r.center().toPoint());
    QCOMPARE(view->canvas()->selectedSlice().track, target.track);
    QCOMPARE(view->details()->shownName(), data.name(data.slice(target).name));
    QVERIFY(!view->details()->shownName().isEmpty());

    // Escape clears; a click on empty space selects nothing.
    QTest::keyClick(view->canvas(), Qt::Key_Escape);
    QVERIFY(!view->canvas()->selectedSlice().isValid());
    QVERIFY(view->details()->shownName().isEmpty());
}

void TestTimelineView::flowsLinkBothEnds()
{
    if (m_realSample.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    auto view = openView(m_realSample);
    // A kernel launch: its outgoing flow ends on a GPU kernel.
    view->searchField()->setText(QStringLiteral("cudaLaunchKernel"));
    QSignalSpy done(view.get(), &TimelineView::searchFinished);
    view->findNext(false);
    QVERIFY(done.wait(30000));
    QVERIFY(view->searchHitCount() > 0);
    const SliceRef launch = view->canvas()->selectedSlice();
    QVERIFY(launch.isValid());
    QTableWidget *flows = view->details()->flowTable();
    QVERIFY2(flows->rowCount() > 0, "a cudaLaunchKernel of this trace has an ac2g flow");
    QVERIFY(flows->item(0, 0)->text().contains(QStringLiteral("out")));
    const QString kernel = flows->item(0, 1)->text();
    emit flows->cellDoubleClicked(0, 1);
    const SliceRef other = view->canvas()->selectedSlice();
    QVERIFY(other.isValid());
    QVERIFY(other.track != launch.track);
    QCOMPARE(view->details()->shownName(), kernel);
    // And back: the kernel's incoming flow names the launch.
    QVERIFY(flows->rowCount() > 0);
    QVERIFY(flows->item(0, 0)->text().contains(QStringLiteral("in")));
    QCOMPARE(flows->item(0, 1)->text(), QStringLiteral("cudaLaunchKernel"));
}

void TestTimelineView::searchFindsWhatIsDrawn_data()
{
    QTest::addColumn<bool>("realSample");
    QTest::addColumn<QString>("text");
    QTest::newRow("bundled: aten::") << false << "aten::";
    QTest::newRow("bundled: underscore is literal") << false << "_softmax";
    QTest::newRow("bundled: case-insensitive") << false << "ALLREDUCE";
    QTest::newRow("real: aten::") << true << "aten::";
    QTest::newRow("real: nccl") << true << "nccl";
    QTest::newRow("real: ProfilerStep") << true << "ProfilerStep";
}

void TestTimelineView::searchFindsWhatIsDrawn()
{
    QFETCH(bool, realSample);
    QFETCH(QString, text);
    if (realSample && m_realSample.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    auto view = openView(realSample ? m_realSample : m_sample);
    const TimelineData &data = *view->data();
    // Brute force over what is drawn (these names are ASCII: no case rule beyond it matters).
    int expected = 0;
    int64_t earliest = std::numeric_limits<int64_t>::max();
    for (const auto &track : data.tracks()) {
        for (const auto &depth : track.depths) {
            for (const auto &s : depth) {
                if (data.name(s.name).contains(text, Qt::CaseInsensitive)) {
                    ++expected;
                    earliest = std::min(earliest, s.ts);
                }
            }
        }
    }
    QVERIFY2(expected > 0, "a row whose text is on no slice tests nothing");
    view->searchField()->setText(text);
    QSignalSpy done(view.get(), &TimelineView::searchFinished);
    view->findNext(false);
    QVERIFY(done.wait(30000));
    QCOMPARE(done.first().first().toInt(), expected);
    QCOMPARE(view->searchHitCount(), expected);
    QCOMPARE(view->currentHit(), 0);
    const SliceRef first = view->canvas()->selectedSlice();
    QVERIFY(first.isValid());
    QVERIFY(data.name(data.slice(first).name).contains(text, Qt::CaseInsensitive));
    QCOMPARE(data.slice(first).ts, earliest);
    // Enter steps on; the view centres each match.
    view->findNext(false);
    QCOMPARE(view->currentHit(), expected > 1 ? 1 : 0);
    const auto &s = data.slice(view->canvas()->selectedSlice());
    QVERIFY(data.name(s.name).contains(text, Qt::CaseInsensitive));
    QVERIFY(s.ts >= earliest);
    QVERIFY(s.ts <= view->viewport()->end() && s.end() >= view->viewport()->start());
    view->findNext(true);
    QCOMPARE(view->canvas()->selectedSlice(), first);
}

void TestTimelineView::rangeSummary()
{
    auto view = openView(m_sample);
    auto *canvas = view->canvas();
    const int y = canvas->height() / 2;
    const int x0 = canvas->width() / 3, x1 = canvas->width() * 2 / 3;
    QTest::mousePress(canvas, Qt::LeftButton, Qt::ShiftModifier, QPoint(x0, y));
    QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), canvas->mapToGlobal(QPointF(x1, y)),
                     Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(canvas, &move);
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::ShiftModifier, QPoint(x1, y));
    QVERIFY(canvas->hasRange());
    const int64_t t0 = canvas->rangeStart(), t1 = canvas->rangeEnd();
    QVERIFY(t0 < t1);
    // Expected, computed here by looking at every slice (no search, no overlapping()): a slice
    // counts when it shares time with the range — an instant (dur 0) when it lies inside it.
    const TimelineData &data = *view->data();
    QMap<QString, QPair<qint64, qint64>> expected; // name → (count, total ns)
    qint64 expectedCount = 0, outside = 0;
    for (const auto &track : data.tracks()) {
        for (const auto &depth : track.depths) {
            for (const auto &slice : depth) {
                const bool inside = slice.dur == 0 ? slice.ts >= t0 && slice.ts < t1
                                                   : slice.ts < t1 && slice.ts + slice.dur > t0;
                if (!inside) {
                    ++outside;
                    continue;
                }
                auto &e = expected[data.name(slice.name)];
                ++e.first;
                e.second += slice.dur;
                ++expectedCount;
            }
        }
    }
    QVERIFY2(expectedCount > 0 && outside > 0, "the range must hold some slices and leave others");
    QMap<QString, QPair<qint64, qint64>> counted;
    for (const auto &s : view->rangeModel()->stats())
        counted[s.name] = {s.count, s.totalNs};
    QCOMPARE(counted.size(), expected.size());
    QCOMPARE(counted, expected);
}

void TestTimelineView::flagsSurviveReopen()
{
    const QString flagsFile = m_home.path() + QStringLiteral("/c/sample.flags.json");
    {
        auto view = openView(m_sample, flagsFile);
        const SliceRef target = longestSlice(*view->data());
        view->selectSlice(target, false);
        view->canvas()->setFocus();
        QTest::keyClick(view->canvas(), Qt::Key_M);
        QCOMPARE(view->flagsPanel()->flags().size(), 1);
        QCOMPARE(view->flagsPanel()->flags().first().ts, view->data()->slice(target).ts);
    }
    struct stat st
    {
    };
    QCOMPARE(::stat(flagsFile.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777) & ~0640, 0);
    auto reopened = openView(m_sample, flagsFile);
    QCOMPARE(reopened->flagsPanel()->flags().size(), 1);
    QCOMPARE(reopened->flagsPanel()->list()->topLevelItemCount(), 1);
}

void TestTimelineView::levelOfDetailBoundsWork()
{
    // Whole trace on screen: the rectangles drawn are bounded by the pixels, not the slices.
    auto view = openView(m_sample);
    const QImage frame = view->canvas()->grab().toImage();
    QVERIFY(!frame.isNull());
    const int rects = view->canvas()->lastRectCount();
    QVERIFY(rects > 0);
    const uint64_t slices = view->data()->sliceCount();
    int rows = 0;
    for (const auto &t : view->data()->tracks())
        rows += int(t.depths.size());
    QVERIFY2(uint64_t(rects) <= uint64_t(rows) * uint64_t(view->canvas()->width()),
             qPrintable(QStringLiteral("%1 rects for %2 slices").arg(rects).arg(slices)));
}

void TestTimelineView::collapsePinAndHide()
{
    auto view = openView(m_sample);
    auto *canvas = view->canvas();
    ts::views::TimelineRows &rows = canvas->rows();
    const auto trackRows = [&rows] {
        int n = 0;
        for (const auto &r : rows.scrollRows())
            n += r.kind == ts::views::TimelineRow::Kind::Track;
        return n;
    };
    const int tracks = trackRows();
    QVERIFY(tracks > 2);
    // A click on the first group's header folds it; another unfolds it.
    const auto &header = rows.scrollRows().first();
    QCOMPARE(header.kind, ts::views::TimelineRow::Kind::Group);
    const int inFirstGroup = int(view->data()->groups().first().tracks.size());
    const QPoint onHeader(40, ts::views::TimelineCanvas::kRulerHeight + header.height / 2);
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, onHeader);
    QCOMPARE(trackRows(), tracks - inFirstGroup);
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, onHeader);
    QCOMPARE(trackRows(), tracks);

    // Pinning moves a track into the band at the top, which does not scroll.
    const int last = rows.scrollRows().last().track;
    rows.setPinned(last, true);
    canvas->rowsChanged();
    QCOMPARE(trackRows(), tracks - 1);
    QCOMPARE(rows.pinnedRows().last().track, last);
    QVERIFY(rows.pinnedHeight() > 0);
    bool pinned = false;
    QVERIFY(rows.rowOfTrack(last, &pinned));
    QVERIFY(pinned);
    view->resize(1400, 400); // so that the column scrolls
    QApplication::processEvents();
    QVERIFY(canvas->maxScrollY() > 0);
    const QRect pinnedRow = canvas->rowRectOfTrack(last);
    canvas->setScrollY(canvas->maxScrollY());
    QCOMPARE(canvas->rowRectOfTrack(last), pinnedRow);
    QVERIFY(pinnedRow.top() < ts::views::TimelineCanvas::kRulerHeight + rows.pinnedHeight());

    // Hiding removes it everywhere; "show all" brings it back.
    rows.setHidden(last, true);
    canvas->rowsChanged();
    QVERIFY(!rows.rowOfTrack(last));
    QCOMPARE(rows.pinnedHeight(), 0);
    rows.showAllTracks();
    canvas->rowsChanged();
    QCOMPARE(trackRows(), tracks);
}

void TestTimelineView::screenshotIsAPicture()
{
    const QString png = m_home.path() + QStringLiteral("/shot.png");
    const AppRun run = runApp(m_home,
                              rootFlag() + QStringList{"--screenshot", png, "--view", "timeline",
                                                       "--size", "1400x900", sampleTrace()},
                              120000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1400, 900));
    // A timeline has many slice colours; a blank or error page has a handful.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 60, qPrintable(QString::number(colours.size())));
}

void TestTimelineView::snapshotHasNoTimeline()
{
    // A memory snapshot has no slices: the view says so (and the document then shows the
    // overview instead of an empty canvas) rather than drawing nothing silently.
    const QString input = sharedSample("pytorch/memsnap-eor_nn/snapshot.pickle");
    if (!QFileInfo::exists(input))
        QSKIP("../shared/samples is absent (a user's own clone)");
    QString error;
    const QStringList caches = importToCache(m_home, input, &error);
    QVERIFY2(!caches.isEmpty(), qPrintable(error));
    auto view = openView(caches);
    QVERIFY(view->isLoaded());
    QVERIFY(!view->loadError().isEmpty());
    QVERIFY(view->data() == nullptr || view->data()->tracks().empty());
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"

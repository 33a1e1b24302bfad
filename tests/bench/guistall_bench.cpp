// GUI-thread stall benchmark (issue 14): the longest time the GUI thread spends on one event
// over a scripted session in the real TimelineView on the offscreen platform — open a cache,
// zoom in and out with the wheel, click slices (their details are shown), select time ranges
// (their statistics are shown), search. Every event the application delivers from its event loop
// is timed (QApplication::notify at the outermost level), so whatever a handler, a paint or a
// queued result does on the GUI thread is counted; work moved to workers is not. Prints one JSON
// object: the longest stall, the phase and event it fell in, each phase's longest, and how many
// events took more than 50 ms (the bound).
//
//   bench_guistall CACHE [--size 1920x1080]

#include "timeline/timelinecanvas.h"
#include "timeline/timelinedata.h"
#include "timeline/timelineview.h"

#include "viewbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cstdio>
#include <map>
#include <string>

using ts::views::TimelineView;

namespace {

constexpr double kBoundMs = 50;

class StallMeter : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const int type = int(event->type()); // the event may be gone after delivery
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        record(double(t.nsecsElapsed()) / 1e6, type);
        return result;
    }

    // Work the script itself runs on the GUI thread outside the event loop (constructing the
    // view, a call such as a search started from a shortcut) is timed the same way.
    template <typename F> void timed(int label, F &&work)
    {
        ++m_depth;
        QElapsedTimer t;
        t.start();
        work();
        --m_depth;
        record(double(t.nsecsElapsed()) / 1e6, label);
    }

    void setPhase(const char *phase) { m_phase = phase; }
    void report(const TimelineView &view) const
    {
        std::string phases;
        for (const auto &[name, ms] : m_phaseMax)
            phases += (phases.empty() ? "" : ",") + ("\"" + name + "\":") +
                      QString::number(ms, 'f', 1).toStdString();
        std::printf("{\"slices\":%llu,\"events\":%lld,\"longest_ms\":%.1f,\"longest_phase\":"
                    "\"%s\",\"longest_event_type\":%d,\"over_%.0f_ms\":%d,\"phase_max_ms\":{%s}}\n",
                    (unsigned long long)view.data()->sliceCount(), m_events, m_longestMs,
                    m_longestPhase.c_str(), m_longestType, kBoundMs, m_over, phases.c_str());
    }

private:
    void record(double ms, int type)
    {
        ++m_events;
        if (ms > kBoundMs)
            ++m_over;
        double &phaseMax = m_phaseMax[m_phase];
        phaseMax = std::max(phaseMax, ms);
        if (ms > m_longestMs) {
            m_longestMs = ms;
            m_longestPhase = m_phase;
            m_longestType = type;
        }
    }

    int m_depth = 0;
    std::string m_phase = "start";
    std::map<std::string, double> m_phaseMax;
    double m_longestMs = 0;
    std::string m_longestPhase;
    int m_longestType = 0;
    int m_over = 0;
    qint64 m_events = 0;
};

void wheel(QWidget *w, QPoint at, int angle)
{
    QWheelEvent e(at, w->mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton,
                  Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    StallMeter app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_guistall CACHE [--size WxH]\n");
        return 2;
    }

    app.setPhase("open");
    std::unique_ptr<TimelineView> owned;
    app.timed(-1,
              [&] { owned = std::make_unique<TimelineView>(QStringList{args.at(1)}, QString()); });
    TimelineView &view = *owned;
    view.resize(ts::bench::sizeOption(args));
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    QSignalSpy loaded(&view, &TimelineView::loaded);
    if (!view.isLoaded() && !loaded.wait(600000)) {
        std::fprintf(stderr, "bench_guistall: the timeline did not load\n");
        return 1;
    }
    if (!view.loadError().isEmpty()) {
        std::fprintf(stderr, "bench_guistall: %s\n", qPrintable(view.loadError()));
        return 1;
    }
    QTest::qWait(300);
    auto *canvas = view.canvas();
    const int w = canvas->width(), h = canvas->height();

    app.setPhase("zoom");
    for (int i = 0; i < 40; ++i) {
        wheel(canvas, QPoint(w / 2 + (i % 7) * 20, h / 3), i < 20 ? 240 : -120);
        QTest::qWait(15);
    }

    app.setPhase("click");
    QString name;
    for (int i = 0; i < 30; ++i) {
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier,
                          QPoint(w / 4 + (i % 10) * w / 20, 30 + (i * 37) % std::max(1, h - 60)));
        QTest::qWait(40);
        const ts::model::SliceRef ref = canvas->selectedSlice();
        if (name.isEmpty() && ref.isValid())
            name = view.data()->name(view.data()->slice(ref).name);
    }

    app.setPhase("range");
    for (int i = 0; i < 5; ++i) {
        const int y = h / 2, x0 = w / 5 + i * 20, x1 = w - w / 5 - i * 30;
        QTest::mousePress(canvas, Qt::LeftButton, Qt::ShiftModifier, QPoint(x0, y));
        for (int x = x0; x <= x1; x += (x1 - x0) / 8)
            QTest::mouseMove(canvas, QPoint(x, y));
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::ShiftModifier, QPoint(x1, y));
        QTest::qWait(200);
    }

    app.setPhase("search");
    QSignalSpy searched(&view, &TimelineView::searchFinished);
    const QString text = name.isEmpty() ? QStringLiteral("a") : name.left(4);
    app.timed(-2, [&] { view.findAndFrame(text); });
    if (!searched.wait(120000))
        std::fprintf(stderr, "bench_guistall: the search did not finish\n");
    QTest::qWait(300);

    app.report(view);
    if (name.isEmpty())
        std::fprintf(stderr, "bench_guistall: no click selected a slice\n");
    return 0;
}

// First frame after the import (issue 11): opens an input the way the app does — a DocumentTab
// over an ImportService, on the offscreen platform at 1920×1080 — and times, from the moment the
// import settles (a cluster's caches made or reused), the first frame of the window with the
// timeline's data drawn, and the moment every view the tab opened with is ready (what
// --screenshot waits for). Every event the GUI thread delivers meanwhile is timed as in
// guistall_bench.cpp, so a view that loads on the GUI thread shows as a long stall. Prints one
// JSON object; run it next to the build it is compared with, the caches warm (a second run of the
// same input reuses them):
//
//   bench_firstframe INPUT --cache-dir DIR [--child PATH] [--size 1920x1080]
//
// Uses only what DocumentTab has long offered, so the same source builds against an older tree
// for a same-go baseline.

#include "documenttab.h"
#include "importservice.h"
#include "timeline/timelinedata.h"
#include "timeline/timelineview.h"

#include "viewbench.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

namespace {

class StallMeter : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !m_on)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const int type = int(event->type()); // the event may be gone after delivery
        const QByteArray what = receiver->metaObject()->className();
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (const double ms = double(t.nsecsElapsed()) / 1e6; ms > m_longestMs) {
            m_longestMs = ms;
            m_longestWhat = what + ' ' + QByteArray::number(type);
        }
        return result;
    }
    void start() { m_on = true; }
    double longestMs() const { return m_longestMs; }
    // The receiver's class and the event's type of the longest.
    QByteArray longestWhat() const { return m_longestWhat; }

private:
    int m_depth = 0;
    bool m_on = false;
    double m_longestMs = 0;
    QByteArray m_longestWhat;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    StallMeter app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // no user settings, no recent-files writes
    const QStringList args = app.arguments();
    const QString cacheDir = ts::bench::option(args, QStringLiteral("--cache-dir"));
    if (args.size() < 2 || cacheDir.isEmpty()) {
        std::fprintf(stderr, "usage: bench_firstframe INPUT --cache-dir DIR [--child PATH]\n");
        return 2;
    }
    const QString child = ts::bench::option(
        args, QStringLiteral("--child"),
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("tracescope-import")));

    QElapsedTimer clock;
    clock.start();
    ts::app::ImportService imports(cacheDir, child);
    ts::app::DocumentTab tab(args.at(1), QString(), &imports);
    tab.resize(ts::bench::sizeOption(args));
    tab.show();

    double settledMs = -1, loadedMs = -1, frameMs = -1, readyMs = -1;
    QObject::connect(&tab, &ts::app::DocumentTab::settled, &tab, [&] {
        settledMs = double(clock.nsecsElapsed()) / 1e6;
        app.start(); // from here on the GUI thread's events count
        if (tab.hasFailed() || !tab.timeline())
            return;
        QObject::connect(tab.timeline(), &ts::views::TimelineView::loaded, &tab, [&] {
            loadedMs = double(clock.nsecsElapsed()) / 1e6;
            // The frame the event loop paints next: queued behind whatever else is waiting.
            QTimer::singleShot(0, &tab, [&] {
                QImage whole(tab.size(), QImage::Format_ARGB32_Premultiplied);
                tab.render(&whole);
                frameMs = double(clock.nsecsElapsed()) / 1e6;
            });
        });
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &tab, [&] {
        if (tab.hasFailed()) {
            app.exit(1);
        } else if (frameMs >= 0 && tab.isReady()) {
            readyMs = double(clock.nsecsElapsed()) / 1e6;
            app.exit(0);
        }
    });
    poll.start(5);
    QTimer::singleShot(900000, &app, [&] { app.exit(3); });
    const int rc = app.exec();
    if (rc != 0) {
        std::fprintf(stderr, "bench_firstframe: %s\n",
                     rc == 3 ? "not ready after 900 s" : qPrintable(tab.errorText()));
        return 1;
    }
    const auto &o = tab.outcome();
    std::printf(
        "{\"input\":\"%s\",\"reused\":%s,\"slices\":%llu,\"import_ms\":%.1f,"
        "\"timeline_loaded_ms\":%.1f,\"first_frame_ms\":%.1f,\"all_ready_ms\":%.1f,"
        "\"longest_gui_event_ms\":%.1f,\"longest_gui_event\":\"%s\",\"peak_rss_mb\":%.0f}\n",
        qPrintable(args.at(1)), o.allReused() ? "true" : "false",
        (unsigned long long)tab.timeline()->data()->sliceCount(), settledMs, loadedMs - settledMs,
        frameMs - settledMs, readyMs - settledMs, app.longestMs(), app.longestWhat().constData(),
        ts::bench::peakRssMb());
    return 0;
}

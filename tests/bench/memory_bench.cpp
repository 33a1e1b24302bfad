// Memory view first-frame benchmark (issue 5): opens one memory-snapshot cache in the real
// MemoryView on the offscreen platform at 1920×1080 and measures the time from opening the cache
// (constructing the view) to the loaded() signal and to the first painted frame of the whole
// window (the curves: the stacked bands are painted in a worker and follow), then to the bands
// on screen and to the allocator state rebuilt. Prints one JSON object;
// tests/bench/snapshot_bench.py runs it and takes medians.
//
//   bench_memory CACHE [--size 1920x1080]

#include "memory/memoryview.h"

#include "viewbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QSignalSpy>

#include <cstdio>

using ts::views::MemoryView;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_memory CACHE [--size WxH]\n");
        return 2;
    }
    const QString cache = args.at(1);
    const QSize size = ts::bench::sizeOption(args);

    QElapsedTimer clock;
    clock.start();
    MemoryView view(cache);
    view.resize(size);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    QSignalSpy loaded(&view, &MemoryView::loaded);
    if (!view.isLoaded() && !loaded.wait(600000)) {
        std::fprintf(stderr, "bench_memory: the memory view did not load\n");
        return 1;
    }
    if (!view.loadError().isEmpty() || !view.timeline()) {
        std::fprintf(stderr, "bench_memory: %s\n", qPrintable(view.loadError()));
        return 1;
    }
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    // The first frame: the whole window as the user sees it (chart, live table at the peak).
    QImage whole(view.size(), QImage::Format_ARGB32_Premultiplied);
    view.render(&whole);
    const double firstFrameMs = double(clock.nsecsElapsed()) / 1e6;
    if (qEnvironmentVariableIsSet("BENCH_MEMORY_RENDER_AGAIN")) {
        view.render(&whole);
        std::fprintf(stderr, "second render %.1f ms\n",
                     double(clock.nsecsElapsed()) / 1e6 - firstFrameMs);
    }
    // Then the bands, and the allocator state (the last of the view to arrive).
    QElapsedTimer wait;
    wait.start();
    while (!view.isReady() && wait.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    view.render(&whole);
    const double bandsMs = double(clock.nsecsElapsed()) / 1e6;
    QSignalSpy state(&view, &MemoryView::allocatorStateLoaded);
    if (!view.isAllocatorStateLoaded() && !view.timeline()->devices().isEmpty())
        state.wait(600000);
    const double stateMs = double(clock.nsecsElapsed()) / 1e6;

    size_t allocations = 0;
    for (int d : view.timeline()->devices())
        allocations += view.timeline()->allocations(d).size();
    std::printf("{\"cache\":\"%s\",\"allocations\":%zu,\"load_ms\":%.1f,\"first_frame_ms\":%.1f,"
                "\"bands_ms\":%.1f,\"allocator_state_ms\":%.1f,\"peak_rss_mb\":%.0f}\n",
                qPrintable(cache), allocations, loadMs, firstFrameMs, bandsMs, stateMs,
                ts::bench::peakRssMb());
    return 0;
}

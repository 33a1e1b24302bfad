// Memory view first-frame benchmark (issue 5): opens one memory-snapshot cache in the real
// MemoryView on the offscreen platform at 1920×1080 and measures the time from opening the cache
// (constructing the view) to the loaded() signal and to the first painted frame of the whole
// window. Prints one JSON object; tests/bench/snapshot_bench.py runs it and takes medians.
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

    size_t allocations = 0;
    for (int d : view.timeline()->devices())
        allocations += view.timeline()->allocations(d).size();
    std::printf("{\"cache\":\"%s\",\"allocations\":%zu,\"load_ms\":%.1f,\"first_frame_ms\":%.1f,"
                "\"peak_rss_mb\":%.0f}\n",
                qPrintable(cache), allocations, loadMs, firstFrameMs, ts::bench::peakRssMb());
    return 0;
}

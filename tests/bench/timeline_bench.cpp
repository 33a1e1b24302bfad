// Timeline frame-time benchmark (issue 4): opens one cache in the real TimelineView on the
// offscreen platform at 1920×1080, measures the time from opening the cache to the first painted
// frame, then plays a fixed, seeded script of zoom and pan steps and times the paint of each
// frame. Prints one JSON object; tests/bench/timeline_bench.py runs it and takes medians.
//
//   bench_timeline CACHE [--steps 200] [--size 1920x1080] [--dump]

#include "timeline/timelinecanvas.h"
#include "timeline/timelineview.h"
#include "timeline/timelineviewport.h"

#include "viewbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using ts::views::TimelineView;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_timeline CACHE [--steps N] [--size WxH]\n");
        return 2;
    }
    const QString cache = args.at(1);
    const int steps =
        ts::bench::option(args, QStringLiteral("--steps"), QStringLiteral("200")).toInt();
    const bool dump = args.contains(QStringLiteral("--dump")); // per-frame lines on stderr
    const QSize size = ts::bench::sizeOption(args);

    QElapsedTimer clock;
    clock.start();
    TimelineView view({cache}, QString());
    view.resize(size);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    QSignalSpy loaded(&view, &TimelineView::loaded);
    if (!view.isLoaded() && !loaded.wait(600000)) {
        std::fprintf(stderr, "bench_timeline: the timeline did not load\n");
        return 1;
    }
    if (!view.loadError().isEmpty()) {
        std::fprintf(stderr, "bench_timeline: %s\n", qPrintable(view.loadError()));
        return 1;
    }
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    // The first frame: the whole window as the user sees it.
    QImage whole(view.size(), QImage::Format_ARGB32_Premultiplied);
    view.render(&whole);
    const double firstFrameMs = double(clock.nsecsElapsed()) / 1e6;

    // The script: the same for every run and every cache, from the whole trace down to a few
    // microseconds and back, panning on the way.
    auto *canvas = view.canvas();
    auto *vp = view.viewport();
    QImage frame(canvas->size(), QImage::Format_ARGB32_Premultiplied);
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> where(0.1, 0.9);
    std::vector<double> frameMs;
    std::vector<int> rects;
    frameMs.reserve(size_t(steps));
    for (int i = 0; i < steps; ++i) {
        const int phase = (i / 25) % 4; // 25 in, 25 pan, 25 out, 25 pan
        const int64_t anchor = vp->start() + int64_t(where(rng) * double(vp->width()));
        switch (phase) {
        case 0:
            vp->zoomAt(anchor, 0.6);
            break;
        case 1:
            vp->pan(int64_t((where(rng) - 0.5) * double(vp->width())));
            break;
        case 2:
            vp->zoomAt(anchor, 1.0 / 0.6);
            break;
        default:
            vp->pan(int64_t((where(rng) - 0.5) * 0.5 * double(vp->width())));
            break;
        }
        QElapsedTimer t;
        t.start();
        canvas->render(&frame);
        frameMs.push_back(double(t.nsecsElapsed()) / 1e6);
        rects.push_back(canvas->lastRectCount());
        if (dump)
            std::fprintf(stderr, "step %3d window %14lld ns  %7.2f ms  %6d rects\n", i,
                         (long long)vp->width(), frameMs.back(), rects.back());
    }
    std::printf("{\"cache\":\"%s\",\"slices\":%llu,\"tracks\":%zu,\"load_ms\":%.1f,"
                "\"first_frame_ms\":%.1f,\"frames\":%d,\"median_ms\":%.2f,\"p95_ms\":%.2f,"
                "\"max_ms\":%.2f,\"max_rects\":%d,\"peak_rss_mb\":%.0f}\n",
                qPrintable(cache), (unsigned long long)view.data()->sliceCount(),
                view.data()->tracks().size(), loadMs, firstFrameMs, steps, percentile(frameMs, 0.5),
                percentile(frameMs, 0.95), *std::max_element(frameMs.begin(), frameMs.end()),
                *std::max_element(rects.begin(), rects.end()), ts::bench::peakRssMb());
    return 0;
}

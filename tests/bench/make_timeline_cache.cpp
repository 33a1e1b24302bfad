// Writes a synthetic timeline cache through the app's real import path (record frames →
// RecordValidator → CacheWriter, exactly what a child's output goes through), and times loading
// caches into TimelineData and searching them. Used for issue 4's "10 million slices over 64
// tracks" figures and for the in-memory slice search:
//
//   bench_make_timeline_cache OUT.tscache --slices 10000000 --tracks 64 [--depth 4]
//   bench_make_timeline_cache --load OUT.tscache [MORE.tscache ...] [--search TEXT ...]
//
// The slices are kernel-like: a few hundred distinct names, nested `depth` levels deep, spread
// over the thread tracks of a few processes, written per track in time order but interleaved
// across tracks (as a profiler writes them), with some flows, args and two counter series.

#include "cache/importsession.h"
#include "records/recordformat.h"
#include "timeline/slicesearch.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/resource.h>

using namespace ts;

namespace {

double peakRssMb()
{
    struct rusage u
    {
    };
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0; // Linux reports KiB
}

std::vector<std::string> kernelNames()
{
    const char *ops[] = {"vectorized_elementwise_kernel",
                         "reduce_kernel",
                         "softmax_warp_forward",
                         "layer_norm_kernel",
                         "index_elementwise_kernel",
                         "cat_batched_copy",
                         "fused_dropout_kernel",
                         "unrolled_elementwise_kernel",
                         "ncclKernel_AllReduce_RING_LL_Sum",
                         "flash_fwd_kernel",
                         "flash_bwd_dq_dk_dv_loop",
                         "gemv2T_kernel"};
    const char *types[] = {"float", "c10::Half", "c10::BFloat16", "int64_t"};
    const char *gemms[] = {"ampere_sgemm_128x64_tn", "ampere_bf16_s16816gemm_128x128_nn",
                           "sm80_xmma_gemm_f16f16_f32_tn", "cutlass_80_tensorop_s1688gemm_64x64"};
    std::vector<std::string> names;
    for (const char *op : ops)
        for (const char *t : types)
            for (int vec = 1; vec <= 4; vec *= 2)
                names.push_back("void at::native::" + std::string(op) + "<" + std::to_string(vec) +
                                ", " + t + ">(int, " + t + "*)");
    for (const char *g : gemms)
        for (int i = 0; i < 8; ++i)
            names.push_back(std::string(g) + "_stages_" + std::to_string(32 * (i + 1)) + "x3");
    for (const char *a :
         {"aten::linear", "aten::addmm", "aten::matmul", "aten::softmax", "aten::layer_norm",
          "aten::dropout", "aten::add_", "aten::copy_", "aten::to", "aten::empty",
          "cudaLaunchKernel", "cudaMemcpyAsync", "ProfilerStep#1", "Optimizer.step#AdamW.step"})
        names.push_back(a);
    return names; // 190; run() tops it up to a few hundred with Triton-style names
}

struct Options
{
    QString out;
    qint64 slices = 1000000;
    int tracks = 64;
    int depth = 4;
    int argsEvery = 4;
};

// Children per slice: 3, so a tree of depth 4 holds 1 + 3 + 9 + 27 = 40 slices.
constexpr int kFanOut = 3;

class Generator
{
public:
    Generator(const Options &o, model::ImportSession &session) : m_o(o), m_session(session) {}

    bool run(QString *error)
    {
        m_names = kernelNames();
        for (int i = 0; m_names.size() < 300; ++i)
            m_names.push_back("triton_poi_fused_add_mul_" + std::to_string(i));
        header();
        std::vector<int64_t> cursor(size_t(m_o.tracks), 0);
        qint64 emitted = 0;
        while (emitted < m_o.slices) {
            for (int t = 0; t < m_o.tracks && emitted < m_o.slices; ++t) {
                // One top-level slice with its subtree, then a gap.
                const int64_t len = 40000 + int64_t(next() % 20000);
                emitted += tree(uint32_t(t + 1), cursor[size_t(t)], len, 0, m_o.slices - emitted);
                cursor[size_t(t)] += len + 500 + int64_t(next() % 2000);
            }
            if (!flush(error))
                return false;
        }
        // Two memory-like counter series of 20 000 samples over the whole trace.
        const int64_t span = cursor[0];
        for (int c = 0; c < 2; ++c) {
            double value = 1e9;
            for (int i = 0; i < 20000; ++i) {
                value += double(int64_t(next() % 2000001) - 1000000);
                rec::encode(m_buf,
                            rec::CounterRec{m_counterTrack + uint32_t(c), span / 20000 * i, value});
            }
        }
        const uint32_t format = m_nextString++;
        rec::encode(m_buf, rec::StringRec{format, "chrome-trace"});
        rec::encode(m_buf, rec::ResultRec{format, uint64_t(emitted)});
        return flush(error);
    }

private:
    uint64_t next()
    {
        m_rng ^= m_rng << 13;
        m_rng ^= m_rng >> 7;
        m_rng ^= m_rng << 17;
        return m_rng;
    }
    uint32_t string(const std::string &s)
    {
        const uint32_t id = m_nextString++;
        rec::encode(m_buf, rec::StringRec{id, s});
        return id;
    }

    void header()
    {
        rec::encodeMagic(m_buf);
        for (const std::string &n : m_names)
            m_nameIds.push_back(string(n));
        m_category = string("kernel");
        const int processes = std::max(1, std::min(4, m_o.tracks));
        for (int p = 1; p <= processes; ++p) {
            rec::encode(m_buf, rec::ProcessRec{uint32_t(p), 1000 + p, string("python3 train.py"),
                                               string("GPU " + std::to_string(p - 1)), p, p - 1});
        }
        for (int t = 1; t <= m_o.tracks; ++t) {
            const uint32_t process = uint32_t((t - 1) % processes + 1);
            rec::encode(m_buf, rec::ThreadRec{uint32_t(t), process, 7 + t,
                                              string("stream " + std::to_string(t)), t});
            rec::encode(m_buf, rec::TrackRec{uint32_t(t), rec::TrackKind::Thread, 0, process,
                                             uint32_t(t), 0});
        }
        m_counterTrack = uint32_t(m_o.tracks + 1);
        rec::encode(m_buf, rec::TrackRec{m_counterTrack, rec::TrackKind::Counter,
                                         rec::kTrackDerived, 1, 0, string("Total Allocated")});
        rec::encode(m_buf, rec::TrackRec{m_counterTrack + 1, rec::TrackKind::Counter, 0, 1, 0,
                                         string("Total Reserved")});
    }

    // Emits a slice on [ts, ts+len) and up to `budget - 1` descendants; returns how many.
    qint64 tree(uint32_t track, int64_t ts, int64_t len, int level, qint64 budget)
    {
        if (budget <= 0)
            return 0;
        const uint32_t name = m_nameIds[size_t(next() % m_nameIds.size())];
        std::string args;
        if (m_o.argsEvery > 0 && m_sequence % uint64_t(m_o.argsEvery) == 0)
            args = "{\"External id\":" + std::to_string(m_sequence) +
                   ",\"stream\":" + std::to_string(track) + "}";
        rec::encode(m_buf, rec::SliceRec{track, ts, len, name, m_category, args});
        const uint64_t self = m_sequence++;
        // A flow from every 1000th slice to the top slice on the next track (launch → kernel).
        if (self % 1000 == 0 && level == 0 && m_o.tracks > 1)
            m_pendingFlow = self;
        else if (level == 0 && m_pendingFlow != UINT64_MAX && track != 1) {
            rec::FlowEndpoint out{rec::FlowBind::Sequence, 0, 0, m_pendingFlow};
            rec::FlowEndpoint in{rec::FlowBind::Sequence, 0, 0, self};
            rec::encode(m_buf, rec::FlowRec{out, in, 0, 0});
            m_pendingFlow = UINT64_MAX;
        }
        qint64 n = 1;
        if (level + 1 >= m_o.depth)
            return n;
        const int64_t step = len / kFanOut;
        for (int c = 0; c < kFanOut && n < budget; ++c) {
            const int64_t childTs = ts + c * step + step / 8;
            const int64_t childLen =
                step / 2 + int64_t(next() % uint64_t(std::max<int64_t>(1, step / 4)));
            n += tree(track, childTs, childLen, level + 1, budget - n);
        }
        return n;
    }

    bool flush(QString *error)
    {
        if (!m_session.feed(m_buf.data(), m_buf.size())) {
            *error = m_session.errorText();
            return false;
        }
        m_buf.clear();
        return true;
    }

    const Options &m_o;
    model::ImportSession &m_session;
    std::string m_buf;
    std::vector<std::string> m_names;
    std::vector<uint32_t> m_nameIds;
    uint32_t m_nextString = 1;
    uint32_t m_category = 0;
    uint32_t m_counterTrack = 0;
    uint64_t m_sequence = 0;
    uint64_t m_pendingFlow = UINT64_MAX;
    uint64_t m_rng = 0x9E3779B97F4A7C15ull;
};

int write(const Options &o)
{
    QFile::remove(o.out);
    QElapsedTimer timer;
    timer.start();
    model::ImportSession session;
    QString error;
    if (!session.begin(o.out, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    Generator g(o, session);
    if (!g.run(&error)) {
        std::fprintf(stderr, "stream rejected: %s\n", qPrintable(error));
        session.abort();
        return 1;
    }
    const qint64 fed = timer.elapsed();
    if (!session.finish(
            model::CacheMeta{QStringLiteral("synthetic"), QStringLiteral("synthetic.json"), 0},
            &error)) {
        std::fprintf(stderr, "finish: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 total = timer.elapsed();
    std::printf("wrote %s: %lld slices, %lld flows, %d tracks\n", qPrintable(o.out),
                session.summary().slices, session.summary().flows, o.tracks);
    std::printf("write: feed %.2f s, finish %.2f s, total %.2f s, peak RSS %.0f MB\n",
                double(fed) / 1000, double(total - fed) / 1000, double(total) / 1000, peakRssMb());
    return 0;
}

// Each search runs kSearchRuns times on the loaded data, as the view's worker runs it; the
// median is printed (the first run also pays for faulting the arrays into the cache).
constexpr int kSearchRuns = 7;

void timeSearch(const model::TimelineData &data, const QString &text)
{
    std::vector<double> ms;
    qsizetype hits = 0;
    for (int i = 0; i < kSearchRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        hits = model::searchSlices(data, text).size();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("search \"%s\": %lld hits (limit %d), median %.1f ms, min %.1f, max %.1f "
                "over %d runs\n",
                qPrintable(text), (long long)hits, model::kSearchLimit, ms[ms.size() / 2],
                ms.front(), ms.back(), kSearchRuns);
}

int load(const QStringList &paths, const QStringList &searches)
{
    QElapsedTimer timer;
    timer.start();
    model::TimelineData data;
    QString error;
    if (!data.load(paths, &error)) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 loadedNs = timer.nsecsElapsed();
    // What a first frame asks for: every track and depth over the whole trace at 1920 px.
    timer.restart();
    size_t blocks = 0;
    const int64_t merge = std::max<int64_t>(1, (data.end() - data.start()) / 1920);
    for (int t = 0; t < int(data.tracks().size()); ++t)
        for (int d = 0; d < int(data.tracks()[size_t(t)].depths.size()); ++d)
            blocks += data.visibleBlocks(t, d, data.start(), data.end(), merge).size();
    const qint64 frameNs = timer.nsecsElapsed();
    std::printf("load: %.3f s for %llu slices on %zu tracks; first-frame blocks %zu in %.1f ms; "
                "peak RSS %.0f MB\n",
                double(loadedNs) / 1e9, (unsigned long long)data.sliceCount(), data.tracks().size(),
                blocks, double(frameNs) / 1e6, peakRssMb());
    if (!searches.isEmpty())
        std::printf("names: %lld\n", (long long)data.names().size());
    for (const QString &text : searches)
        timeSearch(data, text);
    return 0;
}

void usage()
{
    std::fprintf(stderr, "usage: bench_make_timeline_cache OUT.tscache --slices N --tracks T "
                         "[--depth D] [--args-every K]\n"
                         "       bench_make_timeline_cache --load CACHE [CACHE ...] "
                         "[--search TEXT ...]\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--load") && args.size() > 1) {
        QStringList caches, searches;
        for (int i = 1; i < args.size(); ++i) {
            if (args[i] == QLatin1String("--search") && i + 1 < args.size())
                searches << args[++i];
            else
                caches << args[i];
        }
        return load(caches, searches);
    }
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&]() { return args.value(++i).toLongLong(); };
        if (a == QLatin1String("--slices"))
            o.slices = value();
        else if (a == QLatin1String("--tracks"))
            o.tracks = int(value());
        else if (a == QLatin1String("--depth"))
            o.depth = int(value());
        else if (a == QLatin1String("--args-every"))
            o.argsEvery = int(value());
        else if (!a.startsWith(QLatin1String("--")) && o.out.isEmpty())
            o.out = a;
        else {
            usage();
            return 2;
        }
    }
    if (o.out.isEmpty() || o.slices < 0 || o.tracks < 1 || o.tracks > 100000 || o.depth < 1 ||
        o.depth > 32) {
        usage();
        return 2;
    }
    return write(o);
}

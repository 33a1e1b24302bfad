// MemoryTimeline over a PyTorch Profiler trace's [memory] totals (profilermemory.h): a
// hand-built cache of counter series against brute force, and a real Kineto trace imported by
// the app, checked against the [memory] events read here from the trace's own JSON.
#include "appimport.h"
#include "cachebuilder.h"
#include "memory/memorysummary.h"
#include "memory/memorytimeline.h"
#include "streambuilder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <algorithm>
#include <iterator>
#include <map>

using namespace ts;
using model::MemoryAxis;
using model::MemoryTimeline;
using ts::testing::StreamBuilder;

namespace {

struct Sample
{
    int64_t ts = 0; // ns, as in the cache
    int64_t bytes = 0;
};

// What a series should read as, by brute force over its samples in arrival order: on the
// Sequence axis sample i (in time order, arrivals kept in order at one time) holds from i; on the
// Time axis the last sample at or before x holds.
struct Expected
{
    std::vector<Sample> byTime;
    explicit Expected(std::vector<Sample> s) : byTime(std::move(s))
    {
        std::stable_sort(byTime.begin(), byTime.end(),
                         [](const Sample &a, const Sample &b) { return a.ts < b.ts; });
    }
    int64_t atSeq(int64_t i) const
    {
        return i < 0 || i >= int64_t(byTime.size()) ? (i < 0 ? 0 : byTime.back().bytes)
                                                    : byTime[size_t(i)].bytes;
    }
    int64_t atTime(int64_t x) const
    {
        const auto after = std::upper_bound(byTime.begin(), byTime.end(), x,
                                            [](int64_t t, const Sample &s) { return t < s.ts; });
        return after == byTime.begin() ? 0 : std::prev(after)->bytes;
    }
    // The highest value (never below 0) and the first x where it holds, on either axis: on the
    // Time axis only the last sample at a time holds.
    model::MemoryPeak peak(MemoryAxis axis) const
    {
        std::vector<Sample> points; // (x, value)
        for (size_t i = 0; i < byTime.size(); ++i) {
            if (axis == MemoryAxis::Sequence)
                points.push_back({int64_t(i), byTime[i].bytes});
            else if (i + 1 == byTime.size() || byTime[i + 1].ts != byTime[i].ts)
                points.push_back(byTime[i]);
        }
        model::MemoryPeak p;
        for (size_t i = 0; i < points.size(); ++i) {
            if (i == 0 || points[i].bytes > p.bytes)
                p = {std::max<int64_t>(points[i].bytes, 0), points[i].ts};
        }
        return p;
    }
};

// Checks one device's curve (allocated or reserved) against its samples, at every sample and
// between them, on both axes.
void checkSeries(const MemoryTimeline &tl, int device, bool reserved, const Expected &want)
{
    auto at = [&](MemoryAxis a, int64_t x) {
        return reserved ? tl.reservedAt(device, a, x) : tl.allocatedAt(device, a, x);
    };
    for (int64_t i = -1; i <= int64_t(want.byTime.size()); ++i)
        QCOMPARE(at(MemoryAxis::Sequence, i), want.atSeq(i));
    int64_t previous = std::numeric_limits<int64_t>::lowest();
    for (const Sample &s : want.byTime) {
        if (s.ts == previous)
            continue;
        previous = s.ts;
        for (int64_t d : {-1, 0, 1})
            QCOMPARE(at(MemoryAxis::Time, s.ts + d), want.atTime(s.ts + d));
    }
    for (MemoryAxis a : {MemoryAxis::Time, MemoryAxis::Sequence}) {
        const model::MemoryPeak got =
            reserved ? tl.peakReserved(device, a) : tl.peakAllocated(device, a);
        const model::MemoryPeak p = want.peak(a);
        QCOMPARE(got.bytes, p.bytes);
        QCOMPARE(got.x, p.x);
    }
}

QByteArray gunzip(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray in = f.readAll();
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return {};
    QByteArray out;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        char buffer[1 << 16];
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// Every [memory] event of a trace, found in its text and parsed one by one with Qt's JSON
// reader: from the '{' before the name to its matching '}' (quotes and escapes respected).
std::vector<QJsonObject> memoryEvents(const QByteArray &json)
{
    std::vector<QJsonObject> out;
    const QByteArray needle = "\"[memory]\"";
    for (qsizetype at = json.indexOf(needle); at >= 0; at = json.indexOf(needle, at + 1)) {
        const qsizetype open = json.lastIndexOf('{', at);
        int depth = 0;
        bool quoted = false;
        qsizetype end = open;
        for (; end < json.size(); ++end) {
            const char c = json[end];
            if (quoted) {
                if (c == '\\')
                    ++end;
                else if (c == '"')
                    quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                break;
            }
        }
        const QJsonObject e = QJsonDocument::fromJson(json.mid(open, end - open + 1)).object();
        if (e.value("name").toString() == QLatin1String("[memory]"))
            out.push_back(e);
    }
    return out;
}

} // namespace

class TestProfilerMemory : public QObject
{
    Q_OBJECT

private slots:
    void handBuilt_data();
    void handBuilt();
    void realTrace();
};

void TestProfilerMemory::handBuilt_data()
{
    QTest::addColumn<QString>("baseTime"); // baseTimeNanoseconds metadata, empty for none
    QTest::newRow("absolute times") << QString();
    QTest::newRow("relative times with a base") << QStringLiteral("1700000000000000000");
}

void TestProfilerMemory::handBuilt()
{
    QFETCH(QString, baseTime);
    StreamBuilder b;
    const char *names[] = {"python",
                           "GPU 1",
                           "CPU",
                           "Total Allocated",
                           "Total Reserved",
                           "Other",
                           "baseTimeNanoseconds"};
    for (uint32_t i = 0; i < 7; ++i)
        b.add(rec::StringRec{i + 1, names[i]});
    const std::string base = baseTime.toStdString();
    if (!baseTime.isEmpty())
        b.add(rec::MetadataRec{7, base});
    b.add(rec::ProcessRec{1, 1, 1, 2, 0, -1});    // GPU 1
    b.add(rec::ProcessRec{2, 4242, 1, 3, 1, -1}); // the host
    b.add(rec::ProcessRec{3, 7, 1, 0, 2, -1});    // only other series
    const uint8_t derived = rec::kTrackDerived;
    b.add(rec::TrackRec{1, rec::TrackKind::Counter, derived, 1, 0, 4});
    b.add(rec::TrackRec{2, rec::TrackKind::Counter, derived, 1, 0, 5});
    b.add(rec::TrackRec{3, rec::TrackKind::Counter, derived, 2, 0, 4});
    b.add(rec::TrackRec{4, rec::TrackKind::Counter, 0, 3, 0, 4}); // a trace's own counter
    b.add(rec::TrackRec{5, rec::TrackKind::Counter, derived, 3, 0, 6});
    // Per track: (ts, bytes) in arrival order — equal times, out of order, a dip below zero.
    const std::map<uint32_t, std::vector<Sample>> sent = {
        {1, {{10, 100}, {20, 300}, {20, 250}, {35, 50}, {30, 400}, {50, -8}}},
        {2, {{10, 1000}, {20, 1200}, {20, 1200}, {35, 1100}, {30, 1300}, {50, 1300}}},
        {3, {{5, 4}, {15, 12}, {25, 8}}},
        {4, {{10, 999999}}},
        {5, {{10, 888888}}},
    };
    for (const auto &[track, samples] : sent)
        for (const Sample &s : samples)
            b.add(rec::CounterRec{track, s.ts, double(s.bytes)});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.db"));
    QString error;
    QVERIFY2(ts::testing::buildCache(b.bytes(), path, &error), qPrintable(error));

    const model::MemorySummary has = model::MemorySummary::presenceInCache(path);
    QVERIFY(has.profilerSeries && !has.present && has.hasMemoryView());
    QVERIFY(model::MemorySummary::fromCache(path).profilerSeries);

    MemoryTimeline tl;
    QVERIFY2(tl.load(path, &error), qPrintable(error));
    QCOMPARE(tl.devices(), (QVector<int>{1, 4242}));
    const int64_t offset = baseTime.toLongLong();
    auto shifted = [offset](std::vector<Sample> s) {
        for (Sample &x : s)
            x.ts += offset;
        return Expected(std::move(s));
    };
    const struct
    {
        int device;
        QString label;
        uint32_t allocated, reserved; // tracks, 0 = none
    } devices[] = {{1, QStringLiteral("GPU 1"), 1, 2}, {4242, QStringLiteral("CPU"), 3, 0}};
    for (const auto &want : devices) {
        const model::MemoryDevice *d = tl.device(want.device);
        QVERIFY(d);
        QVERIFY(d->fromProfiler);
        QVERIFY(d->hasTime);
        QCOMPARE(d->label, want.label);
        QVERIFY(d->allocations.empty() && d->neverFreed.empty() && d->annotations.empty());
        const Expected alloc = shifted(sent.at(want.allocated));
        checkSeries(tl, want.device, false, alloc);
        if (want.reserved)
            checkSeries(tl, want.device, true, shifted(sent.at(want.reserved)));
        else
            QCOMPARE(tl.peakReserved(want.device, MemoryAxis::Time).bytes, int64_t(0));
        QCOMPARE(tl.start(want.device, MemoryAxis::Time), alloc.byTime.front().ts);
        QCOMPARE(tl.end(want.device, MemoryAxis::Time), alloc.byTime.back().ts + 1);
        QCOMPARE(tl.start(want.device, MemoryAxis::Sequence), int64_t(0));
        QCOMPARE(tl.end(want.device, MemoryAxis::Sequence), int64_t(alloc.byTime.size()));
        const auto env =
            tl.envelope(want.device, MemoryAxis::Time, tl.start(want.device, MemoryAxis::Time),
                        tl.end(want.device, MemoryAxis::Time), 7);
        int64_t top = 0;
        for (const auto &c : env)
            top = std::max(top, c.max);
        QCOMPARE(top, alloc.peak(MemoryAxis::Time).bytes);
    }
}

void TestProfilerMemory::realTrace()
{
    // Real torch.profiler output recorded with profile_memory=True (see samples/SOURCES.md).
    const QString trace =
        ts::testing::sharedSamples() +
        QStringLiteral("/hta/tests/data/df_index_resolver/df_index_resolver.json.gz");
    if (!QFile::exists(trace))
        QSKIP("the df_index_resolver sample is not there");
    const QString app = ts::testing::appBinary();
    if (app.isEmpty())
        QSKIP("no tracescope binary (build with TRACESCOPE_WITH_GUI or set TRACESCOPE_APP)");

    // The series as the trace states them: Kineto puts a GPU's [memory] events under its
    // device index, host memory (Device Type 0) under the event's pid.
    const QByteArray json = gunzip(trace);
    QVERIFY(!json.isEmpty());
    QVERIFY2(!json.contains("baseTimeNanoseconds"), "the check below assumes absolute times");
    std::map<int64_t, std::vector<Sample>> allocated, reserved;
    for (const QJsonObject &e : memoryEvents(json)) {
        const QJsonObject args = e.value("args").toObject();
        QVERIFY2(args.contains("Total Allocated") && args.contains("Total Reserved"),
                 "every [memory] event of this sample carries both totals");
        const double ts = e.value("ts").toDouble();
        QVERIFY2(ts == std::floor(ts), "whole microseconds expected");
        const int64_t ns = e.value("ts").toInteger() * 1000;
        const int64_t device = args.value("Device Type").toInt() >= 1
                                   ? args.value("Device Id").toInteger()
                                   : e.value("pid").toInteger();
        allocated[device].push_back({ns, args.value("Total Allocated").toInteger()});
        reserved[device].push_back({ns, args.value("Total Reserved").toInteger()});
    }
    QVERIFY(!allocated.empty());

    QTemporaryDir home;
    QString error;
    const QString cache = ts::testing::importWithApp(app, trace, home, &error);
    QVERIFY2(!cache.isEmpty(), qPrintable(error));
    QVERIFY(model::MemorySummary::presenceInCache(cache).profilerSeries);
    MemoryTimeline tl;
    QVERIFY2(tl.load(cache, &error), qPrintable(error));
    QCOMPARE(qsizetype(tl.devices().size()), qsizetype(allocated.size()));
    for (const auto &[device, samples] : allocated) {
        QVERIFY(tl.device(int(device)));
        QVERIFY(tl.device(int(device))->fromProfiler);
        QCOMPARE(tl.end(int(device), MemoryAxis::Sequence), int64_t(samples.size()));
        checkSeries(tl, int(device), false, Expected(samples));
        checkSeries(tl, int(device), true, Expected(reserved.at(device)));
        qInfo("device %lld (%s): %zu samples, peak allocated %lld, reserved %lld",
              qlonglong(device), qPrintable(tl.device(int(device))->label), samples.size(),
              qlonglong(tl.peakAllocated(int(device), MemoryAxis::Sequence).bytes),
              qlonglong(tl.peakReserved(int(device), MemoryAxis::Sequence).bytes));
    }
}

QTEST_GUILESS_MAIN(TestProfilerMemory)
#include "tst_profilermemory.moc"

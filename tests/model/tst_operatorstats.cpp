// Operator statistics (model/timeline/operatorstats.h) against figures computed here another
// way: self times from the cache's own parent_id column (the writer's nesting, read by SQL),
// counts, totals, min and max by brute force over every slice, for the whole input and for
// random ranges; the side split; the CSV text and the comparison of two runs.
#include "cache/cachereader.h"
#include "cache/sqlite.h"
#include "cachebuilder.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorcsv.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"
#include "timeline/timelineloader.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

struct Expected
{
    qint64 count = 0, total = 0, self = 0, min = std::numeric_limits<qint64>::max(), max = -1;
};

struct CacheSlice
{
    int64_t ts, dur, childTime;
    QString name;
};

// Every slice of the cache with the time its children spend inside it: the rows whose
// parent_id is the slice, each clipped to the parent's end (as documented), summed by SQL.
std::vector<CacheSlice> slicesFromCache(const QString &cache)
{
    model::CacheReader reader;
    if (!reader.open(cache, nullptr))
        return {};
    model::Statement st(reader.database(),
                        "SELECT s.ts, s.dur, n.str, coalesce(sum(max(0, min(c.ts + c.dur, "
                        "s.ts + s.dur) - c.ts)), 0) FROM slice s JOIN string n ON n.id = s.name_id "
                        "LEFT JOIN slice c ON c.parent_id = s.id GROUP BY s.id");
    std::vector<CacheSlice> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.int64(3), st.text(2)});
    return out;
}

std::map<QString, Expected> expectedOf(const std::vector<CacheSlice> &slices, int64_t t0,
                                       int64_t t1, bool whole)
{
    std::map<QString, Expected> out;
    for (const CacheSlice &s : slices) {
        const bool in =
            whole || (s.dur == 0 ? (s.ts >= t0 && s.ts < t1) : (s.ts < t1 && s.ts + s.dur > t0));
        if (!in)
            continue;
        Expected &e = out[s.name];
        ++e.count;
        e.total += s.dur;
        e.self += s.dur - s.childTime;
        e.min = std::min<qint64>(e.min, s.dur);
        e.max = std::max<qint64>(e.max, s.dur);
    }
    return out;
}

} // namespace

class TestOperatorStats : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void nestedSelfTime();
    void matchesCache_data();
    void matchesCache();
    void sidesSplitAndMerged();
    void deviceTrackRule_data();
    void deviceTrackRule();
    void groupsByCategory();
    void groupsByNameAndShapes();
    void analysisLayerLeftOut();
    void cancelled();
    void csvText();
    void compareRuns();
    void compareRunsFromCaches();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOperatorStats::nestedSelfTime()
{
    // s [0,100) holds k [10,30) and k [40,50); k [40,50) holds s [42,44); an s at 200 that
    // a k overruns (bad nesting: [250,330) starts inside [200,300), ends after it).
    StreamBuilder b;
    b.basics().add(rec::StringRec{4, "k"});
    b.slice(0, 100).add(rec::SliceRec{1, 10, 20, 4, 0, {}}).add(rec::SliceRec{1, 40, 10, 4, 0, {}});
    b.slice(42, 2).slice(200, 100).add(rec::SliceRec{1, 250, 80, 4, 0, {}}).result();
    const QString file = m_dir->filePath(QStringLiteral("n.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const QVector<model::OperatorStats> rows = model::operatorStats(data, {});
    QCOMPARE(rows.size(), 2);
    // s: 100 + 2 + 100 = 202 total; self (100−30) + 2 + (100−50) = 122.
    QCOMPARE(rows[0].name, QStringLiteral("s"));
    QCOMPARE(rows[0].count, qint64(3));
    QCOMPARE(rows[0].totalNs, qint64(202));
    QCOMPARE(rows[0].selfNs, qint64(122));
    QCOMPARE(rows[0].minNs, qint64(2));
    QCOMPARE(rows[0].maxNs, qint64(100));
    QCOMPARE(rows[0].slowest.depth, 0);
    QCOMPARE(data.slice(rows[0].slowest).ts, int64_t(0)); // the first of the two 100 ns ones
    // k: 20 + 10 + 80 = 110; self 20 + (10−2) + 80 = 108.
    QCOMPARE(rows[1].name, QStringLiteral("k"));
    QCOMPARE(rows[1].totalNs, qint64(110));
    QCOMPARE(rows[1].selfNs, qint64(108));
    QCOMPARE(rows[1].maxNs, qint64(80));
    QCOMPARE(data.slice(rows[1].slowest).ts, int64_t(250));
    QCOMPARE(rows[0].share + rows[1].share, 1.0);
    QCOMPARE(rows[0].share, 122.0 / 230.0);
    // A range over [45, 46) counts s [0,100) and k [40,50), not s [42,44) (over by then).
    model::OperatorQuery q;
    q.wholeInput = false;
    q.t0 = 45;
    q.t1 = 46;
    const QVector<model::OperatorStats> r = model::operatorStats(data, q);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r[0].name, QStringLiteral("s"));
    QCOMPARE(r[0].count, qint64(1));
    QCOMPARE(r[0].selfNs, qint64(70)); // its full self time, children outside the range too
    QCOMPARE(r[1].count, qint64(1));
    QCOMPARE(r[1].selfNs, qint64(8));
}

void TestOperatorStats::matchesCache_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::newRow("seed 17") << 17u;
    QTest::newRow("seed 5") << 5u;
    QTest::newRow("seed 99") << 99u;
}

void TestOperatorStats::matchesCache()
{
    QFETCH(quint32, seed);
    StreamBuilder b;
    testing::randomSlices(b, 4, 400, seed);
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("r.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const std::vector<CacheSlice> slices = slicesFromCache(file);
    QCOMPARE(slices.size(), size_t(1600));
    QRandomGenerator rng(seed);
    const int64_t span = data.end() - data.start();
    for (int round = 0; round < 40; ++round) {
        const bool whole = round == 0;
        const int64_t t0 = data.start() + rng.bounded(int(span));
        const int64_t t1 = t0 + 1 + rng.bounded(int(span / 4));
        model::OperatorQuery q;
        q.wholeInput = whole;
        q.t0 = t0;
        q.t1 = t1;
        const std::map<QString, Expected> expected = expectedOf(slices, t0, t1, whole);
        const QVector<model::OperatorStats> got = model::operatorStats(data, q);
        QCOMPARE(size_t(got.size()), expected.size());
        double shares = 0;
        for (int i = 0; i < got.size(); ++i) {
            const model::OperatorStats &g = got[i];
            QVERIFY2(expected.count(g.name), qPrintable(g.name));
            const Expected &e = expected.at(g.name);
            QCOMPARE(g.sides, uint8_t(model::kHostSide));
            QCOMPARE(g.count, e.count);
            QCOMPARE(g.totalNs, e.total);
            QCOMPARE(g.selfNs, e.self);
            QCOMPARE(g.minNs, e.min);
            QCOMPARE(g.maxNs, e.max);
            QCOMPARE(g.meanNs, double(e.total) / double(e.count));
            QCOMPARE(qint64(data.slice(g.slowest).dur), e.max);
            QCOMPARE(data.name(data.slice(g.slowest).name), g.name);
            shares += g.share;
            if (i > 0)
                QVERIFY(got[i - 1].totalNs >= g.totalNs);
        }
        if (!got.isEmpty())
            QVERIFY(qAbs(shares - 1.0) < 1e-9);
    }
}

void TestOperatorStats::sidesSplitAndMerged()
{
    // Process 2 is labelled "GPU 0": its stream's slices are device kernels. "s" runs on both.
    StreamBuilder b;
    b.basics().add(rec::StringRec{4, "GPU 0"}).add(rec::StringRec{5, "k"});
    b.add(rec::ProcessRec{2, 0, 1, 4, 1, -1});
    b.add(rec::ThreadRec{2, 2, 7, 2, 0});
    b.add(rec::TrackRec{2, rec::TrackKind::Thread, 0, 2, 2, 0});
    b.slice(0, 100).slice(10, 40, 2).add(rec::SliceRec{2, 60, 30, 5, 0, {}}).result();
    const QString file = m_dir->filePath(QStringLiteral("g.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const QVector<model::OperatorStats> split = model::operatorStats(data, {});
    QCOMPARE(split.size(), 3);
    QCOMPARE(split[0].name, QStringLiteral("s"));
    QCOMPARE(split[0].sides, uint8_t(model::kHostSide));
    QCOMPARE(split[0].share, 1.0); // the only host row
    QCOMPARE(split[1].name, QStringLiteral("s"));
    QCOMPARE(split[1].sides, uint8_t(model::kDeviceSide));
    QCOMPARE(split[1].share, 40.0 / 70.0); // of the device time
    QCOMPARE(split[2].name, QStringLiteral("k"));
    QCOMPARE(split[2].share, 30.0 / 70.0);
    model::OperatorQuery merged;
    merged.splitSides = false;
    const QVector<model::OperatorStats> one = model::operatorStats(data, merged);
    QCOMPARE(one.size(), 2);
    QCOMPARE(one[0].name, QStringLiteral("s"));
    QCOMPARE(one[0].sides, uint8_t(model::kHostSide | model::kDeviceSide));
    QCOMPARE(one[0].count, qint64(2));
    QCOMPARE(one[0].totalNs, qint64(140));
    QCOMPARE(one[0].share, 140.0 / 170.0);
}

void TestOperatorStats::deviceTrackRule_data()
{
    QTest::addColumn<QString>("process");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("track");
    QTest::addColumn<bool>("device");
    QTest::newRow("kineto gpu") << "python"
                                << "GPU 3"
                                << "stream 7 " << true;
    QTest::newRow("kineto cpu") << "python"
                                << "CPU"
                                << "thread 25738 (python)" << false;
    QTest::newRow("old kineto stream") << ""
                                       << ""
                                       << "stream 7" << true;
    QTest::newRow("ascend hardware db") << "Ascend Hardware"
                                        << ""
                                        << "Stream 2" << true;
    QTest::newRow("ascend text npu") << "Overlap Analysis"
                                     << "NPU"
                                     << "Computing" << true;
    QTest::newRow("hccl") << "HCCL"
                          << ""
                          << "Group 1 Communication" << true;
    QTest::newRow("cann") << "CANN"
                          << "CPU"
                          << "Thread 3" << false;
    QTest::newRow("streamer thread") << "app"
                                     << ""
                                     << "streamer" << false;
}

void TestOperatorStats::deviceTrackRule()
{
    QFETCH(QString, process);
    QFETCH(QString, label);
    QFETCH(QString, track);
    QFETCH(bool, device);
    QCOMPARE(model::deviceTrack(process, label, track), device);
}

void TestOperatorStats::groupsByCategory()
{
    // The generator's slices, written again with a category each (none for a third of them).
    StreamBuilder scratch;
    const std::vector<testing::TestSlice> slices = testing::randomSlices(scratch, 3, 500, 8);
    StreamBuilder b;
    b.add(rec::StringRec{1, "p"}).add(rec::StringRec{2, "t"});
    for (int i = 0; i < testing::kNames; ++i)
        b.add(rec::StringRec{testing::kFirstName + uint32_t(i), testing::kNameText[i]});
    b.add(rec::StringRec{9, "cpu_op"}).add(rec::StringRec{10, "kernel"});
    b.add(rec::ProcessRec{1, 100, 1, 0, 0, -1});
    for (uint32_t t = 1; t <= 3; ++t) {
        b.add(rec::ThreadRec{t, 1, int64_t(7 + t), 2, int64_t(t)});
        b.add(rec::TrackRec{t, rec::TrackKind::Thread, 0, 1, t, 0});
    }
    for (const testing::TestSlice &s : slices)
        b.add(rec::SliceRec{
            s.track, s.ts, s.dur, s.name, uint32_t(s.ts % 3 == 0 ? 0 : 9 + s.ts % 2), {}});
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("cat.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    model::SliceGroups categories;
    QString error;
    QVERIFY2(model::loadSliceGroups(data, model::SliceGrouping::Category, &categories, &error),
             qPrintable(error));
    model::OperatorQuery q;
    q.groups = &categories;
    const QVector<model::OperatorStats> rows = model::operatorStats(data, q);

    // Expected, by SQL over the slice table: per category, count, total and self (children by
    // parent_id, clipped to the parent's end).
    model::CacheReader reader;
    QVERIFY(reader.open(file, nullptr));
    model::Statement st(
        reader.database(),
        "SELECT coalesce(c.str, '(no category)'), count(*), sum(dur), sum(dur - "
        "inside) FROM (SELECT s.category_id AS cat, s.dur AS dur, coalesce(sum(max(0, "
        "min(k.ts + k.dur, s.ts + s.dur) - k.ts)), 0) AS inside FROM slice s LEFT "
        "JOIN slice k ON k.parent_id = s.id GROUP BY s.id) LEFT JOIN string c ON "
        "c.id = cat GROUP BY cat");
    QHash<QString, QList<qint64>> expected;
    while (st.step())
        expected.insert(st.text(0), {st.int64(1), st.int64(2), st.int64(3)});
    QCOMPARE(rows.size(), 3);
    QCOMPARE(expected.size(), 3);
    for (const model::OperatorStats &r : rows) {
        QVERIFY2(expected.contains(r.name), qPrintable(r.name));
        QCOMPARE((QList<qint64>{r.count, r.totalNs, r.selfNs}), expected[r.name]);
        QCOMPARE(qint64(data.slice(r.slowest).dur), r.maxNs);
    }
}

void TestOperatorStats::groupsByNameAndShapes()
{
    // Each generated slice gets one of three shape lists (or none, or args without shapes, or
    // Ascend's "Input Shapes" key); the expected rows are counted here from the same choices.
    StreamBuilder scratch;
    const std::vector<testing::TestSlice> slices = testing::randomSlices(scratch, 2, 400, 21);
    StreamBuilder b;
    b.add(rec::StringRec{1, "p"}).add(rec::StringRec{2, "t"});
    for (int i = 0; i < testing::kNames; ++i)
        b.add(rec::StringRec{testing::kFirstName + uint32_t(i), testing::kNameText[i]});
    b.add(rec::ProcessRec{1, 100, 1, 0, 0, -1});
    for (uint32_t t = 1; t <= 2; ++t) {
        b.add(rec::ThreadRec{t, 1, int64_t(7 + t), 2, int64_t(t)});
        b.add(rec::TrackRec{t, rec::TrackKind::Thread, 0, 1, t, 0});
    }
    const char *args[] = {"", R"({"Input Dims":[[16,32],[32,8]],"Input type":["float","float"]})",
                          R"({"Input Dims":[[4]]})", R"({"Sequence number":3})",
                          R"({"Input Shapes":"8,8;8"})"};
    const QString shapes[] = {{}, "[[16,32],[32,8]]", "[[4]]", {}, "8,8;8"};
    QHash<QString, QPair<qint64, qint64>> expected; // label -> count, total
    for (const testing::TestSlice &s : slices) {
        const int k = int((s.ts / 7 + s.dur) % 5);
        b.add(rec::SliceRec{s.track, s.ts, s.dur, s.name, 0, args[k]});
        const QString name = QString::fromLatin1(testing::kNameText[s.name - testing::kFirstName]);
        const QString label = shapes[k].isEmpty() ? name : name + ' ' + shapes[k];
        ++expected[label].first;
        expected[label].second += s.dur;
    }
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("shapes.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    model::SliceGroups groups;
    QString error;
    QVERIFY2(model::loadSliceGroups(data, model::SliceGrouping::NameAndShapes, &groups, &error),
             qPrintable(error));
    model::OperatorQuery q;
    q.groups = &groups;
    const QVector<model::OperatorStats> rows = model::operatorStats(data, q);
    QCOMPARE(rows.size(), expected.size());
    QVERIFY(expected.size() > testing::kNames); // shapes did split names
    for (const model::OperatorStats &r : rows) {
        QVERIFY2(expected.contains(r.name), qPrintable(r.name));
        QCOMPARE(r.count, expected[r.name].first);
        QCOMPARE(r.totalNs, expected[r.name].second);
    }
}

void TestOperatorStats::analysisLayerLeftOut()
{
    // An Ascend rank: a kernel on Ascend Hardware, and Overlap Analysis's spans over it. The
    // spans are the profiler's summary, not operators: only the kernel is counted.
    StreamBuilder b;
    b.add(rec::StringRec{1, "Ascend Hardware"}).add(rec::StringRec{2, "NPU"});
    b.add(rec::StringRec{3, "Overlap Analysis"}).add(rec::StringRec{4, "Stream 2"});
    b.add(rec::StringRec{5, "Computing"}).add(rec::StringRec{6, "MatMul"});
    b.add(rec::ProcessRec{1, 100, 1, 2, 0, -1}).add(rec::ProcessRec{2, 101, 3, 2, 0, -1});
    b.add(rec::ThreadRec{1, 1, 7, 4, 0}).add(rec::ThreadRec{2, 2, 8, 5, 0});
    b.add(rec::TrackRec{1, rec::TrackKind::Thread, 0, 1, 1, 0});
    b.add(rec::TrackRec{2, rec::TrackKind::Thread, 0, 2, 2, 0});
    b.add(rec::SliceRec{1, 1000, 500, 6, 0, {}});
    b.add(rec::SliceRec{2, 1000, 500, 5, 0, {}});
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("overlap.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const QVector<model::OperatorStats> rows = model::operatorStats(data, {});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].name, QStringLiteral("MatMul"));
    QCOMPARE(rows[0].sides, uint8_t(model::kDeviceSide));
}

void TestOperatorStats::cancelled()
{
    StreamBuilder b;
    testing::randomSlices(b, 2, 70000, 3); // past the 65536 slices between two cancel checks
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("c.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const std::atomic<bool> stop{true}, go{false};
    QVERIFY(model::operatorStats(data, {}, &stop).isEmpty());
    QVERIFY(!model::operatorStats(data, {}, &go).isEmpty());
}

void TestOperatorStats::csvText()
{
    QCOMPARE(model::microseconds(1234567), QStringLiteral("1234.567"));
    QCOMPARE(model::microseconds(5), QStringLiteral("0.005"));
    QCOMPARE(model::microseconds(-1500), QStringLiteral("-1.500"));
    QCOMPARE(model::microseconds(0), QStringLiteral("0.000"));
    model::OperatorStats a;
    a.name = QStringLiteral("aten::add, \"inplace\" %2");
    a.sides = model::kDeviceSide;
    a.count = 3;
    a.totalNs = 1000;
    a.selfNs = 400;
    a.minNs = 1;
    a.maxNs = 998;
    a.share = 0.25;
    QCOMPARE(model::operatorsCsv({a}),
             QByteArray("name,count,total_us,self_us,mean_us,min_us,max_us,share_pct,side\n"
                        "\"aten::add, \"\"inplace\"\" %2\",3,1.000,0.400,0.333,0.001,0.998,"
                        "25.000,device\n"));
}

void TestOperatorStats::compareRuns()
{
    auto row = [](const char *name, qint64 count, qint64 total, uint8_t side) {
        model::OperatorStats s;
        s.name = QString::fromUtf8(name);
        s.count = count;
        s.totalNs = total;
        s.selfNs = total / 2;
        s.sides = side;
        return s;
    };
    const QVector<model::OperatorStats> base{row("a", 2, 1000, model::kHostSide),
                                             row("b", 1, 500, model::kHostSide),
                                             row("gone", 4, 300, model::kHostSide)};
    // "a" twice in the new run (host and device rows): summed.
    const QVector<model::OperatorStats> next{
        row("a", 1, 600, model::kHostSide), row("a", 1, 100, model::kDeviceSide),
        row("b", 1, 500, model::kHostSide), row("new", 1, 2000, model::kHostSide)};
    const QVector<model::OperatorDelta> d = model::compareOperators(base, next);
    QCOMPARE(d.size(), 4);
    QCOMPARE(d[0].name, QStringLiteral("new"));
    QCOMPARE(d[0].deltaNs(), qint64(2000));
    // Equal |delta|: by name.
    QCOMPARE(d[1].name, QStringLiteral("a"));
    QCOMPARE(d[1].countNew, qint64(2));
    QCOMPARE(d[1].totalNewNs, qint64(700));
    QCOMPARE(d[1].deltaNs(), qint64(-300));
    QCOMPARE(d[2].name, QStringLiteral("gone"));
    QCOMPARE(d[2].deltaNs(), qint64(-300));
    QCOMPARE(d[2].countNew, qint64(0));
    QCOMPARE(d[3].name, QStringLiteral("b"));
    QCOMPARE(d[3].deltaNs(), qint64(0));
    QCOMPARE(model::compareCsv({d[2]}),
             QByteArray("name,count_base,count_new,total_base_us,total_new_us,delta_us,"
                        "self_base_us,self_new_us\ngone,4,0,0.300,0.000,-0.300,0.150,0.000\n"));
}

void TestOperatorStats::compareRunsFromCaches()
{
    // Two generated runs: per name, the expected counts and totals from the generator's slices.
    std::map<QString, std::pair<qint64, qint64>> expected[2]; // name -> count, total
    model::RunCaches runs[2];
    for (int i = 0; i < 2; ++i) {
        StreamBuilder b;
        for (const testing::TestSlice &s : testing::randomSlices(b, 2, 300 + 100 * i, 40 + i)) {
            auto &e =
                expected[i][QString::fromLatin1(testing::kNameText[s.name - testing::kFirstName])];
            ++e.first;
            e.second += s.dur;
        }
        b.result();
        const QString file = m_dir->filePath(QStringLiteral("run%1.tscache").arg(i));
        QVERIFY(testing::buildCache(b.bytes(), file));
        runs[i] = {QStringLiteral("run%1.json").arg(i), {file}, {}};
    }
    QVector<model::OperatorDelta> rows;
    QString error;
    QVERIFY2(model::compareRuns(runs[0], runs[1], &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), testing::kNames);
    for (const model::OperatorDelta &d : rows) {
        QCOMPARE(d.countBase, expected[0][d.name].first);
        QCOMPARE(d.totalBaseNs, expected[0][d.name].second);
        QCOMPARE(d.countNew, expected[1][d.name].first);
        QCOMPARE(d.totalNewNs, expected[1][d.name].second);
    }
    // A run that cannot be loaded is named, whichever side it is on.
    const model::RunCaches missing{
        QStringLiteral("gone.json"), {m_dir->filePath(QStringLiteral("gone.tscache"))}, {}};
    QVERIFY(!model::compareRuns(runs[0], missing, &rows, &error));
    QVERIFY2(error.startsWith(QLatin1String("gone.json: ")), qPrintable(error));
    QVERIFY(!model::compareRuns(missing, runs[1], &rows, &error));
    QVERIFY2(error.startsWith(QLatin1String("gone.json: ")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestOperatorStats)
#include "tst_operatorstats.moc"

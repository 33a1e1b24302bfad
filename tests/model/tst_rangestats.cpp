// Range statistics against a brute-force count over every slice of the chosen tracks, and the
// documented choice of full (unclipped) durations.
#include "cachebuilder.h"
#include "timeline/rangestats.h"
#include "timeline/timelinedata.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::StreamBuilder;

class TestRangeStats : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void fullDurations();
    void matchesBruteForce_data();
    void matchesBruteForce();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRangeStats::fullDurations()
{
    StreamBuilder b;
    b.basics().add(rec::StringRec{4, "k"});
    b.slice(0, 100).slice(10, 20).add(rec::SliceRec{1, 200, 30, 4, 0, {}});
    b.add(rec::SliceRec{1, 300, 0, 4, 0, {}}).result();
    const QString file = m_dir->filePath(QStringLiteral("f.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    // [50, 60) touches only the outer slice, but all 100 ns of it count.
    QVector<model::NameStats> s = model::rangeStats(data, {0}, 50, 60);
    QCOMPARE(s.size(), 1);
    QCOMPARE(s[0].name, QStringLiteral("s"));
    QCOMPARE(s[0].count, qint64(1));
    QCOMPARE(s[0].totalNs, qint64(100));
    QCOMPARE(s[0].maxNs, qint64(100));
    QCOMPARE(s[0].meanNs, 100.0);
    // [0, 301): both names, longest total first; the zero-length k at 300 is inside.
    s = model::rangeStats(data, {0, 0}, 0, 301); // a track listed twice counts once
    QCOMPARE(s.size(), 2);
    QCOMPARE(s[0].name, QStringLiteral("s"));
    QCOMPARE(s[0].count, qint64(2));
    QCOMPARE(s[0].totalNs, qint64(120));
    QCOMPARE(s[0].meanNs, 60.0);
    QCOMPARE(s[1].name, QStringLiteral("k"));
    QCOMPARE(s[1].count, qint64(2));
    QCOMPARE(s[1].maxNs, qint64(30));
    // Half-open: a slice ending at t0 or starting at t1 is out.
    QVERIFY(model::rangeStats(data, {0}, 100, 200).isEmpty());
    QVERIFY(model::rangeStats(data, {}, 0, 1000).isEmpty());
    QVERIFY(model::rangeStats(data, {5, -1}, 0, 1000).isEmpty());
}

void TestRangeStats::matchesBruteForce_data()
{
    QTest::addColumn<QVector<int>>("tracks");
    QTest::newRow("one track") << QVector<int>{1};
    QTest::newRow("two of four") << QVector<int>{0, 3};
    QTest::newRow("all") << QVector<int>{0, 1, 2, 3};
}

void TestRangeStats::matchesBruteForce()
{
    QFETCH(QVector<int>, tracks);
    StreamBuilder b;
    testing::randomSlices(b, 4, 300, 17);
    b.result();
    const QString file = m_dir->filePath(QStringLiteral("r.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    QRandomGenerator rng(4);
    const int64_t span = data.end() - data.start();
    for (int round = 0; round < 100; ++round) {
        const int64_t t0 = data.start() + rng.bounded(int(span));
        const int64_t t1 = t0 + 1 + rng.bounded(int(span / 5));
        struct Sum
        {
            qint64 count = 0, total = 0, max = 0;
        };
        std::map<QString, Sum> expected;
        for (int t : tracks)
            for (const auto &depth : data.tracks()[size_t(t)].depths)
                for (const model::TimelineSlice &s : depth) {
                    const bool in =
                        s.dur == 0 ? (s.ts >= t0 && s.ts < t1) : (s.ts < t1 && s.ts + s.dur > t0);
                    if (!in)
                        continue;
                    Sum &e = expected[data.name(s.name)];
                    ++e.count;
                    e.total += s.dur;
                    e.max = std::max<qint64>(e.max, s.dur);
                }
        const QVector<model::NameStats> got = model::rangeStats(data, tracks, t0, t1);
        QCOMPARE(size_t(got.size()), expected.size());
        for (int i = 0; i < got.size(); ++i) {
            const model::NameStats &g = got[i];
            QVERIFY(expected.count(g.name));
            const Sum &e = expected[g.name];
            QCOMPARE(g.count, e.count);
            QCOMPARE(g.totalNs, e.total);
            QCOMPARE(g.maxNs, e.max);
            QCOMPARE(g.meanNs, double(e.total) / double(e.count));
            if (i > 0)
                QVERIFY(got[i - 1].totalNs >= g.totalNs);
        }
    }
}

QTEST_GUILESS_MAIN(TestRangeStats)
#include "tst_rangestats.moc"

// Slice details over caches written by the real CacheWriter: self time of nested slices (fixed
// cases and every slice of a random trace against the parent_id column), args, flows in and out.
// (Search: tst_slicesearch.)
#include "cache/cachereader.h"
#include "cachebuilder.h"
#include "timeline/slicedetails.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

qint64 idOf(const model::CacheReader &r, qint64 ts, qint64 dur)
{
    model::Statement s(r.database(), "SELECT id FROM slice WHERE ts = ? AND dur = ?");
    s.bind(1, int64_t(ts)).bind(2, int64_t(dur));
    return s.step() ? s.int64(0) : -1;
}

} // namespace

class TestSliceDetails : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void selfTime_data();
    void selfTime();
    void selfTimeMatchesParents();
    void argsAndFlows();

private:
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSliceDetails::selfTime_data()
{
    // outer [0,100): a [10,20), b [30,60) holding c [40,50); late [200,210); zero [300,300)
    // on track 1; other [5,95) on track 2, which must not count as a child of outer.
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<qint64>("dur");
    QTest::addColumn<qint64>("self");
    QTest::newRow("outer: direct children only") << qint64(0) << qint64(100) << qint64(60);
    QTest::newRow("leaf") << qint64(10) << qint64(10) << qint64(10);
    QTest::newRow("middle") << qint64(30) << qint64(30) << qint64(20);
    QTest::newRow("grandchild") << qint64(40) << qint64(10) << qint64(10);
    QTest::newRow("after the tree") << qint64(200) << qint64(10) << qint64(10);
    QTest::newRow("zero length") << qint64(300) << qint64(0) << qint64(0);
    QTest::newRow("other track") << qint64(5) << qint64(90) << qint64(90);
}

void TestSliceDetails::selfTime()
{
    QFETCH(qint64, ts);
    QFETCH(qint64, dur);
    QFETCH(qint64, self);
    StreamBuilder b;
    b.basics().add(rec::ThreadRec{2, 1, 8, 2, 1});
    b.add(rec::TrackRec{2, rec::TrackKind::Thread, 0, 1, 2, 0});
    b.slice(40, 10).slice(200, 10).slice(5, 90, 2).slice(0, 100).slice(30, 30).slice(10, 10);
    b.slice(300, 0).result();
    const QString file = path("s.tscache");
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::CacheReader r;
    QVERIFY(r.open(file, nullptr));
    const model::SliceDetails d = model::loadSliceDetails(r, idOf(r, ts, dur));
    QVERIFY(d.valid);
    QCOMPARE(d.ts, ts);
    QCOMPARE(d.dur, dur);
    QCOMPARE(d.selfTime, self);
    QCOMPARE(d.name, QStringLiteral("s"));
    QCOMPARE(d.trackName, QStringLiteral("t"));
    QVERIFY(!model::loadSliceDetails(r, 999).valid);
}

void TestSliceDetails::selfTimeMatchesParents()
{
    // Random traces, good and badly nested: the self time of every slice must equal its
    // duration minus the durations of the slices whose parent_id names it.
    StreamBuilder b;
    testing::randomSlices(b, 3, 400, 21);
    b.result();
    const QString file = path("r.tscache");
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::CacheReader r;
    QVERIFY(r.open(file, nullptr));
    std::map<qint64, qint64> children;
    std::map<qint64, qint64> durs;
    model::Statement s(r.database(), "SELECT id, dur, coalesce(parent_id, 0) FROM slice");
    while (s.step()) {
        durs[s.int64(0)] = s.int64(1);
        children[s.int64(2)] += s.int64(1);
    }
    QCOMPARE(durs.size(), size_t(1200));
    int withChildren = 0;
    for (const auto &[id, dur] : durs) {
        const model::SliceDetails d = model::loadSliceDetails(r, id);
        const qint64 expected = dur - (children.count(id) ? children[id] : 0);
        if (d.selfTime != expected)
            QFAIL(qPrintable(QStringLiteral("slice %1: self %2, expected %3")
                                 .arg(id)
                                 .arg(d.selfTime)
                                 .arg(expected)));
        withChildren += children.count(id) ? 1 : 0;
    }
    QVERIFY(withChildren > 100);
}

void TestSliceDetails::argsAndFlows()
{
    StreamBuilder b;
    b.basics().add(rec::ThreadRec{2, 1, 8, 2, 1});
    b.add(rec::TrackRec{2, rec::TrackKind::Thread, 0, 1, 2, 0});
    b.add(rec::SliceRec{1, 0, 50, 3, 0, R"({"External id":7,"shape":[[2,3]],"op":"mm"})"}); // 0
    b.slice(100, 20, 2).slice(10, 5, 2);                                                    // 1, 2
    b.add(
        rec::FlowRec{{rec::FlowBind::Sequence, 0, 0, 0}, {rec::FlowBind::Sequence, 0, 0, 1}, 0, 0});
    b.add(
        rec::FlowRec{{rec::FlowBind::Sequence, 0, 0, 2}, {rec::FlowBind::Sequence, 0, 0, 0}, 0, 0});
    b.result();
    const QString file = path("f.tscache");
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::CacheReader r;
    QVERIFY(r.open(file, nullptr));
    const qint64 launch = idOf(r, 0, 50), kernel = idOf(r, 100, 20), early = idOf(r, 10, 5);
    const model::SliceDetails d = model::loadSliceDetails(r, launch);
    QCOMPARE(d.args.size(), 3);
    QCOMPARE(d.args[0], qMakePair(QStringLiteral("External id"), QStringLiteral("7")));
    QCOMPARE(d.args[1], qMakePair(QStringLiteral("op"), QStringLiteral("mm")));
    QCOMPARE(d.args[2], qMakePair(QStringLiteral("shape"), QStringLiteral("[[2,3]]")));
    QCOMPARE(d.flows.size(), 2);
    int out = 0, in = 0;
    for (const model::FlowEnd &f : d.flows) {
        if (f.outgoing) {
            ++out;
            QCOMPARE(f.sliceId, kernel);
            QCOMPARE(f.trackId, qint64(2));
            QCOMPARE(f.ts, qint64(100));
            QCOMPARE(f.depth, 0);
        } else {
            ++in;
            QCOMPARE(f.sliceId, early);
        }
    }
    QCOMPARE(out, 1);
    QCOMPARE(in, 1);
    const model::SliceDetails k = model::loadSliceDetails(r, kernel);
    QCOMPARE(k.flows.size(), 1);
    QVERIFY(!k.flows[0].outgoing);
    QCOMPARE(k.flows[0].sliceId, launch);
    QVERIFY(k.args.isEmpty());
}

QTEST_GUILESS_MAIN(TestSliceDetails)
#include "tst_slicedetails.moc"

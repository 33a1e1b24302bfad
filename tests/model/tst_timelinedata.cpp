// TimelineData over caches written by the real CacheWriter: every slice loaded as the slice
// table has it (offset applied), level of detail that never drops a slice, exact window queries,
// sliceAt / find, several caches merged, and damaged packs refused.
#include "cache/cachereader.h"
#include "cachebuilder.h"
#include "timeline/timelinedata.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

struct DbSlice
{
    qint64 id, track, depth, ts, dur;
    QString name;
};

std::vector<DbSlice> dbSlices(const QString &file)
{
    model::CacheReader r;
    std::vector<DbSlice> rows;
    if (!r.open(file, nullptr))
        return rows;
    model::Statement s(r.database(), "SELECT s.id, s.track_id, s.depth, s.ts, s.dur, n.str "
                                     "FROM slice s JOIN string n ON n.id = s.name_id");
    while (s.step())
        rows.push_back({s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4), s.text(5)});
    return rows;
}

// The overlap rule, written independently of the code under test: a slice overlaps [t0, t1)
// when it shares time with it; a zero-length slice when its instant lies inside.
bool overlapsWindow(int64_t ts, int64_t dur, int64_t t0, int64_t t1)
{
    return dur == 0 ? (ts >= t0 && ts < t1) : (ts < t1 && ts + dur > t0);
}

void sqlOn(const QString &file, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(file).constData(), &db), SQLITE_OK);
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
    const QString text = QString::fromUtf8(message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(text));
}

// SQL that overwrites `len` bytes at byte `at` (0-based) of the largest pack of track 1.
QByteArray patchPack(int at, const QByteArray &hex, int len)
{
    return "UPDATE slice_pack SET data = CAST(substr(data, 1, " + QByteArray::number(at) +
           ") || X'" + hex + "' || substr(data, " + QByteArray::number(at + len + 1) +
           ") AS BLOB) WHERE rowid = (SELECT rowid FROM slice_pack WHERE track_id = 1 "
           "ORDER BY count DESC LIMIT 1)";
}

} // namespace

class TestTimelineData : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void loadsEverySlice_data();
    void loadsEverySlice();
    void levelOfDetailKeepsEverySlice_data();
    void levelOfDetailKeepsEverySlice();
    void overlappingIsExact();
    void sliceAt_data();
    void sliceAt();
    void findsCacheRows();
    void mergesCaches();
    void rankGroups();
    void damagedCacheIsAnError_data();
    void damagedCacheIsAnError();
    void onlySliceNamesAreRead();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    // A random cache (with base_time_ns = base when non-zero) at `file`.
    void makeRandom(const QString &file, int tracks, int perTrack, quint32 seed, qint64 base = 0)
    {
        StreamBuilder b;
        testing::randomSlices(b, tracks, perTrack, seed);
        if (base) {
            const uint32_t key = testing::kFirstName + testing::kNames; // the next string id
            b.add(rec::StringRec{key, "baseTimeNanoseconds"});
            b.add(rec::MetadataRec{key, std::to_string(base)});
        }
        b.result();
        QString error;
        QVERIFY2(testing::buildCache(b.bytes(), file, &error), qPrintable(error));
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTimelineData::loadsEverySlice_data()
{
    QTest::addColumn<int>("tracks");
    QTest::addColumn<int>("perTrack");
    QTest::addColumn<qint64>("base");
    QTest::newRow("one track") << 1 << 50 << qint64(0);
    QTest::newRow("several, offset") << 5 << 400 << qint64(1727743122000000000);
    QTest::newRow("negative offset") << 3 << 100 << qint64(-5000);
    // More than one 65536-slice chunk per (track, depth).
    QTest::newRow("multi-chunk") << 1 << 200000 << qint64(7);
}

void TestTimelineData::loadsEverySlice()
{
    QFETCH(int, tracks);
    QFETCH(int, perTrack);
    QFETCH(qint64, base);
    const QString file = path(QStringLiteral("a.tscache"));
    makeRandom(file, tracks, perTrack, 11, base);
    model::TimelineData data;
    QString error;
    QVERIFY2(data.load({file}, &error), qPrintable(error));
    QCOMPARE(data.sliceCount(), uint64_t(tracks) * uint64_t(perTrack));
    QCOMPARE(data.timeOffset(0), base);

    const std::vector<DbSlice> rows = dbSlices(file);
    QCOMPARE(rows.size(), size_t(data.sliceCount()));
    std::map<qint64, const DbSlice *> byId;
    for (const DbSlice &r : rows)
        byId[r.id] = &r;
    int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::lowest();
    size_t seen = 0;
    for (int t = 0; t < int(data.tracks().size()); ++t) {
        const model::TimelineTrack &track = data.tracks()[size_t(t)];
        QCOMPARE(data.trackIndex(0, track.trackId), t);
        for (size_t d = 0; d < track.depths.size(); ++d) {
            const auto &v = track.depths[d];
            QVERIFY(!v.empty());
            for (size_t i = 0; i < v.size(); ++i) {
                const model::TimelineSlice &s = v[i];
                const DbSlice *r = byId.at(s.rowId);
                QCOMPARE(r->track, track.trackId);
                QCOMPARE(r->depth, qint64(d));
                QCOMPARE(s.ts, r->ts + base);
                QCOMPARE(s.dur, r->dur);
                QCOMPARE(data.name(s.name), r->name);
                QVERIFY(s.dur <= track.maxDur);
                if (i > 0)
                    QVERIFY2(v[i - 1].end() <= s.ts, "one depth: sorted, no overlap");
                lo = std::min(lo, s.ts);
                hi = std::max(hi, s.end());
                ++seen;
            }
        }
    }
    QCOMPARE(seen, rows.size());
    QCOMPARE(data.start(), lo);
    QCOMPARE(data.end(), hi);
}

void TestTimelineData::levelOfDetailKeepsEverySlice_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qint64>("mergeNs");
    QTest::newRow("no merging") << 1u << qint64(1);
    QTest::newRow("fine") << 2u << qint64(7);
    QTest::newRow("medium") << 3u << qint64(120);
    QTest::newRow("coarse") << 4u << qint64(5000);
    QTest::newRow("everything in one") << 5u << qint64(1000000);
}

void TestTimelineData::levelOfDetailKeepsEverySlice()
{
    QFETCH(quint32, seed);
    QFETCH(qint64, mergeNs);
    const QString file = path(QStringLiteral("lod.tscache"));
    makeRandom(file, 3, 600, seed);
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    QRandomGenerator rng(seed);
    const int64_t span = data.end() - data.start();
    for (int round = 0; round < 300; ++round) {
        const int64_t t0 = data.start() - 100 + rng.bounded(int(span + 200));
        const int64_t t1 = t0 + 1 + rng.bounded(int(span / (1 + rng.bounded(20)) + 1));
        // Merge widths from sub-nanosecond to wider than the window, around the row's value.
        const int64_t merge = std::max<int64_t>(1, mergeNs * (1 + rng.bounded(4)) / 2);
        for (int t = 0; t < int(data.tracks().size()); ++t) {
            const auto &track = data.tracks()[size_t(t)];
            for (int d = 0; d < int(track.depths.size()); ++d) {
                const auto &v = track.depths[size_t(d)];
                const auto blocks = data.visibleBlocks(t, d, t0, t1, merge);
                std::vector<int> coveredBy(v.size(), 0);
                for (size_t b = 0; b < blocks.size(); ++b) {
                    const model::TimelineBlock &k = blocks[b];
                    QVERIFY(k.count >= 1);
                    QVERIFY(size_t(k.index) + k.count <= v.size());
                    QVERIFY(k.longest >= k.index && k.longest < k.index + k.count);
                    QVERIFY(k.start <= k.end);
                    if (b > 0)
                        QVERIFY2(blocks[b - 1].end <= k.start, "sorted, not overlapping");
                    if (k.count == 1) {
                        QCOMPARE(k.start, v[k.index].ts);
                        QCOMPARE(k.end, v[k.index].end());
                    }
                    for (uint32_t i = k.index; i < k.index + k.count; ++i) {
                        ++coveredBy[i];
                        QVERIFY(v[i].ts >= k.start && v[i].end() <= k.end);
                    }
                    QVERIFY2(overlapsWindow(v[k.index].ts, v[k.index].dur, t0, t1),
                             "a block starts with a visible slice");
                }
                for (size_t i = 0; i < v.size(); ++i) {
                    if (overlapsWindow(v[i].ts, v[i].dur, t0, t1) && coveredBy[i] != 1)
                        QFAIL(qPrintable(QStringLiteral("slice %1 of [%2, %3) in %4 blocks "
                                                        "(merge %5)")
                                             .arg(v[i].rowId)
                                             .arg(t0)
                                             .arg(t1)
                                             .arg(coveredBy[i])
                                             .arg(merge)));
                }
            }
        }
    }
}

void TestTimelineData::overlappingIsExact()
{
    const QString file = path(QStringLiteral("o.tscache"));
    makeRandom(file, 2, 800, 99);
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    QRandomGenerator rng(7);
    const int64_t span = data.end() - data.start();
    int nonEmpty = 0;
    for (int round = 0; round < 500; ++round) {
        const int64_t t0 = data.start() - 50 + rng.bounded(int(span + 100));
        const int64_t t1 = t0 + rng.bounded(int(span / 10 + 2)); // t1 == t0: an empty window
        for (int t = 0; t < int(data.tracks().size()); ++t) {
            const auto &track = data.tracks()[size_t(t)];
            for (int d = 0; d < int(track.depths.size()); ++d) {
                std::vector<uint32_t> expected;
                const auto &v = track.depths[size_t(d)];
                for (uint32_t i = 0; i < v.size(); ++i)
                    if (overlapsWindow(v[i].ts, v[i].dur, t0, t1))
                        expected.push_back(i);
                QCOMPARE(data.overlapping(t, d, t0, t1), expected);
                nonEmpty += !expected.empty();
            }
        }
    }
    QVERIFY(nonEmpty > 100); // the windows did hit slices
    const int depths = int(data.tracks()[0].depths.size());
    QVERIFY(data.overlapping(0, depths, data.start(), data.end()).empty());
    QVERIFY(data.overlapping(0, -1, data.start(), data.end()).empty());
}

void TestTimelineData::sliceAt_data()
{
    // Track: depth 0 A [0,100] B [104,200] Z [300,300]; depth 1 C [10,20] (inside A).
    QTest::addColumn<qint64>("t");
    QTest::addColumn<qint64>("tolerance");
    QTest::addColumn<int>("depth");
    QTest::addColumn<qint64>("ts"); // of the expected slice, -1: none
    QTest::newRow("inside the child") << qint64(15) << qint64(0) << 1 << qint64(10);
    QTest::newRow("child's start") << qint64(10) << qint64(0) << 1 << qint64(10);
    QTest::newRow("child's end") << qint64(20) << qint64(0) << 1 << qint64(10);
    QTest::newRow("near the child: deepest wins") << qint64(22) << qint64(3) << 1 << qint64(10);
    QTest::newRow("parent only") << qint64(50) << qint64(3) << 0 << qint64(0);
    QTest::newRow("parent's end") << qint64(100) << qint64(0) << 0 << qint64(0);
    QTest::newRow("inside B, A within tolerance") << qint64(105) << qint64(5) << 0 << qint64(104);
    QTest::newRow("B's start, A within tolerance") << qint64(104) << qint64(4) << 0 << qint64(104);
    QTest::newRow("gap, no tolerance") << qint64(102) << qint64(0) << -1 << qint64(-1);
    QTest::newRow("gap, nearer A") << qint64(101) << qint64(5) << 0 << qint64(0);
    QTest::newRow("gap, nearer B") << qint64(103) << qint64(5) << 0 << qint64(104);
    QTest::newRow("gap, tie: the earlier") << qint64(102) << qint64(5) << 0 << qint64(0);
    QTest::newRow("zero-length exactly") << qint64(300) << qint64(0) << 0 << qint64(300);
    QTest::newRow("zero-length near") << qint64(298) << qint64(2) << 0 << qint64(300);
    QTest::newRow("beyond tolerance") << qint64(290) << qint64(5) << -1 << qint64(-1);
    QTest::newRow("before everything") << qint64(-3) << qint64(2) << -1 << qint64(-1);
    QTest::newRow("before, within") << qint64(-3) << qint64(3) << 0 << qint64(0);
    QTest::newRow("negative tolerance") << qint64(101) << qint64(-5) << -1 << qint64(-1);
}

void TestTimelineData::sliceAt()
{
    QFETCH(qint64, t);
    QFETCH(qint64, tolerance);
    QFETCH(int, depth);
    QFETCH(qint64, ts);
    StreamBuilder b;
    b.basics().slice(104, 96).slice(0, 100).slice(10, 10).slice(300, 0).result();
    const QString file = path(QStringLiteral("at.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    QCOMPARE(data.tracks()[0].depths.size(), size_t(2));
    int gotDepth = -1;
    const int index = data.sliceAt(0, t, tolerance, &gotDepth);
    if (ts < 0) {
        QCOMPARE(index, -1);
        return;
    }
    QVERIFY(index >= 0);
    QCOMPARE(gotDepth, depth);
    QCOMPARE(data.tracks()[0].depths[size_t(depth)][size_t(index)].ts, ts);
}

void TestTimelineData::findsCacheRows()
{
    const QString file = path(QStringLiteral("f.tscache"));
    const qint64 base = 1000000;
    makeRandom(file, 3, 300, 5, base);
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    const std::vector<DbSlice> rows = dbSlices(file);
    for (const DbSlice &r : rows) {
        const model::SliceRef ref = data.find(0, r.track, int(r.depth), r.ts, r.id);
        QVERIFY(ref.isValid());
        QCOMPARE(data.slice(ref).rowId, uint32_t(r.id));
        QCOMPARE(data.slice(ref).ts, r.ts + base);
        QCOMPARE(ref.track, data.trackIndex(0, r.track));
        QCOMPARE(ref.depth, int(r.depth));
        QCOMPARE(data.find(0, r.track, -1, r.ts, r.id), ref); // depth unknown (a flow end)
    }
    const DbSlice &r = rows.front();
    QVERIFY(!data.find(0, r.track, int(r.depth), r.ts + base, r.id).isValid()); // offset twice
    QVERIFY(!data.find(0, r.track, int(r.depth), r.ts, r.id + 100000).isValid());
    QVERIFY(!data.find(0, r.track, int(r.depth) + 50, r.ts, r.id).isValid());
    QVERIFY(!data.find(1, r.track, int(r.depth), r.ts, r.id).isValid());
    QVERIFY(!data.find(0, 999, int(r.depth), r.ts, r.id).isValid());
    QCOMPARE(data.trackIndex(0, 999), -1);
    QCOMPARE(data.trackIndex(1, r.track), -1);
}

void TestTimelineData::mergesCaches()
{
    // Two ranks whose string tables differ: names must resolve through each cache's own table.
    StreamBuilder a;
    a.basics().add(rec::StringRec{4, "only in a"}).slice(0, 10);
    a.add(rec::SliceRec{1, 20, 5, 4, 0, {}}).result();
    StreamBuilder b;
    b.add(rec::StringRec{1, "kernel b"}).add(rec::StringRec{2, "p"}).add(rec::StringRec{3, "s"});
    b.add(rec::ProcessRec{1, 200, 2, 0, 0, 1});
    b.add(rec::ThreadRec{1, 1, 9, 0, 0});
    b.add(rec::TrackRec{1, rec::TrackKind::Thread, 0, 1, 1, 0});
    b.add(rec::SliceRec{1, 3, 4, 1, 0, {}}).add(rec::SliceRec{1, 8, 1, 3, 0, {}});
    b.add(rec::StringRec{4, "baseTimeNanoseconds"}).add(rec::MetadataRec{4, "1000"});
    b.result();
    const QString fa = path(QStringLiteral("a.tscache")), fb = path(QStringLiteral("b.tscache"));
    QVERIFY(testing::buildCache(a.bytes(), fa));
    QVERIFY(testing::buildCache(b.bytes(), fb));
    const QString missing = path(QStringLiteral("missing.tscache"));
    model::TimelineData data;
    QString error;
    QVERIFY2(data.load({fa, missing, fb}, &error), qPrintable(error));
    QCOMPARE(data.loadErrors().size(), 1);
    QCOMPARE(data.sliceCount(), uint64_t(4));
    QCOMPARE(data.groups().size(), 2);
    QCOMPARE(data.timeOffset(2), qint64(1000));
    const int ta = data.trackIndex(0, 1), tb = data.trackIndex(2, 1);
    QVERIFY(ta >= 0 && tb >= 0 && ta != tb);
    QCOMPARE(data.groups()[1].title, QStringLiteral("Rank 1 · p"));
    const auto &da = data.tracks()[size_t(ta)].depths[0];
    const auto &db = data.tracks()[size_t(tb)].depths[0];
    QCOMPARE(data.name(da[0].name), QStringLiteral("s"));
    QCOMPARE(data.name(da[1].name), QStringLiteral("only in a"));
    QCOMPARE(data.name(db[0].name), QStringLiteral("kernel b"));
    QCOMPARE(db[0].ts, qint64(1003));
    QCOMPARE(data.name(db[1].name), QStringLiteral("s"));
    QCOMPARE(db[1].name, da[0].name); // one name table
    QCOMPARE(data.start(), qint64(0));
    QCOMPARE(data.end(), qint64(1009));

    model::TimelineData none;
    QVERIFY(!none.load({missing}, &error));
    QVERIFY(!error.isEmpty());
}

// Ascend ranks: every cache with a title shows in one group of that title, caches of the same
// title share it, each track named after its layer (process name); untitled caches as before.
void TestTimelineData::rankGroups()
{
    const auto layered = [](const char *layer1, const char *layer2) {
        StreamBuilder b;
        b.add(rec::StringRec{1, layer1}).add(rec::StringRec{2, layer2});
        b.add(rec::StringRec{3, "Stream 2"}).add(rec::StringRec{4, "k"});
        b.add(rec::ProcessRec{1, 3170820512, 1, 0, 13, -1});
        b.add(rec::ProcessRec{2, 3096504, 2, 0, 0, -1});
        b.add(rec::ThreadRec{1, 1, 2, 3, 0}).add(rec::ThreadRec{2, 2, 7, 0, 0});
        b.add(rec::TrackRec{1, rec::TrackKind::Thread, 0, 1, 1, 0});
        b.add(rec::TrackRec{2, rec::TrackKind::Thread, 0, 2, 2, 0});
        b.add(rec::SliceRec{1, 5, 1, 4, 0, {}}).add(rec::SliceRec{2, 6, 1, 4, 0, {}});
        return b.result().bytes();
    };
    const QString r0 = path(QStringLiteral("r0.tscache")),
                  r0b = path(QStringLiteral("r0b.tscache"));
    const QString r1 = path(QStringLiteral("r1.tscache")),
                  other = path(QStringLiteral("o.tscache"));
    QVERIFY(testing::buildCache(layered("Ascend Hardware", "Python"), r0));
    QVERIFY(testing::buildCache(layered("HCCL", "CANN"), r0b)); // a second file of rank 0
    QVERIFY(testing::buildCache(layered("Ascend Hardware", "Python"), r1));
    QVERIFY(testing::buildCache(layered("GPU 0", "python3"), other));
    model::TimelineData data;
    QString error;
    QVERIFY2(data.load({r0, r1, r0b, other}, &error,
                       {QStringLiteral("Rank 0 · NPU 0"), QStringLiteral("Rank 1 · NPU 4"),
                        QStringLiteral("Rank 0 · NPU 0"), QString()}),
             qPrintable(error));
    QStringList titles;
    for (const model::TimelineGroup &g : data.groups())
        titles << g.title;
    QCOMPARE(titles, QStringList({"Rank 0 · NPU 0", "Rank 1 · NPU 4", "python3", "GPU 0"}));
    QStringList rank0;
    for (int t : data.groups()[0].tracks)
        rank0 << data.tracks()[size_t(t)].name;
    QCOMPARE(rank0, QStringList({"Python · tid 7", "Ascend Hardware · Stream 2", "CANN · tid 7",
                                 "HCCL · Stream 2"}));
}

void TestTimelineData::damagedCacheIsAnError_data()
{
    // Record 0 of the largest pack of track 1: ts at byte 0, dur 8, name 16, id 20.
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<QString>("expected"); // in the error text; empty: loads fine
    QTest::newRow("untouched (control)") << QByteArray("SELECT 1") << QString();
    QTest::newRow("negative dur") << patchPack(8, "FFFFFFFFFFFFFFFF", 8) << "time out of range";
    QTest::newRow("huge ts") << patchPack(0, "FFFFFFFFFFFFFF7F", 8) << "time out of range";
    QTest::newRow("unknown name") << patchPack(16, "FFFFFFFF", 4) << "unknown name id";
    QTest::newRow("name 0") << patchPack(16, "00000000", 4) << "unknown name id";
    QTest::newRow("id 0") << patchPack(20, "00000000", 4) << "out of range";
    QTest::newRow("id too big") << patchPack(20, "FFFFFF00", 4) << "out of range";
    // Record 0 starting at the end of time overlaps record 1.
    QTest::newRow("unsorted") << patchPack(0, "0000000000000010", 8) << "overlaps";
    QTest::newRow("count lies") << QByteArray("UPDATE slice_pack SET count = count + 1")
                                << "does not match";
    QTest::newRow("truncated blob")
        << QByteArray("UPDATE slice_pack SET data = substr(data, 1, 23)") << "does not match";
    QTest::newRow("text, not blob")
        << QByteArray("UPDATE slice_pack SET data = CAST(data AS TEXT)") << "does not match";
    QTest::newRow("chunk missing")
        << QByteArray("DELETE FROM slice_pack WHERE rowid = (SELECT max(rowid) FROM slice_pack)")
        << "slices packed";
    QTest::newRow("chunk out of order")
        << QByteArray("UPDATE slice_pack SET first_index = first_index + 1 WHERE depth = 0")
        << "expected";
    QTest::newRow("depth skipped")
        << QByteArray("UPDATE slice_pack SET depth = 200 WHERE depth = 1") << "skips";
    QTest::newRow("depth beyond every slice")
        << QByteArray("UPDATE slice_pack SET depth = 300 WHERE depth = 1") << "has depth";
    // The writer packs a deep level as soon as it is full, before the shallower ones.
    QTest::newRow("depths in reverse order (loads)")
        << QByteArray("UPDATE slice_pack SET rowid = -rowid") << QString();
    QTest::newRow("unknown track")
        << QByteArray("UPDATE slice_pack SET track_id = 42 WHERE track_id = 2") << "not a slice";
    QTest::newRow("zero count") << QByteArray("UPDATE slice_pack SET count = 0, data = X''")
                                << "chunk of 0";
    QTest::newRow("table gone") << QByteArray("DROP TABLE slice_pack") << "tables are missing";
    QTest::newRow("a slice's name not in the string table")
        << QByteArray("UPDATE string SET id = (SELECT max(id) + 1 FROM string) WHERE str = "
                      "'alpha'")
        << "not there";
    QTest::newRow("a string id beyond what the file could hold")
        << QByteArray("UPDATE string SET id = 1099511627776 WHERE str = 'alpha'")
        << "string ids out of range";
    QTest::newRow("offset out of range")
        << QByteArray("UPDATE meta SET value = '9223372036854775807' WHERE key = 'base_time_ns'")
        << "base_time_ns";
    QTest::newRow("offset not a number")
        << QByteArray("UPDATE meta SET value = 'soon' WHERE key = 'base_time_ns'")
        << "base_time_ns";
    QTest::newRow("offset overflows a slice")
        << QByteArray(
               "UPDATE meta SET value = '4611686018427387904' WHERE key = 'base_time_ns'; ") +
               patchPack(0, "0000000000000040", 8)
        << "time out of range";
}

void TestTimelineData::damagedCacheIsAnError()
{
    QFETCH(QByteArray, sql);
    QFETCH(QString, expected);
    const QString file = path(QStringLiteral("d.tscache"));
    makeRandom(file, 2, 150, 3, 10);
    sqlOn(file, sql);
    model::TimelineData data;
    QString error;
    const bool loaded = data.load({file}, &error);
    if (expected.isEmpty()) {
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(data.sliceCount(), uint64_t(300));
        return;
    }
    QVERIFY(!loaded);
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(data.tracks().empty());
}

void TestTimelineData::onlySliceNamesAreRead()
{
    // A cache's string table holds argument keys, categories and flow names too (an Ascend rank:
    // one per flow): the timeline's name table holds only the names its slices use, each slice
    // still named as before — both when the used names are read one by one and in one pass.
    for (const int unused : {20, 50000}) {
        const QString plain = path(QStringLiteral("plain%1.tscache").arg(unused));
        const QString padded = path(QStringLiteral("padded%1.tscache").arg(unused));
        makeRandom(plain, 2, 150, 3);
        makeRandom(padded, 2, 150, 3);
        sqlOn(padded, QByteArray("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                 "WHERE i < ") +
                          QByteArray::number(unused) +
                          ") INSERT INTO string(str) SELECT 'unused ' || i FROM n");
        model::TimelineData a, b;
        QString error;
        QVERIFY2(a.load({plain}, &error), qPrintable(error));
        QVERIFY2(b.load({padded}, &error), qPrintable(error));
        QCOMPARE(b.names().size(), a.names().size());
        QVERIFY(b.names().size() <= testing::kNames + 1);
        QCOMPARE(b.sliceCount(), a.sliceCount());
        for (size_t t = 0; t < a.tracks().size(); ++t)
            for (size_t d = 0; d < a.tracks()[t].depths.size(); ++d)
                for (size_t i = 0; i < a.tracks()[t].depths[d].size(); ++i)
                    QCOMPARE(b.name(b.tracks()[t].depths[d][i].name),
                             a.name(a.tracks()[t].depths[d][i].name));
    }
}

QTEST_GUILESS_MAIN(TestTimelineData)
#include "tst_timelinedata.moc"

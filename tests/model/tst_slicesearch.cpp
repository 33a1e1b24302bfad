// Slice search over loaded TimelineData, against what the cache's SQL used to answer: for every
// text, the slices found are exactly those whose name is `LIKE '%text%' ESCAPE '\'` in their
// cache's slice table (a full scan — the oracle needs no index), over a fixed cache and over a
// folder of two random caches whose string ids differ. The answer is ordered by time (ties by
// track, depth, index), and a limit keeps a prefix of it. A cache that still carries the old
// name index keeps loading and searching.
#include "cache/cachereader.h"
#include "cachebuilder.h"
#include "timeline/slicesearch.h"
#include "timeline/timelinedata.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>
#include <utility>

using namespace ts;
using model::SliceRef;
using model::TimelineData;
using ts::testing::StreamBuilder;

namespace {

using SliceKey = std::pair<int, qint64>; // (cache index, slice.id)

// The old search's matches, from the slice tables themselves: `%`, `_` and `\` escaped, so LIKE
// takes them literally; SQLite's LIKE ignores the case of ASCII letters only.
std::set<SliceKey> likeMatches(const QStringList &caches, const QString &text)
{
    QString pattern = text;
    pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    const std::string like = (QLatin1Char('%') + pattern + QLatin1Char('%')).toStdString();
    std::set<SliceKey> out;
    for (int c = 0; c < caches.size(); ++c) {
        model::CacheReader r;
        if (!r.open(caches[c], nullptr))
            return {};
        model::Statement s(r.database(), "SELECT s.id FROM slice s JOIN string n "
                                         "ON n.id = s.name_id WHERE n.str LIKE ? ESCAPE '\\'");
        s.bind(1, like);
        while (s.step())
            out.insert({c, s.int64(0)});
    }
    return out;
}

std::set<SliceKey> keysOf(const TimelineData &data, const QList<SliceRef> &refs)
{
    std::set<SliceKey> out;
    for (const SliceRef &ref : refs)
        out.insert({data.tracks()[size_t(ref.track)].cacheIndex, data.slice(ref).rowId});
    return out;
}

// Empty when the search found exactly what LIKE did; else what it missed or added.
QString difference(const std::set<SliceKey> &like, const std::set<SliceKey> &found)
{
    std::vector<SliceKey> missed, extra;
    std::set_difference(like.begin(), like.end(), found.begin(), found.end(),
                        std::back_inserter(missed));
    std::set_difference(found.begin(), found.end(), like.begin(), like.end(),
                        std::back_inserter(extra));
    if (missed.empty() && extra.empty())
        return {};
    const SliceKey first = missed.empty() ? extra.front() : missed.front();
    return QStringLiteral("%1 missed, %2 found that LIKE does not (first: cache %3, slice %4)")
        .arg(missed.size())
        .arg(extra.size())
        .arg(first.first)
        .arg(first.second);
}

// Empty when every hit comes strictly after the one before it in (ts, track, depth, index).
QString orderProblem(const TimelineData &data, const QList<SliceRef> &refs)
{
    auto key = [&](const SliceRef &r) {
        return std::make_tuple(data.slice(r).ts, r.track, r.depth, r.index);
    };
    for (qsizetype i = 1; i < refs.size(); ++i) {
        if (!(key(refs[i - 1]) < key(refs[i])))
            return QStringLiteral("hit %1 (ts %2) does not follow hit %3 (ts %4)")
                .arg(i)
                .arg(data.slice(refs[i]).ts)
                .arg(i - 1)
                .arg(data.slice(refs[i - 1]).ts);
    }
    return {};
}

} // namespace

class TestSliceSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fixedNames_data();
    void fixedNames();
    void agreesWithLikeOverAFolder_data();
    void agreesWithLikeOverAFolder();
    void limitKeepsTheEarliest_data();
    void limitKeepsTheEarliest();
    void limitAcrossTracks_data();
    void limitAcrossTracks();
    void cacheWithTheOldNameIndex();

private:
    QTemporaryDir m_dir;
    QStringList m_fixed;  // one cache, named slices in a row
    QStringList m_folder; // two random caches (ranks) with differently numbered names
    TimelineData m_fixedData, m_folderData;
};

void TestSliceSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;

    StreamBuilder fixed;
    fixed.basics();
    const char *names[] = {"aten::mm", "a%b", "a_b", "axb", "AllReduce", "x\\y", "Öl"};
    const int perName[] = {3, 1, 2, 1, 1, 1, 1};
    int64_t ts = 1000;
    for (uint32_t i = 0; i < std::size(names); ++i) {
        fixed.add(rec::StringRec{4 + i, names[i]});
        for (int k = 0; k < perName[i]; ++k, ts -= 10) // arrival order is not time order
            fixed.add(rec::SliceRec{1, ts, 5, 4 + i, 0, {}});
    }
    fixed.result();
    m_fixed << m_dir.filePath(QStringLiteral("fixed.tscache"));
    QVERIFY2(testing::buildCache(fixed.bytes(), m_fixed[0], &error), qPrintable(error));
    QVERIFY2(m_fixedData.load(m_fixed, &error), qPrintable(error));

    // The second rank numbers the shared names differently, so its slices reach the search
    // through TimelineData's merged name table, not their cache's string ids.
    StreamBuilder rank0, rank1;
    testing::randomSlices(rank0, 3, 400, 5,
                          {"alpha", "beta", "gamma", "delta", "ALPHA_beta", "x%y", "Öl"});
    testing::randomSlices(rank1, 2, 500, 6, {"Öl", "x%y", "xAy", "back\\slash", "GAMMA", "alpha"});
    rank0.result();
    rank1.result();
    m_folder << m_dir.filePath(QStringLiteral("rank0.tscache"))
             << m_dir.filePath(QStringLiteral("rank1.tscache"));
    QVERIFY2(testing::buildCache(rank0.bytes(), m_folder[0], &error), qPrintable(error));
    QVERIFY2(testing::buildCache(rank1.bytes(), m_folder[1], &error), qPrintable(error));
    QVERIFY2(m_folderData.load(m_folder, &error), qPrintable(error));
    QCOMPARE(m_folderData.sliceCount(), quint64(2200));
}

void TestSliceSearch::fixedNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("hits");
    // Slices per name: "aten::mm" 3, "a%b" 1, "a_b" 2, "axb" 1, "AllReduce" 1, "x\y" 1, "Öl" 1
    QTest::newRow("plain") << "mm" << 3;
    QTest::newRow("case-insensitive") << "ALLREDUCE" << 1;
    QTest::newRow("upper finds lower") << "ATEN::MM" << 3;
    QTest::newRow("percent is literal") << "%" << 1;
    QTest::newRow("underscore is literal") << "a_b" << 2;
    QTest::newRow("lone underscore") << "_" << 2;
    QTest::newRow("percent inside") << "a%b" << 1;
    QTest::newRow("backslash") << "x\\y" << 1;
    QTest::newRow("lone backslash") << "\\" << 1;
    QTest::newRow("a common letter") << "a" << 8;
    QTest::newRow("whole name") << "aten::mm" << 3;
    QTest::newRow("longer than any name") << "aten::mm aten::mm" << 0;
    QTest::newRow("non-ASCII exact") << "Öl" << 1;
    QTest::newRow("ASCII folded beside non-ASCII") << "ÖL" << 1;
    QTest::newRow("non-ASCII not folded, as LIKE") << "öl" << 0;
    QTest::newRow("nothing") << "zzz" << 0;
    QTest::newRow("empty text") << "" << 0;
}

void TestSliceSearch::fixedNames()
{
    QFETCH(QString, text);
    QFETCH(int, hits);
    const QList<SliceRef> found = model::searchSlices(m_fixedData, text);
    QCOMPARE(found.size(), hits);
    if (!text.isEmpty()) {
        const QString diff = difference(likeMatches(m_fixed, text), keysOf(m_fixedData, found));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
    const QString order = orderProblem(m_fixedData, found);
    QVERIFY2(order.isEmpty(), qPrintable(order));
}

void TestSliceSearch::agreesWithLikeOverAFolder_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("found"); // whether the oracle must find something (keeps it honest)
    QTest::newRow("a name in both ranks") << "alpha" << true;
    QTest::newRow("upper case") << "ALPHA" << true;
    QTest::newRow("mixed case") << "GaMmA" << true;
    QTest::newRow("underscore is literal") << "a_b" << true;
    QTest::newRow("lone underscore") << "_" << true;
    QTest::newRow("percent is literal") << "x%y" << true;
    QTest::newRow("lone percent") << "%" << true;
    QTest::newRow("backslash") << "k\\s" << true;
    QTest::newRow("non-ASCII") << "Ö" << true;
    QTest::newRow("non-ASCII lower case") << "ö" << false;
    QTest::newRow("a common letter") << "e" << true;
    QTest::newRow("also the thread's name") << "t" << true; // "t" names no slice; beta does
    QTest::newRow("nothing") << "qqq" << false;
}

void TestSliceSearch::agreesWithLikeOverAFolder()
{
    QFETCH(QString, text);
    QFETCH(bool, found);
    const std::set<SliceKey> expected = likeMatches(m_folder, text);
    QCOMPARE(!expected.empty(), found);
    const QList<SliceRef> hits = model::searchSlices(m_folderData, text);
    QCOMPARE(qsizetype(hits.size()), qsizetype(expected.size())); // no slice found twice
    const QString diff = difference(expected, keysOf(m_folderData, hits));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const QString order = orderProblem(m_folderData, hits);
    QVERIFY2(order.isEmpty(), qPrintable(order));
}

void TestSliceSearch::limitKeepsTheEarliest_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("relative"); // limit is added to the number of matches
    // "a" matches most of the 2200 slices, with many equal starts across depths, tracks and
    // ranks: small limits keep a few of well over a thousand.
    QTest::newRow("one") << "a" << 1 << false;
    QTest::newRow("a few") << "a" << 7 << false;
    QTest::newRow("a few hundred") << "a" << 300 << false;
    QTest::newRow("all but one") << "a" << -1 << true;
    QTest::newRow("exactly all") << "a" << 0 << true;
    QTest::newRow("one more than all") << "a" << 1 << true;
    QTest::newRow("the default") << "a" << model::kSearchLimit << false;
    QTest::newRow("a rarer name") << "x%y" << 5 << false;
}

void TestSliceSearch::limitKeepsTheEarliest()
{
    QFETCH(QString, text);
    QFETCH(int, limit);
    QFETCH(bool, relative);
    const QList<SliceRef> all = model::searchSlices(m_folderData, text, 1 << 30);
    QVERIFY(all.size() > 100);
    if (relative)
        limit += int(all.size());
    const QList<SliceRef> limited = model::searchSlices(m_folderData, text, limit);
    QCOMPARE(limited.size(), std::min(all.size(), qsizetype(limit)));
    QVERIFY2(limited == all.mid(0, limit), "the earliest matches, in order");
    QVERIFY(model::searchSlices(m_folderData, text, 0).isEmpty());
    QVERIFY(model::searchSlices(m_folderData, text, -1).isEmpty());
}

void TestSliceSearch::limitAcrossTracks_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<qint64>>("starts");
    // Track 1 holds "hit" at 0, 10, … 90; track 2 one at 10; track 3 one at 9. Track 1 is
    // walked first and fills the limit several times over, so the later tracks meet a cut-off
    // at 10 or below: the 9 of track 3 must still get in, and the 10 of track 2 must follow
    // the 10 of track 1.
    QTest::newRow("one") << 1 << QList<qint64>{0};
    QTest::newRow("two") << 2 << QList<qint64>{0, 9};
    QTest::newRow("three") << 3 << QList<qint64>{0, 9, 10};
    QTest::newRow("four") << 4 << QList<qint64>{0, 9, 10, 10};
    QTest::newRow("five") << 5 << QList<qint64>{0, 9, 10, 10, 20};
}

void TestSliceSearch::limitAcrossTracks()
{
    QFETCH(int, limit);
    QFETCH(QList<qint64>, starts);
    StreamBuilder b;
    b.basics().add(rec::StringRec{4, "hit"});
    for (uint32_t t = 2; t <= 3; ++t) {
        b.add(rec::ThreadRec{t, 1, 7 + t, 2, int64_t(t)});
        b.add(rec::TrackRec{t, rec::TrackKind::Thread, 0, 1, t, 0});
    }
    for (int64_t ts = 0; ts < 100; ts += 10)
        b.add(rec::SliceRec{1, ts, 5, 4, 0, {}});
    b.add(rec::SliceRec{2, 10, 5, 4, 0, {}}).add(rec::SliceRec{3, 9, 5, 4, 0, {}}).result();
    const QStringList file{m_dir.filePath(QStringLiteral("tracks.tscache"))};
    QString error;
    QVERIFY2(testing::buildCache(b.bytes(), file[0], &error), qPrintable(error));
    TimelineData data;
    QVERIFY2(data.load(file, &error), qPrintable(error));
    QCOMPARE(data.tracks().size(), size_t(3));
    for (int t = 0; t < 3; ++t)
        QCOMPARE(data.tracks()[size_t(t)].trackId, qint64(t + 1)); // the walk's order

    const QList<SliceRef> hits = model::searchSlices(data, QStringLiteral("hit"), limit);
    QList<qint64> found;
    for (const SliceRef &ref : hits)
        found << data.slice(ref).ts;
    QCOMPARE(found, starts);
    if (limit >= 4)
        QVERIFY2(hits[2].track < hits[3].track, "equal starts: the earlier track first");
}

void TestSliceSearch::cacheWithTheOldNameIndex()
{
    // Caches written before the search moved into memory carry slice_name; they open as ever.
    const QString file = m_dir.filePath(QStringLiteral("old.tscache"));
    QVERIFY(QFile::copy(m_fixed[0], file));
    auto nameIndexes = [&]() {
        model::CacheReader r;
        if (!r.open(file, nullptr))
            return int64_t(-1);
        model::Statement s(r.database(), "SELECT count(*) FROM sqlite_master WHERE type='index' "
                                         "AND name='slice_name'");
        return s.step() ? s.int64(0) : int64_t(-1);
    };
    QCOMPARE(nameIndexes(), int64_t(0)); // new caches are written without it
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(file.toUtf8().constData(), &db), SQLITE_OK);
    const int made =
        sqlite3_exec(db, "CREATE INDEX slice_name ON slice(name_id)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    QCOMPARE(made, SQLITE_OK);
    QCOMPARE(nameIndexes(), int64_t(1));
    TimelineData data;
    QString error;
    QVERIFY2(data.load({file}, &error), qPrintable(error));
    QCOMPARE(model::searchSlices(data, QStringLiteral("mm")).size(), 3);
}

QTEST_GUILESS_MAIN(TestSliceSearch)
#include "tst_slicesearch.moc"

// LifetimeIndex against brute force: random lifetimes of every shape (alive throughout, from
// before the first moment, never ending, empty or reversed), enough of them for many
// checkpoints, and every moment around every begin and end.
#include "memory/lifetimeindex.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using ts::model::LifetimeIndex;

class TestLifetimeIndex : public QObject
{
    Q_OBJECT
private slots:
    void empty();
    void againstBruteForce_data();
    void againstBruteForce();
};

void TestLifetimeIndex::empty()
{
    LifetimeIndex index;
    index.build({}, {});
    QVERIFY(index.aliveAt(0).empty());
    QVERIFY(index.aliveAt(-1).empty());
    index.build({5}, {5}); // empty lifetime
    QVERIFY(index.aliveAt(5).empty());
    index.build({3}, {LifetimeIndex::kForever});
    QVERIFY(index.aliveAt(2).empty());
    QCOMPARE(index.aliveAt(3), std::vector<uint32_t>{0});
    QCOMPARE(index.aliveAt(INT64_MAX - 1), std::vector<uint32_t>{0});
}

void TestLifetimeIndex::againstBruteForce_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("maxLength"); // long lifetimes keep many alive: wide checkpoints
    QTest::newRow("few") << 1u << 50 << 20;
    QTest::newRow("short lives, many checkpoints") << 2u << 40000 << 30;
    QTest::newRow("long lives") << 3u << 30000 << 20000;
}

void TestLifetimeIndex::againstBruteForce()
{
    QFETCH(quint32, seed);
    QFETCH(int, items);
    QFETCH(int, maxLength);
    QRandomGenerator rng(seed);
    std::vector<int64_t> begins, ends;
    for (int i = 0; i < items; ++i) {
        const int kind = rng.bounded(20);
        const int64_t begin = kind == 0 ? -1 : rng.bounded(items); // one seq per item, roughly
        int64_t end = begin + 1 + rng.bounded(maxLength);
        if (kind == 1)
            end = LifetimeIndex::kForever;
        else if (kind == 2)
            end = begin; // never alive
        else if (kind == 3)
            end = begin - 1 - rng.bounded(5); // reversed: never alive either
        begins.push_back(begin);
        ends.push_back(end);
    }
    LifetimeIndex index;
    index.build(begins, ends);
    QCOMPARE(index.size(), size_t(items));
    if (items > int(2 * LifetimeIndex::kMinSpacing))
        QVERIFY(index.checkpointCount() > 1);

    std::vector<int64_t> moments{-2, -1, 0, items, items + maxLength + 2};
    for (int i = 0; i < 300; ++i) {
        const size_t pick = rng.bounded(items);
        for (int64_t d : {-1, 0, 1}) {
            moments.push_back(begins[pick] + d);
            if (ends[pick] != LifetimeIndex::kForever)
                moments.push_back(ends[pick] + d);
        }
    }
    for (int64_t k : moments) {
        std::vector<uint32_t> got = index.aliveAt(k);
        std::sort(got.begin(), got.end());
        std::vector<uint32_t> want;
        for (int i = 0; i < items; ++i) {
            if (begins[size_t(i)] <= k && k < ends[size_t(i)])
                want.push_back(uint32_t(i));
        }
        if (got != want)
            QFAIL(qPrintable(QStringLiteral("at %1: %2 alive, brute force %3")
                                 .arg(k)
                                 .arg(got.size())
                                 .arg(want.size())));
    }
}

QTEST_GUILESS_MAIN(TestLifetimeIndex)
#include "tst_lifetimeindex.moc"

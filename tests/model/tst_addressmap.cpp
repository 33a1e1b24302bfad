// AddressMap against std::unordered_map under random inserts, finds and erases: addresses that
// collide in the table (the same high bits, as allocator addresses have), growth from tiny, and
// erases that must shift later members of a probe run back.
#include "memory/addressmap.h"

#include <QRandomGenerator>
#include <QTest>

#include <unordered_map>
#include <vector>

using ts::model::AddressMap;

class TestAddressMap : public QObject
{
    Q_OBJECT

private slots:
    void againstStdMap_data();
    void againstStdMap();
};

void TestAddressMap::againstStdMap_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("keys");     // distinct addresses drawn from
    QTest::addColumn<quint64>("base"); // the lowest of them
    QTest::addColumn<quint64>("step"); // their spacing
    QTest::addColumn<int>("expected"); // the constructor's size hint
    const quint64 heap = 0x7f0000000000ull;
    QTest::newRow("few keys, dense") << 1u << 40 << heap << quint64(1) << 0;
    QTest::newRow("allocator-like 512-byte alignment") << 2u << 5000 << heap << quint64(512) << 16;
    QTest::newRow("2 MiB apart") << 3u << 3000 << heap << quint64(2 << 20) << 4000;
    QTest::newRow("addresses at and above 2^63")
        << 4u << 2000 << quint64(0xFFFF800000000000ull) << quint64(1) << 0;
    QTest::newRow("address 0 among them") << 5u << 100 << quint64(0) << quint64(8) << 0;
}

void TestAddressMap::againstStdMap()
{
    QFETCH(quint32, seed);
    QFETCH(int, keys);
    QFETCH(quint64, base);
    QFETCH(quint64, step);
    QFETCH(int, expected);
    QRandomGenerator rng(seed);
    AddressMap map{static_cast<size_t>(expected)};
    std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> want;
    for (int i = 0; i < 60000; ++i) {
        const uint64_t key = base + step * uint64_t(rng.bounded(keys));
        const int op = rng.bounded(3);
        if (op == 0) {
            const uint32_t head = uint32_t(i), tail = uint32_t(i) + 1;
            map.insert(key, head, tail);
            want[key] = {head, tail};
        } else if (op == 1) {
            if (AddressMap::Slot *s = map.find(key))
                map.erase(s);
            want.erase(key);
        }
        // Every few steps, everything: what is there is found with its value, nothing else is.
        if (i % 997 == 0 || op == 2) {
            const uint64_t probe = base + step * uint64_t(rng.bounded(keys));
            const AddressMap::Slot *s = map.find(probe);
            const auto it = want.find(probe);
            QCOMPARE(s != nullptr, it != want.end());
            if (s) {
                QCOMPARE(s->head, it->second.first);
                QCOMPARE(s->tail, it->second.second);
            }
        }
        if (i % 4999 == 0) {
            QCOMPARE(map.size(), want.size());
            for (const auto &[k, v] : want) {
                const AddressMap::Slot *s = map.find(k);
                QVERIFY(s);
                QCOMPARE(s->head, v.first);
            }
        }
    }
    QCOMPARE(map.size(), want.size());
}

QTEST_GUILESS_MAIN(TestAddressMap)
#include "tst_addressmap.moc"

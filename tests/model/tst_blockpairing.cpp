// The msMemScope block rule (model/memscope/blockpairing.h), case by case.
#include "memscope/blockpairing.h"

#include <QTest>

#include <map>

using namespace ts::model;

namespace {

constexpr int32_t kNA = -1;

struct Outcome
{
    std::map<int64_t, int64_t> freedBy; // MALLOC event → FREE event (-1: leaked)
    std::vector<int64_t> orphans;
    PairingCounts counts;
};

PairingEvent ev(int64_t id, bool malloc, int64_t ts, int64_t pid, uint32_t type, uint64_t ptr,
                int32_t device, int64_t size = 0)
{
    return PairingEvent{id, malloc, ts, pid, type, ptr, device, size, 0};
}

Outcome run(const std::vector<PairingEvent> &events)
{
    Outcome out;
    BlockPairing pairing(
        [&out](const PairedBlock &b) {
            out.freedBy[b.alloc.event] = b.freeEvent;
            return true;
        },
        [&out](const PairingEvent &f) {
            out.orphans.push_back(f.event);
            return true;
        });
    for (const PairingEvent &e : events)
        pairing.add(e);
    pairing.finish();
    out.counts = pairing.counts();
    return out;
}

} // namespace

class TestBlockPairing : public QObject
{
    Q_OBJECT

private slots:
    void freeWithoutMalloc()
    {
        const Outcome o = run({ev(1, false, 10, 7, 1, 0x10, 0), ev(2, true, 20, 7, 1, 0x10, 0)});
        QCOMPARE(o.orphans, std::vector<int64_t>{1}); // freed memory allocated before recording
        QCOMPARE(o.freedBy.at(2), int64_t(-1));       // a FREE before it does not end it
        QCOMPARE(o.counts.orphanFrees, uint64_t(1));
        QCOMPARE(o.counts.leaked, uint64_t(1));
    }
    void pointerReusedAfterFree()
    {
        const Outcome o =
            run({ev(1, true, 10, 7, 1, 0x10, 0, 64), ev(2, false, 20, 7, 1, 0x10, 0),
                 ev(3, true, 30, 7, 1, 0x10, 0, 128), ev(4, false, 40, 7, 1, 0x10, 0)});
        QCOMPARE(o.freedBy.at(1), int64_t(2));
        QCOMPARE(o.freedBy.at(3), int64_t(4));
        QCOMPARE(o.counts.blocks, uint64_t(2));
        QCOMPARE(o.counts.leaked, uint64_t(0));
        QVERIFY(o.orphans.empty());
    }
    void freeWithDeviceNA()
    {
        // The same key live on devices 0 and 1: an N/A FREE ends the latest, on device 1.
        const Outcome o = run({ev(1, true, 10, 7, 1, 0x10, 0), ev(2, true, 20, 7, 1, 0x10, 1),
                               ev(3, false, 30, 7, 1, 0x10, kNA)});
        QCOMPARE(o.freedBy.at(2), int64_t(3));
        QCOMPARE(o.freedBy.at(1), int64_t(-1));
    }
    void freeOnAnotherDevice()
    {
        const Outcome o = run({ev(1, true, 10, 7, 1, 0x10, 0), ev(2, false, 20, 7, 1, 0x10, 1)});
        QCOMPARE(o.orphans, std::vector<int64_t>{2});
        QCOMPARE(o.freedBy.at(1), int64_t(-1));
    }
    void twoProcesses()
    {
        // The same address in two processes: each FREE ends its own process's block only.
        const Outcome o =
            run({ev(1, true, 10, 7, 1, 0x10, 0, 8), ev(2, true, 11, 9, 1, 0x10, 0, 16),
                 ev(3, false, 20, 9, 1, 0x10, 0)});
        QCOMPARE(o.freedBy.at(2), int64_t(3));
        QCOMPARE(o.freedBy.at(1), int64_t(-1));
        QCOMPARE(o.counts.leakedBytes, uint64_t(8));
    }
    void poolsNest()
    {
        // A PTA block at the address of the HAL allocation backing it: different allocators.
        const Outcome o = run({ev(1, true, 10, 7, 1, 0x10, 0), ev(2, true, 11, 7, 2, 0x10, 0),
                               ev(3, false, 20, 7, 2, 0x10, 0)});
        QCOMPARE(o.freedBy.at(2), int64_t(3));
        QCOMPARE(o.freedBy.at(1), int64_t(-1));
    }
    void mallocAgainBeforeItsFree()
    {
        // The free in between went unrecorded: both end at the next FREE of their key.
        const Outcome o = run({ev(1, true, 10, 7, 1, 0x10, 0), ev(2, true, 20, 7, 1, 0x10, 0),
                               ev(3, false, 30, 7, 1, 0x10, 0)});
        QCOMPARE(o.freedBy.at(1), int64_t(3));
        QCOMPARE(o.freedBy.at(2), int64_t(3));
        QCOMPARE(o.counts.freed, uint64_t(2));
    }
    void leakedBytesAreMagnitudes()
    {
        const Outcome o =
            run({ev(1, true, 10, 7, 1, 0x10, 0, -512), ev(2, true, 10, 7, 1, 0x20, 0, 100)});
        QCOMPARE(o.counts.leaked, uint64_t(2));
        QCOMPARE(o.counts.leakedBytes, uint64_t(612));
    }
};

QTEST_GUILESS_MAIN(TestBlockPairing)
#include "tst_blockpairing.moc"

// Memory records → RecordValidator → MemoryWriter → tables → MemorySummary, and the validator
// refusing bad memory records (one row per rule).
#include "cache/sqlite.h"
#include "memory/blobstatement.h"
#include "memory/memorysummary.h"
#include "memory/memorywriter.h"
#include "records/recordformat.h"
#include "records/recordvalidator.h"
#include "streambuilder.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

rec::StackRec stackOf(uint32_t id, const std::vector<uint32_t> &frames, std::string &storage)
{
    rec::StackRec r;
    r.id = id;
    r.setFrames(frames, storage);
    return r;
}

// Strings 1..3 ("p", "t", "s"), frames 1 and 2, stack 1 = [2, 1], one segment at 0x1000 of
// 4096 bytes on device 0.
StreamBuilder memoryBasics(std::string &storage)
{
    StreamBuilder b;
    b.add(rec::StringRec{1, "forward"}).add(rec::StringRec{2, "model.py"});
    b.add(rec::StringRec{3, "activation"});
    b.add(rec::StackFrameRec{1, 1, 2, 12}).add(rec::StackFrameRec{2, 1, 2, 40});
    b.add(stackOf(1, {2, 1}, storage));
    rec::MemSegmentRec seg;
    seg.id = 1;
    seg.address = 0x1000;
    seg.totalSize = 4096;
    seg.segmentType = rec::SegmentType::Large;
    seg.stack = 1;
    b.add(seg);
    return b;
}

// Validates every frame; returns the first error (empty when all pass).
QString validate(const std::string &bytes,
                 const std::function<void(const rec::FrameSplitter::Frame &)> &each = {})
{
    rec::FrameSplitter splitter;
    splitter.append(bytes.data(), bytes.size());
    model::RecordValidator v;
    rec::FrameSplitter::Frame f;
    for (;;) {
        const auto status = splitter.next(f);
        if (status == rec::FrameSplitter::Status::NeedMore)
            return {};
        if (status != rec::FrameSplitter::Status::Frame)
            return QStringLiteral("splitter status %1").arg(int(status));
        if (!v.check(f))
            return v.error();
        if (each)
            each(f);
    }
}

// Validates the stream and applies its memory records with a MemoryWriter into a new database
// at `path`, in one transaction, as CacheWriter does; *events: what the writer counted.
void writeTables(const StreamBuilder &b, const QString &path, model::Database &db, qint64 *events)
{
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QString error;
    QVERIFY2(db.openForWriting(path, &error), qPrintable(error));
    QVERIFY(db.exec("BEGIN"));
    {
        model::MemoryWriter writer(db);
        QVERIFY2(writer.createTables(&error), qPrintable(error));
        bool applied = true;
        const QString violation = validate(b.bytes(), [&](const rec::FrameSplitter::Frame &f) {
            if (model::MemoryWriter::handles(f.type))
                applied = writer.apply(f) && applied;
        });
        QVERIFY2(violation.isEmpty(), qPrintable(violation));
        QVERIFY2(applied, qPrintable(writer.lastError()));
        *events = writer.events();
    }
    QVERIFY(db.exec("COMMIT"));
}

// A little-endian field of a packed record, read the slow, obvious way.
template <typename T> T le(const unsigned char *p)
{
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
        v |= uint64_t(p[i]) << (8 * i);
    return T(v);
}

} // namespace

class TestMemoryWriter : public QObject
{
    Q_OBJECT

private slots:
    void recordsToTablesToSummary();
    void packsMirrorEventRows();
    void validatorRefuses_data();
    void validatorRefuses();
    void summaryOfACacheWithoutMemoryTables();
};

void TestMemoryWriter::recordsToTablesToSummary()
{
    std::string storage;
    StreamBuilder b = memoryBasics(storage);
    rec::MemSegmentRec seg2;
    seg2.id = 2;
    seg2.device = 1;
    seg2.address = 0xFFFF800000000000ull; // ≥ 2^63: stored with the same bits
    seg2.totalSize = 1 << 20;
    seg2.flags = rec::kSegmentExpandable | rec::kSegmentHasPoolId;
    seg2.poolId1 = 3;
    b.add(seg2);
    b.add(rec::MemBlockRec{1, 0x1000, 1024, 1000, rec::BlockState::ActiveAllocated, 1});
    b.add(rec::MemBlockRec{1, 0x1400, 3072, 0, rec::BlockState::Inactive, 0});
    b.add(rec::MemBlockRec{2, 0xFFFF800000000000ull, 512, 512, rec::BlockState::ActivePendingFree,
                           0});
    rec::MemEventRec e;
    e.addr = 0x1000;
    e.size = 1024;
    e.timeNs = 1700000000000000000;
    e.stack = 1;
    e.category = 3;
    b.add(e);
    e.action = rec::MemAction::FreeRequested;
    e.flags = rec::kMemBeforeTrace;
    e.sequence = 1;
    e.timeNs = -1;
    e.category = 0;
    b.add(e);
    e.action = rec::MemAction::Oom;
    e.device = 2;
    e.flags = 0;
    e.deviceFree = 12345;
    b.add(e);
    b.add(rec::MemAnnotationRec{0, rec::AnnotationStage::Start, 5, 1});

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mem.db"));
    model::Database db;
    qint64 events = 0;
    writeTables(b, path, db, &events);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(events, qint64(3));

    const model::MemorySummary m = model::MemorySummary::fromDatabase(db);
    QVERIFY(m.present);
    QCOMPARE(m.segments, qint64(2));
    QCOMPARE(m.blocks, qint64(3));
    QCOMPARE(m.memoryEvents, qint64(3));
    QCOMPARE(m.frames, qint64(2));
    QCOMPARE(m.stacks, qint64(1));
    QCOMPARE(m.annotations, qint64(1));
    QCOMPARE(m.devices, qint64(3)); // segments on 0 and 1, an event on 2
    QVERIFY(!m.profilerSeries);
    const model::MemorySummary has = model::MemorySummary::presence(db);
    QVERIFY(has.present && !has.profilerSeries && has.hasMemoryView());
    QCOMPARE(has.memoryEvents, qint64(0)); // presence counts nothing

    model::Statement addr(db,
                          "SELECT address, is_expandable, pool_id_1 FROM mem_segment WHERE id=2");
    QVERIFY(addr.step());
    QCOMPARE(quint64(addr.int64(0)), 0xFFFF800000000000ull);
    QCOMPARE(addr.int64(1), qint64(1));
    QCOMPARE(addr.int64(2), qint64(3));
    model::Statement ev(db, "SELECT ts IS NULL, before_trace, device_free, category_id, stack_id "
                            "FROM mem_event ORDER BY id");
    QVERIFY(ev.step());
    QCOMPARE(ev.int64(0), qint64(0));
    QCOMPARE(ev.int64(3), qint64(3));
    QCOMPARE(ev.int64(4), qint64(1));
    QVERIFY(ev.isNull(2));
    QVERIFY(ev.step());
    QCOMPARE(ev.int64(0), qint64(1)); // no time → NULL
    QCOMPARE(ev.int64(1), qint64(1)); // allocated before the trace
    QVERIFY(ev.isNull(3));
    QVERIFY(ev.step());
    QCOMPARE(ev.int64(2), qint64(12345));
    model::Statement st(db, "SELECT depth, hex(frames) FROM stack WHERE id=1");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), qint64(2));
    QCOMPARE(st.text(1), QStringLiteral("0200000001000000")); // innermost first, u32 LE
    db.close();

    QVERIFY(model::MemorySummary::fromCache(path).present);
}

void TestMemoryWriter::packsMirrorEventRows()
{
    // Device 0 for more than a pack, then device 1, then device 0 again; every action, times
    // and none, flags: each pack must hold exactly its rows, and only the last run may be
    // left unpacked.
    std::string storage;
    StreamBuilder b = memoryBasics(storage);
    QRandomGenerator rng(7);
    const int runs[][2] = {{0, int(model::kMaxPackedEvents) + 3000}, {1, 2500}, {0, 700}};
    for (const auto &[device, n] : runs) {
        for (int i = 0; i < n; ++i) {
            rec::MemEventRec e;
            e.device = device;
            e.action = rec::MemAction(1 + rng.bounded(int(rec::kMaxMemAction)));
            e.flags = rng.bounded(5) == 0 ? rec::kMemBeforeTrace : 0;
            e.addr = rng.generate64();
            e.size = rng.bounded(1 << 30);
            e.stream = rng.generate64();
            e.timeNs = rng.bounded(4) == 0 ? -1 : 1700000000000000000 + i;
            e.sequence = uint64_t(i);
            e.stack = rng.bounded(2);
            e.deviceFree = e.action == rec::MemAction::Oom ? 99 : 0;
            b.add(e);
        }
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mem.db"));
    model::Database db;
    qint64 events = 0;
    writeTables(b, path, db, &events);
    if (QTest::currentTestFailed())
        return;

    model::Statement rows(db, "SELECT id, device, seq, action, addr, size, stream, ts, "
                              "before_trace, coalesce(stack_id, 0) FROM mem_event ORDER BY id");
    model::BlobStatement packs(db, "SELECT first_id, device, count, events FROM mem_event_pack "
                                   "ORDER BY first_id");
    QVERIFY(rows.ok() && packs.ok());
    int64_t packed = 0;
    int lastDevice = -1;
    bool wasFull = true;
    while (packs.step()) {
        const int64_t count = packs.int64(2);
        const int device = int(packs.int64(1));
        const std::string_view blob = packs.blob(3);
        QVERIFY(count >= 1 && count <= model::kMaxPackedEvents);
        QCOMPARE(qint64(blob.size()), qint64(count) * qint64(model::kPackedEventBytes));
        // A pack ends full or where the device changes.
        QVERIFY(wasFull || device != lastDevice);
        wasFull = count == model::kMaxPackedEvents;
        lastDevice = device;
        const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
        for (int64_t i = 0; i < count; ++i, p += model::kPackedEventBytes) {
            QVERIFY(rows.step());
            QCOMPARE(rows.int64(0), packs.int64(0) + i);
            QCOMPARE(rows.int64(1), int64_t(device));
            QCOMPARE(le<int64_t>(p), rows.int64(2));
            QCOMPARE(le<int64_t>(p + 8), rows.isNull(7) ? 0 : rows.int64(7));
            QCOMPARE(le<int64_t>(p + 16), rows.int64(4));
            QCOMPARE(le<int64_t>(p + 24), rows.int64(5));
            QCOMPARE(le<int64_t>(p + 32), rows.int64(6));
            QCOMPARE(int64_t(le<uint32_t>(p + 40)), rows.int64(9));
            QCOMPARE(int64_t(p[44]), rows.int64(3));
            QCOMPARE(int(p[45]), (rows.isNull(7) ? 0 : 1) | (rows.int64(8) ? 2 : 0));
            QCOMPARE(le<uint16_t>(p + 46), uint16_t(0));
        }
        packed += count;
    }
    QVERIFY(!packs.failed());
    // The rest: fewer than a pack, all of the last device.
    int64_t rest = 0;
    while (rows.step()) {
        QCOMPARE(rows.int64(1), int64_t(runs[2][0]));
        ++rest;
    }
    QVERIFY(rest < model::kMaxPackedEvents);
    QCOMPARE(packed + rest, events);
    QVERIFY(packed > model::kMaxPackedEvents); // more than one pack was written
}

void TestMemoryWriter::validatorRefuses_data()
{
    QTest::addColumn<int>("rule");
    QTest::addColumn<QString>("needle");
    QTest::newRow("frame id not next") << 0 << "frame id";
    QTest::newRow("frame names an unknown string") << 1 << "unknown string";
    QTest::newRow("stack id not next") << 2 << "stack id";
    QTest::newRow("stack names an unknown frame") << 3 << "unknown frame";
    QTest::newRow("empty stack") << 4 << "a stack of 0 frames";
    QTest::newRow("segment id not next") << 5 << "segment id";
    QTest::newRow("segment device negative") << 6 << "device";
    QTest::newRow("segment size absurd") << 7 << "size out of range";
    QTest::newRow("segment wraps") << 8 << "size out of range";
    QTest::newRow("block of an unknown segment") << 9 << "unknown segment";
    QTest::newRow("block outside its segment") << 10 << "outside";
    QTest::newRow("block state out of range") << 11 << "state";
    QTest::newRow("event action 0") << 12 << "action";
    QTest::newRow("event action 10") << 13 << "action";
    QTest::newRow("event unknown flag") << 14 << "flags";
    QTest::newRow("event time out of range") << 15 << "time";
    QTest::newRow("event unknown stack") << 16 << "unknown stack";
    QTest::newRow("annotation stage 3") << 17 << "stage";
    QTest::newRow("stack payload torn") << 18 << "does not decode";
    QTest::newRow("segment names an unknown stack") << 19 << "unknown stack";
}

void TestMemoryWriter::validatorRefuses()
{
    QFETCH(int, rule);
    QFETCH(QString, needle);
    std::string storage, storage2;
    StreamBuilder b = memoryBasics(storage);
    QVERIFY(validate(b.bytes()).isEmpty());
    rec::MemSegmentRec seg;
    seg.id = 2;
    seg.address = 0x100000;
    seg.totalSize = 4096;
    rec::MemBlockRec block{1, 0x1000, 64, 64, rec::BlockState::Inactive, 0};
    rec::MemEventRec ev;
    switch (rule) {
    case 0:
        b.add(rec::StackFrameRec{5, 1, 2, 0});
        break;
    case 1:
        b.add(rec::StackFrameRec{3, 99, 2, 0});
        break;
    case 2:
        b.add(stackOf(3, {1}, storage2));
        break;
    case 3:
        b.add(stackOf(2, {1, 7}, storage2));
        break;
    case 4:
        b.add(stackOf(2, {}, storage2));
        break;
    case 5:
        seg.id = 3;
        b.add(seg);
        break;
    case 6:
        seg.device = -1;
        b.add(seg);
        break;
    case 7:
        seg.totalSize = rec::kMaxMemBytes + 1;
        b.add(seg);
        break;
    case 8:
        seg.address = UINT64_MAX - 10;
        b.add(seg);
        break;
    case 9:
        block.segment = 2;
        b.add(block);
        break;
    case 10:
        block.address = 0x1000 + 4096 - 32;
        b.add(block);
        break;
    case 11:
        block.state = rec::BlockState(4);
        b.add(block);
        break;
    case 12:
        ev.action = rec::MemAction(0);
        b.add(ev);
        break;
    case 13:
        ev.action = rec::MemAction(10);
        b.add(ev);
        break;
    case 14:
        ev.flags = 2;
        b.add(ev);
        break;
    case 15:
        ev.timeNs = rec::kMaxAbsTime;
        b.add(ev);
        break;
    case 16:
        ev.stack = 2;
        b.add(ev);
        break;
    case 17:
        b.add(rec::MemAnnotationRec{0, rec::AnnotationStage(3), 0, 1});
        break;
    case 18: {
        // A count that promises more frames than the payload holds.
        std::string raw;
        rec::FrameWriter w(raw);
        w.begin(rec::RecordType::Stack);
        w.put<uint32_t>(2);
        w.put<uint32_t>(3);
        w.put<uint32_t>(1);
        w.end();
        b.raw(raw);
        break;
    }
    case 19:
        seg.stack = 9;
        b.add(seg);
        break;
    }
    const QString error = validate(b.bytes());
    QVERIFY2(error.contains(needle), qPrintable(error));
}

void TestMemoryWriter::summaryOfACacheWithoutMemoryTables()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.db"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    model::Database db;
    QVERIFY(db.openForWriting(path, nullptr));
    QVERIFY(db.exec("CREATE TABLE slice(id INTEGER PRIMARY KEY)"));
    QVERIFY(!model::MemorySummary::fromDatabase(db).present);
    QVERIFY(!model::MemorySummary::presence(db).hasMemoryView());
    db.close();
    QVERIFY(!model::MemorySummary::fromCache(path).present);
    QVERIFY(!model::MemorySummary::presenceInCache(path).hasMemoryView());
}

QTEST_GUILESS_MAIN(TestMemoryWriter)
#include "tst_memorywriter.moc"

// The app's checks on the child's output: each row a stream and the verdict on it.
#include "records/recordvalidator.h"
#include "records/utf8.h"
#include "streambuilder.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

// Returns "" when every frame passes, else the first violation (or the splitter's complaint).
QString verdict(const std::string &bytes)
{
    rec::FrameSplitter splitter;
    splitter.append(bytes.data(), bytes.size());
    model::RecordValidator v;
    rec::FrameSplitter::Frame f;
    for (;;) {
        switch (splitter.next(f)) {
        case rec::FrameSplitter::Status::NeedMore:
            return splitter.buffered() ? QStringLiteral("torn record") : QString();
        case rec::FrameSplitter::Status::BadMagic:
            return QStringLiteral("bad magic");
        case rec::FrameSplitter::Status::BadType:
            return QStringLiteral("unknown type");
        case rec::FrameSplitter::Status::TooLong:
            return QStringLiteral("too long");
        case rec::FrameSplitter::Status::Frame:
            if (!v.check(f))
                return v.error();
        }
    }
}

std::string frame(uint8_t type, const std::string &payload)
{
    std::string out(1, char(type));
    const uint32_t n = uint32_t(payload.size());
    for (int i = 0; i < 4; ++i)
        out.push_back(char((n >> (8 * i)) & 0xff));
    return out + payload;
}

} // namespace

class TestRecordValidator : public QObject
{
    Q_OBJECT
private slots:
    void streams_data();
    void streams();
    void utf8_data();
    void utf8();
};

void TestRecordValidator::streams_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("violationContains"); // empty: accepted

    auto row = [](const char *name, const StreamBuilder &b, const char *expect) {
        QTest::newRow(name) << QByteArray::fromStdString(b.bytes()) << QString::fromLatin1(expect);
    };
    row("good stream", StreamBuilder().basics().slice(1, 2).result(), "");
    row("process update (same id)",
        StreamBuilder().basics().add(rec::ProcessRec{1, 100, 2, 0, 5, 3}).result(), "");
    row("string id out of order", StreamBuilder().add(rec::StringRec{2, "x"}), "expected 1");
    row("string not UTF-8", StreamBuilder().add(rec::StringRec{1, "a\xff"}), "not valid UTF-8");
    row("overlong UTF-8", StreamBuilder().add(rec::StringRec{1, "\xc0\xaf"}), "not valid UTF-8");
    row("surrogate in UTF-8", StreamBuilder().add(rec::StringRec{1, "\xed\xa0\x80"}),
        "not valid UTF-8");
    row("dangling track", StreamBuilder().basics().slice(1, 2, 9), "unknown track id 9");
    row("process id skips ahead", StreamBuilder().basics().add(rec::ProcessRec{3, 1, 0, 0, 0, -1}),
        "neither known nor the next");
    row("thread of unknown process", StreamBuilder().basics().add(rec::ThreadRec{2, 5, 1, 0, 0}),
        "unknown process id 5");
    row("negative duration", StreamBuilder().basics().slice(10, -1), "time out of range");
    row("absurd timestamp", StreamBuilder().basics().slice(std::numeric_limits<int64_t>::max(), 1),
        "time out of range");
    row("NaN counter",
        StreamBuilder()
            .basics()
            .add(rec::TrackRec{2, rec::TrackKind::Counter, 0, 1, 0, 1})
            .add(rec::CounterRec{2, 1, std::nan("")}),
        "bad track, time or value");
    row("track kind out of range",
        StreamBuilder().basics().add(rec::TrackRec{2, rec::TrackKind(9), 0, 1, 0, 0}),
        "out of range");
    row("flow names a future slice",
        StreamBuilder().basics().slice(1, 1).add(rec::FlowRec{
            {rec::FlowBind::Sequence, 0, 0, 0}, {rec::FlowBind::Sequence, 0, 0, 5}, 0, 0}),
        "flow endpoint");
    row("record after Result", StreamBuilder().basics().result().slice(1, 1), "after the final");
    row("args not UTF-8",
        StreamBuilder().basics().add(rec::SliceRec{1, 1, 1, 3, 0, "{\"a\":\"\xfe\"}"}),
        "args are not valid UTF-8");

    // Ascend records (ascendrecords.h). String 3 ("s") serves as name and component.
    const auto task = [](rec::DeviceTaskRec r) { return StreamBuilder().basics().add(r); };
    rec::DeviceTaskRec goodTask{0, 2, 11052, 1736408883688177930, 2520, -1, rec::TaskKind::Compute,
                                3, 3, 0,     "{\"Block Dim\":20}"};
    row("device task", task(goodTask).result(), "");
    rec::DeviceTaskRec t = goodTask;
    t.device = rec::kMaxDevice;
    row("device task: device out of range", task(t), "device 4096");
    t = goodTask;
    t.dur = -2;
    row("device task: negative duration", task(t), "time out of range");
    t = goodTask;
    t.ts = std::numeric_limits<int64_t>::max();
    row("device task: absurd start", task(t), "time out of range");
    t = goodTask;
    t.name = 9;
    row("device task: unknown name", task(t), "unknown string id");
    t = goodTask;
    t.kind = rec::TaskKind(7);
    row("device task: kind out of range", task(t), "kind 7");
    t = goodTask;
    t.columns = "{\"a\":\"\xff\"}";
    row("device task: columns not UTF-8", task(t), "columns are not");
    t = goodTask;
    t.columns = "[1,2]";
    row("device task: columns not an object", task(t), "columns are not");
    const std::string huge =
        "{\"a\":\"" + std::string(model::RecordValidator::kMaxColumnsJsonBytes, 'x') + "\"}";
    t = goodTask;
    t.columns = huge;
    row("device task: columns too long", task(t), "columns are not");
    row("step", StreamBuilder().basics().add(rec::StepRec{50, 0, -1, -1, "{\"Free\":1}"}).result(),
        "");
    row("step ends before it starts", StreamBuilder().basics().add(rec::StepRec{1, 0, 100, 50, {}}),
        "times out of range");
    row("memory record",
        StreamBuilder().basics().add(rec::MemRecordRec{0, 3, 5, 1 << 20, 2 << 20, -1, 0}).result(),
        "");
    row("memory record: negative size",
        StreamBuilder().basics().add(rec::MemRecordRec{0, 3, 5, -5, 0, -1, 0}),
        "size out of range");
    row("memory record: no component",
        StreamBuilder().basics().add(rec::MemRecordRec{0, 0, 5, 0, 0, -1, 0}), "unknown component");
    row("operator allocation (release before the window)",
        StreamBuilder().basics().add(rec::OpMemoryRec{0, 3, -1024, -1, 99, -1, 0}).result(), "");
    row("operator allocation: absurd size",
        StreamBuilder().basics().add(
            rec::OpMemoryRec{0, 3, std::numeric_limits<int64_t>::max(), 1, -1, -1, 0}),
        "size");
    row("operator allocation: time out of range",
        StreamBuilder().basics().add(rec::OpMemoryRec{0, 3, 1, -7, -1, -1, 0}),
        "time out of range");
    // msMemScope rows (memscoperecords.h).
    rec::MemScopeEventRec goodMs;
    goodMs.rowId = 4;
    goodMs.ts = 1764753366165640170;
    goodMs.pid = 7;
    goodMs.device = rec::kMemScopeHost;
    goodMs.kind = rec::MemScopeKind::Free;
    goodMs.flags = rec::kMemScopeHasPtr | rec::kMemScopeHasSize;
    goodMs.size = -512;
    goodMs.event = 3;
    goodMs.attr = "{\"size\":\"-512\"}";
    const auto ms = [](const rec::MemScopeEventRec &r) { return StreamBuilder().basics().add(r); };
    row("msMemScope event", ms(goodMs).result(), "");
    rec::MemScopeEventRec m = goodMs;
    m.device = -3;
    row("msMemScope event: device below host", ms(m), "device -3");
    m = goodMs;
    m.kind = rec::MemScopeKind(8);
    row("msMemScope event: kind out of range", ms(m), "kind 8");
    m = goodMs;
    m.event = 0;
    row("msMemScope event: no Event", ms(m), "unknown string id");
    m = goodMs;
    m.owner = 9;
    row("msMemScope event: unknown owner", ms(m), "unknown string id");
    m = goodMs;
    m.size = std::numeric_limits<int64_t>::min();
    row("msMemScope event: absurd size", ms(m), "size");
    m = goodMs;
    m.attr = "not json";
    row("msMemScope event: attr not an object", ms(m), "attr is not");

    // Communication records (commrecords.h): strings 1–3 exist in basics().
    const rec::CommKey key{-1, 1, 2, 3, 0};
    rec::CommOpRec op{key, 1764246877147674500, 436140, 0, 403500, 403500, 32640, 1.0, 1.0};
    const auto comm = [](const auto &r) { return StreamBuilder().basics().add(r); };
    row("communication op", comm(op).result(), "");
    rec::CommOpRec o = op;
    o.key.rank = -2;
    row("communication op: rank below -1", comm(o), "rank -2");
    o = op;
    o.key.op = 0;
    row("communication op: no operator name", comm(o), "string id");
    o = op;
    o.key.group = 9;
    row("communication op: unknown group", comm(o), "string id");
    o = op;
    o.wait = -5;
    row("communication op: negative wait", comm(o), "time out of range");
    o = op;
    o.waitRatio = 1.5;
    row("communication op: ratio above 1", comm(o), "ratio out of range");
    rec::CommLinkRec link{key, 1, 20971520, 863815, 24.2778, 1.0, "{\"20971520\":[1,863815]}"};
    row("communication link", comm(link).result(), "");
    rec::CommLinkRec l = link;
    l.bandwidth = std::numeric_limits<double>::infinity();
    row("communication link: infinite bandwidth", comm(l), "out of range");
    l = link;
    l.distribution = "[1]";
    row("communication link: distribution not an object", comm(l), "distribution");
    rec::CommMatrixRec cell{key, 0, 8, 1, 20971520, 863815, 24.2778, 0};
    row("communication matrix cell", comm(cell).result(), "");
    rec::CommMatrixRec c = cell;
    c.dstRank = -1;
    row("communication matrix cell: no destination rank", comm(c), "rank");
    c = cell;
    c.transport = 0;
    row("communication matrix cell: no transport", comm(c), "string id");

    QTest::newRow("bad magic") << QByteArray("NOTMAGIC") << QStringLiteral("bad magic");
    std::string magic(rec::kMagic, sizeof rec::kMagic);
    QTest::newRow("unknown type") << QByteArray::fromStdString(magic + frame(99, ""))
                                  << QStringLiteral("unknown type");
    QTest::newRow("oversized length")
        << QByteArray::fromStdString(magic + std::string("\x05\xff\xff\xff\xff", 5))
        << QStringLiteral("too long");
    QTest::newRow("truncated payload")
        << QByteArray::fromStdString(magic + frame(1, std::string("\x01\x00", 2)))
        << QStringLiteral("does not decode");
    QTest::newRow("payload longer than its fields")
        << QByteArray::fromStdString(magic + frame(10, std::string(30, '\0')))
        << QStringLiteral("does not decode");
    QTest::newRow("torn at the end")
        << QByteArray::fromStdString(
               magic + frame(1, std::string("\x01\x00\x00\x00\x01\x00\x00\x00x", 9)).substr(0, 8))
        << QStringLiteral("torn record");
}

void TestRecordValidator::streams()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, violationContains);
    const QString v = verdict(bytes.toStdString());
    if (violationContains.isEmpty())
        QVERIFY2(v.isEmpty(), qPrintable(v));
    else
        QVERIFY2(v.contains(violationContains), qPrintable(QStringLiteral("got: ") + v));
}

void TestRecordValidator::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("hello, world 0123456789") << true;
    QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("three-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("truncated three-byte") << QByteArray("\xe2\x82") << false;
    QTest::newRow("overlong NUL") << QByteArray("\xc0\x80") << false;
    QTest::newRow("overlong three-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xbf\xbf") << false;
    QTest::newRow("bad after long ascii run") << QByteArray("abcdefghijklmnop\xff") << false;
}

void TestRecordValidator::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(model::isValidUtf8(std::string_view(bytes.constData(), size_t(bytes.size()))), valid);
}

QTEST_APPLESS_MAIN(TestRecordValidator)
#include "tst_recordvalidator.moc"

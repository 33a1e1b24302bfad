// The msMemScope dump readers (parsers/memscope): Attr in every encoding, the CSV through the
// child's importer, the DB through the foreign-DB reader, and the real samples. Every stream is
// also checked by the app's RecordValidator (streamsummary.h).
#include "memscope/attrtext.h"
#include "memscope/dumprow.h"
#include "sqlitefixture.h"
#include "streamsummary.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ts;
using ts::parsers::memscope::AttrText;
using ts::testing::importBytes;
using ts::testing::StreamSummary;

namespace {

const char *kHeader = "ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,"
                      "Ptr,Attr,Call Stack(Python),Call Stack(C)\n";

QString sample(const char *relative)
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/") + QLatin1String(relative);
}

std::string readFile(const QString &path)
{
    return ts::testing::readAll(path).toStdString();
}

// The record's attr as key → value (every value a string, as the reader writes it).
std::map<std::string, std::string> attrOf(const rec::MemScopeEventRec &r)
{
    AttrText attr;
    attr.parse(r.attr);
    std::map<std::string, std::string> out;
    for (const auto &[k, v] : attr.fields())
        out[k] = v;
    return out;
}

} // namespace

class TestMemScopeDump : public QObject
{
    Q_OBJECT

private slots:
    void attrEncodings_data();
    void attrEncodings();
    void csvRows();
    void nanosecondFile();
    void malformedAttr();
    void rowsWithoutTimeOrEvent();
    void dbReadsAsTheCsv();
    void sampleDb();
    void sampleCsvs_data();
    void sampleCsvs();
};

void TestMemScopeDump::attrEncodings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("status"); // AttrText::Status
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("addr");
    QTest::addColumn<QString>("owner");
    QTest::addColumn<int>("fields");
    const int ok = int(AttrText::Status::Ok), bad = int(AttrText::Status::Malformed);
    QTest::newRow("2025-04 decimal, empty owner")
        << "{addr:20615843020800,size:16384,owner:,MID:7}" << ok << "16384"
        << "20615843020800"
        << "" << 4;
    QTest::newRow("2025-04 negative free size")
        << "{addr:1,size:-512,owner:,MID:-1}" << ok << "-512"
        << "1"
        << "" << 4;
    QTest::newRow("2025-12 hex, unquoted")
        << "{allocation_id:4,addr:0x000012c041400000,size:16778240,total:20971520,used:16780288}"
        << ok << "16778240"
        << "0x000012c041400000"
        << "" << 5;
    QTest::newRow("2026 JSON strings")
        << R"({"allocation_id":"4","addr":"0x000012c080000000","size":"6356992"})" << ok
        << "6356992"
        << "0x000012c080000000"
        << "" << 3;
    QTest::newRow("JSON numbers kept as written")
        << R"({"size":12345678901234567,"owner":"a@b"})" << ok << "12345678901234567"
        << ""
        << "a@b" << 2;
    QTest::newRow("owner with colons and commas in brackets")
        << "{size:8,owner:PTA@ops:aten,shape:[2,3],addr:0x10}" << ok << "8"
        << "0x10"
        << "PTA@ops:aten" << 4;
    QTest::newRow("blank") << "  " << int(AttrText::Status::Empty) << ""
                           << ""
                           << "" << 0;
    QTest::newRow("part without a colon") << "{size:8,garbage,addr:0x1}" << bad << "8"
                                          << "0x1"
                                          << "" << 3;
    QTest::newRow("unclosed quote") << "{size:8,owner:\"abc}" << bad << "8"
                                    << ""
                                    << "\"abc" << 2;
    QTest::newRow("not braces at all") << "nonsense" << bad << ""
                                       << ""
                                       << "" << 1;
}

void TestMemScopeDump::attrEncodings()
{
    QFETCH(QString, text);
    QFETCH(int, status);
    QFETCH(QString, size);
    QFETCH(QString, addr);
    QFETCH(QString, owner);
    QFETCH(int, fields);
    AttrText attr;
    QCOMPARE(int(attr.parse(text.toStdString())), status);
    QCOMPARE(QString::fromStdString(std::string(attr.value("size"))), size);
    QCOMPARE(QString::fromStdString(std::string(attr.value("addr"))), addr);
    QCOMPARE(QString::fromStdString(std::string(attr.value("owner"))), owner);
    QCOMPARE(int(attr.fields().size()), fields);
    if (fields) {
        // The JSON text reads back to the same fields.
        AttrText again;
        QCOMPARE(int(again.parse(attr.json())), int(AttrText::Status::Ok));
        QCOMPARE(again.fields(), attr.fields());
    }
}

// Rows out of order, two processes, every device form, an unknown Event, µs under an ns header.
void TestMemScopeDump::csvRows()
{
    const std::string csv =
        std::string(kHeader) +
        "3,FREE,HAL,N/A,1746006014000300,7,7,N/A,4096,\"{addr:4096,size:-64,owner:,MID:1}\",,\n"
        "1,SYSTEM,acl init,N/A,1746006014000100,7,7,N/A,N/A,,,\n"
        "2,MALLOC,HAL,N/A,1746006014000200,7,8,0,4096,\"{addr:4096,size:64,owner:a@b,MID:1}\","
        "\"x.py(1): f\ny.py(2): g\",libc.so(malloc+0x1) [0x1]\n"
        "4,MALLOC,HOST,N/A,1746006014000400,9,9,host,0x1000,\"{addr:0x1000,size:32}\",,\n"
        "5,RESIDUAL_BLOCK,WHATEVER,N/A,1746006014000500,9,9,cpu,N/A,{k:v},,\n";
    const StreamSummary s = importBytes(csv);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.exitCode, 0);
    QCOMPARE(s.format, std::string("msmemscope-dump"));
    QCOMPARE(s.memscope.size(), size_t(5));
    QCOMPARE(s.metadata.at("memscope.time_unit"), std::string("us"));
    QCOMPARE(s.warnings.size(), size_t(1));
    QVERIFY(s.warnings[0].find("microseconds") != std::string::npos);
    QVERIFY(s.warnings[0].find("line 2") != std::string::npos);

    // In the file's order, not sorted.
    const auto &r = s.memscope;
    QCOMPARE(r[0].rowId, int64_t(3));
    QCOMPARE(r[0].kind, rec::MemScopeKind::Free);
    QCOMPARE(r[0].ts, int64_t(1746006014000300) * 1000);
    QCOMPARE(r[0].device, rec::kMemScopeNoDevice);
    QCOMPARE(r[0].size, int64_t(-64));
    QCOMPARE(r[0].ptr, uint64_t(4096));
    QCOMPARE(r[1].kind, rec::MemScopeKind::System);
    QCOMPARE(s.str(r[1].eventType), std::string("acl init"));
    QVERIFY(!(r[1].flags & rec::kMemScopeHasPtr));
    QCOMPARE(r[2].kind, rec::MemScopeKind::Malloc);
    QCOMPARE(r[2].device, 0);
    QCOMPARE(r[2].tid, int64_t(8));
    QCOMPARE(s.str(r[2].owner), std::string("a@b"));
    QCOMPARE(s.str(r[2].pyStack), std::string("x.py(1): f\ny.py(2): g"));
    QCOMPARE(s.str(r[2].cStack), std::string("libc.so(malloc+0x1) [0x1]"));
    QCOMPARE(attrOf(r[2]).at("MID"), std::string("1"));
    QCOMPARE(r[3].device, rec::kMemScopeHost);
    QCOMPARE(r[3].ptr, uint64_t(0x1000));
    QCOMPARE(r[3].pid, int64_t(9));
    // An Event this reader does not know is kept as data.
    QCOMPARE(r[4].kind, rec::MemScopeKind::Other);
    QCOMPARE(s.str(r[4].event), std::string("RESIDUAL_BLOCK"));
    QCOMPARE(s.str(r[4].eventType), std::string("WHATEVER"));
    QCOMPARE(r[4].device, rec::kMemScopeHost);
    QCOMPARE(attrOf(r[4]).at("k"), std::string("v"));
    QCOMPARE(s.skippedTotal(), uint64_t(0));
}

void TestMemScopeDump::nanosecondFile()
{
    const std::string csv =
        std::string(kHeader) + "1,MALLOC,PTA,N/A,1764753366165640170,1,1,0,0x10,{size:8},,\n";
    const StreamSummary s = importBytes(csv);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.metadata.at("memscope.time_unit"), std::string("ns"));
    QVERIFY(s.warnings.empty());
    QCOMPARE(s.memscope.at(0).ts, int64_t(1764753366165640170));
}

void TestMemScopeDump::malformedAttr()
{
    const std::string csv = std::string(kHeader) +
                            "1,MALLOC,PTA,N/A,1764753366165640170,1,1,0,0x10,\"{size:8,oops}\",,\n"
                            "2,MALLOC,PTA,N/A,1764753366165640171,1,1,0,0x20,{size:lots},,\n";
    const StreamSummary s = importBytes(csv);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.memscope.size(), size_t(2)); // both rows kept
    QCOMPARE(s.memscope[0].size, int64_t(8));
    QCOMPARE(attrOf(s.memscope[0]).at("(unparsed)"), std::string("oops"));
    QVERIFY(!(s.memscope[1].flags & rec::kMemScopeHasSize));
    QCOMPARE(s.skipped.at("msMemScope Attr not in {key:value,…} form (kept as text; row kept)"),
             uint64_t(1));
    QCOMPARE(s.skipped.at("msMemScope Attr size not a number of bytes (row kept without it)"),
             uint64_t(1));
}

void TestMemScopeDump::rowsWithoutTimeOrEvent()
{
    const std::string csv = std::string(kHeader) +
                            "1,MALLOC,PTA,N/A,N/A,1,1,0,0x10,{size:8},,\n"
                            "2,,PTA,N/A,1764753366165640170,1,1,0,0x10,{size:8},,\n"
                            "3,FREE,PTA,N/A,1764753366165640171,1,1,gpu7,0x10,{size:8},,\n";
    const StreamSummary s = importBytes(csv);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.memscope.size(), size_t(1));
    QCOMPARE(s.memscope[0].device, rec::kMemScopeNoDevice);
    QCOMPARE(s.skipped.at("msMemScope row without an integer Timestamp(ns)"), uint64_t(1));
    QCOMPARE(s.skipped.at("msMemScope row without an Event"), uint64_t(1));
    QCOMPARE(s.skipped.at("msMemScope Device Id not understood (read as N/A; row kept)"),
             uint64_t(1));
}

// The DB form gives the same records as the CSV of the same rows; Insight's tables are ignored.
void TestMemScopeDump::dbReadsAsTheCsv()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("memscope_dump_1.db"));
    QString error;
    QVERIFY2(ts::testing::writeDb(
                 db,
                 {QStringLiteral(
                      "CREATE TABLE \"memscope_dump\" (\"ID\" INTEGER PRIMARY KEY, \"Event\" TEXT, "
                      "\"Event Type\" TEXT, \"Name\" TEXT, \"Timestamp(ns)\" INTEGER, \"Process "
                      "Id\" INTEGER, \"Thread Id\" INTEGER, \"Device Id\" TEXT, \"Ptr\" TEXT, "
                      "\"Attr\" TEXT, \"Call Stack(Python)\" TEXT, \"Call Stack(C)\" TEXT)"),
                  QStringLiteral("INSERT INTO memscope_dump VALUES (2, 'FREE', 'PTA', 'N/A', "
                                 "1764753366165640200, 5, 6, '1', '0x10', "
                                 "'{\"size\":\"-8\"}', '', '')"),
                  QStringLiteral("INSERT INTO memscope_dump VALUES (1, 'MALLOC', 'PTA', 'N/A', "
                                 "1764753366165640100, 5, 6, '1', '0x10', "
                                 "'{\"size\":\"8\",\"owner\":\"x@y\"}', 'a.py(1): f', '')"),
                  QStringLiteral("CREATE TABLE memory_block (id INTEGER, deviceId TEXT)"),
                  QStringLiteral("INSERT INTO memory_block VALUES (1, 'garbage')"),
                  QStringLiteral("CREATE TABLE status_info(id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                 "key TEXT, value TEXT)")},
                 &error),
             qPrintable(error));
    const StreamSummary fromDb = importBytes(readFile(db));
    QVERIFY2(fromDb.valid, fromDb.violation.c_str());
    QVERIFY2(fromDb.error.empty(), fromDb.error.c_str());
    const std::string csv = std::string(kHeader) +
                            "1,MALLOC,PTA,N/A,1764753366165640100,5,6,1,0x10,"
                            "\"{size:8,owner:x@y}\",a.py(1): f,\n"
                            "2,FREE,PTA,N/A,1764753366165640200,5,6,1,0x10,{size:-8},,\n";
    const StreamSummary fromCsv = importBytes(csv);
    QCOMPARE(fromDb.format, fromCsv.format);
    QCOMPARE(fromDb.memscope.size(), fromCsv.memscope.size());
    for (size_t i = 0; i < fromCsv.memscope.size(); ++i) {
        const rec::MemScopeEventRec &a = fromDb.memscope[i], &b = fromCsv.memscope[i];
        QCOMPARE(a.rowId, b.rowId);
        QCOMPARE(a.ts, b.ts);
        QCOMPARE(a.kind, b.kind);
        QCOMPARE(a.device, b.device);
        QCOMPARE(a.ptr, b.ptr);
        QCOMPARE(a.size, b.size);
        QCOMPARE(a.flags, b.flags);
        QCOMPARE(fromDb.str(a.owner), fromCsv.str(b.owner));
        QCOMPARE(fromDb.str(a.pyStack), fromCsv.str(b.pyStack));
        QCOMPARE(attrOf(a), attrOf(b));
    }
}

void TestMemScopeDump::sampleDb()
{
    const QString path = sample(
        "msinsight/server/src/test/test_data/memscope/host_pinned/memscope_dump_20260527062213.db");
    if (!QFileInfo::exists(path))
        QSKIP("../shared/samples is not here");
    const StreamSummary s = importBytes(readFile(path));
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY2(s.error.empty(), s.error.c_str());
    QCOMPARE(s.memscope.size(), size_t(10)); // its rows, Insight's tables not read
    int mallocs = 0, withStacks = 0;
    for (const rec::MemScopeEventRec &r : s.memscope) {
        mallocs += r.kind == rec::MemScopeKind::Malloc;
        withStacks += r.pyStack && r.cStack;
        if (r.kind == rec::MemScopeKind::Malloc) {
            QCOMPARE(r.device, rec::kMemScopeHost); // "cpu"
            QCOMPARE(s.str(r.eventType), std::string("HOST_PINNED"));
            QVERIFY(r.flags & rec::kMemScopeHasSize);
        }
    }
    QCOMPARE(mallocs, 6);
    QVERIFY(withStacks > 0);
}

void TestMemScopeDump::sampleCsvs_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("2025-04") << sample(
        "msmemscope/test/smoke/testfile/csvfile/memscope_dump_20250428113810.csv");
    QTest::newRow("2025-12 baseline") << sample("msmemscope/example/compare/baseline.csv");
    QTest::newRow("2025-12 leaks") << sample("msmemscope/example/compare/leaks.csv");
}

void TestMemScopeDump::sampleCsvs()
{
    QFETCH(QString, path);
    if (!QFileInfo::exists(path))
        QSKIP("../shared/samples is not here");
    const std::string text = readFile(path);
    const StreamSummary s = importBytes(text);
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY2(s.error.empty(), s.error.c_str());
    QCOMPARE(s.skippedTotal(), uint64_t(0));
    // One record per data row: the samples have no quoted newlines, so lines count rows.
    const qsizetype lines = QByteArray::fromStdString(text).trimmed().count('\n');
    QCOMPARE(qsizetype(s.memscope.size()), lines);
    for (const rec::MemScopeEventRec &r : s.memscope) {
        QVERIFY(r.ts > int64_t(1'700'000'000) * 1'000'000'000); // ns since 1970, both units
        if (r.kind == rec::MemScopeKind::Malloc)
            QVERIFY(r.flags & rec::kMemScopeHasSize && r.flags & rec::kMemScopeHasPtr);
    }
}

QTEST_GUILESS_MAIN(TestMemScopeDump)
#include "tst_memscopedump.moc"

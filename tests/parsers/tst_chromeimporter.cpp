// The Chrome trace importer on small inputs, each row one rule of the format or one real-world
// trap; every stream must also pass the app's RecordValidator. Real samples are compared with
// the independent Python reference in tst_headlessimport.
#include "streamsummary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <map>

#include <zlib.h>
#include <zstd.h>

using ts::testing::StreamSummary;
using ts::testing::importBytes;

namespace {

std::string gzipOf(const std::string &in)
{
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, uLong(in.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string zstdOf(const std::string &in)
{
    std::string out(ZSTD_compressBound(in.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
    return out;
}

std::string trace(const std::string &events) { return R"({"traceEvents":[)" + events + "]}"; }

} // namespace

class TestChromeImporter : public QObject
{
    Q_OBJECT
private slots:
    void counts_data();
    void counts();
    void failures_data();
    void failures();
    void compressedByContent();
    void nanosecondsSurvive();
    void metadataNamesAndTrailingSpace();
    void stringPidsAreTheirOwnProcesses();
    void memoryCountersModern();
    void memoryCountersLegacy();
    void argsReadWhereverTheyStand_data();
    void argsReadWhereverTheyStand();
    void flowOrderAndBinding();
    void flowsVersion2();
    void argsKeptAsWritten_data();
    void argsKeptAsWritten();
    void argsAcrossChunks_data();
    void argsAcrossChunks();
    void controlCharactersRepaired();
    void invalidUtf8Repaired();
    void deepNestingSkipped();
    void zstdBombStopped();
    void topLevelMetadata();
    void displayTimeUnitIsOnlyMetadata();
    void repairStaysUnderCaps_data();
    void repairStaysUnderCaps();
    void corpusFilesStayValid_data();
    void corpusFilesStayValid();
    void ascendTraceViews_data();
    void ascendTraceViews();
};

void TestChromeImporter::counts_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("slices");
    QTest::addColumn<int>("instants");
    QTest::addColumn<int>("counters");
    QTest::addColumn<int>("flows");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QByteArray>("skipReason");

    const auto x = [](const char *extra = "") {
        return std::string(R"({"ph":"X","name":"op","pid":1,"tid":1,"ts":10,"dur":5)") + extra + "}";
    };
    QTest::newRow("one X") << QByteArray::fromStdString(trace(x())) << 1 << 0 << 0 << 0 << 0 << QByteArray();
    QTest::newRow("bare array form") << QByteArray::fromStdString("[" + x() + "," + x() + "]") << 2 << 0 << 0 << 0 << 0 << QByteArray();
    QTest::newRow("traceEvents after metadata")
        << QByteArray(R"({"schemaVersion":1,"deviceProperties":[{"id":0}],"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":1}],"displayTimeUnit":"ms"})")
        << 1 << 0 << 0 << 0 << 0 << QByteArray();
    QTest::newRow("B/E pair") << QByteArray::fromStdString(trace(R"({"ph":"B","name":"a","pid":1,"tid":1,"ts":1},{"ph":"E","pid":1,"tid":1,"ts":4})"))
                              << 1 << 0 << 0 << 0 << 0 << QByteArray();
    QTest::newRow("E without B") << QByteArray::fromStdString(trace(R"({"ph":"E","pid":1,"tid":1,"ts":4})"))
                                 << 0 << 0 << 0 << 0 << 1 << QByteArray("E without matching B");
    QTest::newRow("B without E") << QByteArray::fromStdString(trace(R"({"ph":"B","name":"a","pid":1,"tid":1,"ts":1})"))
                                 << 0 << 0 << 0 << 0 << 1 << QByteArray("B without matching E");
    QTest::newRow("negative dur") << QByteArray::fromStdString(trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":5,"dur":-1})"))
                                  << 0 << 0 << 0 << 0 << 1 << QByteArray("negative duration");
    QTest::newRow("X without dur") << QByteArray::fromStdString(trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":5})"))
                                   << 0 << 0 << 0 << 0 << 1 << QByteArray("X event without dur");
    QTest::newRow("NaN-like ts") << QByteArray::fromStdString(trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":"NaN","dur":1})"))
                                 << 0 << 0 << 0 << 0 << 1 << QByteArray("invalid ts");
    QTest::newRow("huge ts") << QByteArray::fromStdString(trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":1e300,"dur":1})"))
                             << 0 << 0 << 0 << 0 << 1 << QByteArray("ts out of range");
    QTest::newRow("instants t p g") << QByteArray::fromStdString(trace(
        R"({"ph":"i","name":"a","pid":1,"tid":1,"ts":1,"s":"t"},{"ph":"I","name":"b","pid":1,"tid":1,"ts":1,"s":"p"},{"ph":"i","name":"c","pid":"","tid":"","ts":1,"s":"g"})"))
                                    << 0 << 3 << 0 << 0 << 0 << QByteArray();
    QTest::newRow("C two series") << QByteArray::fromStdString(trace(R"({"ph":"C","name":"mem","pid":1,"ts":1,"args":{"used":5,"free":7.5,"note":"x"}})"))
                                  << 0 << 0 << 2 << 0 << 0 << QByteArray();
    QTest::newRow("C without numbers") << QByteArray::fromStdString(trace(R"({"ph":"C","name":"mem","pid":1,"ts":1,"args":{"note":"x"}})"))
                                       << 0 << 0 << 0 << 0 << 1 << QByteArray("C event without numeric args");
    QTest::newRow("unsupported phase") << QByteArray::fromStdString(trace(R"({"ph":"b","name":"a","pid":1,"tid":1,"ts":1,"id":1})"))
                                       << 0 << 0 << 0 << 0 << 1 << QByteArray("unsupported phase b");
    QTest::newRow("event not an object") << QByteArray::fromStdString(trace(R"(1,"two",[3])"))
                                         << 0 << 0 << 0 << 0 << 3 << QByteArray("event is not an object");
    QTest::newRow("no ph") << QByteArray::fromStdString(trace(R"({"name":"a"})"))
                           << 0 << 0 << 0 << 0 << 1 << QByteArray("event without ph");
    QTest::newRow("empty traceEvents") << QByteArray(R"({"traceEvents":[]})") << 0 << 0 << 0 << 0 << 0 << QByteArray();
}

void TestChromeImporter::counts()
{
    QFETCH(QByteArray, input);
    QFETCH(int, slices);
    QFETCH(int, instants);
    QFETCH(int, counters);
    QFETCH(int, flows);
    QFETCH(int, skipped);
    QFETCH(QByteArray, skipReason);
    const StreamSummary s = importBytes(input.toStdString());
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY(s.hasResult);
    QCOMPARE(s.format, std::string("chrome-trace"));
    QCOMPARE(int(s.slices), slices);
    QCOMPARE(int(s.instants), instants);
    QCOMPARE(int(s.counterSamples), counters);
    QCOMPARE(int(s.flows), flows);
    QCOMPARE(int(s.skippedTotal()), skipped);
    if (!skipReason.isEmpty())
        QVERIFY2(s.skipped.count(skipReason.toStdString()), skipReason.constData());
}

void TestChromeImporter::failures_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("errorContains");
    QTest::newRow("empty file") << QByteArray() << QByteArray("empty");
    QTest::newRow("only blanks") << QByteArray(" \n\t ") << QByteArray("empty");
    QTest::newRow("not json") << QByteArray("PK\x03\x04 zip?") << QByteArray("not a supported format");
    QTest::newRow("truncated") << QByteArray(R"({"traceEvents":[{"ph":"X","name":"a")") << QByteArray("truncated");
    QTest::newRow("syntax error") << QByteArray(R"({"traceEvents":[{"ph" "X"}]})") << QByteArray("byte offset");
    QTest::newRow("object without traceEvents") << QByteArray(R"({"a":1})") << QByteArray("no traceEvents");
    QTest::newRow("traceEvents not an array") << QByteArray(R"({"traceEvents":{"ph":"X"}})")
                                              << QByteArray("traceEvents is not an array");
    QTest::newRow("truncated gzip") << QByteArray::fromStdString(gzipOf(trace(std::string(5000, ' '))).substr(0, 40))
                                    << QByteArray("gzip");
    QTest::newRow("corrupt zstd") << QByteArray("\x28\xb5\x2f\xfd\x00\x00\xff\xff\xff\xff", 10) << QByteArray("zstd");
}

void TestChromeImporter::failures()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, errorContains);
    const StreamSummary s = importBytes(input.toStdString());
    QCOMPARE(s.exitCode, int(ts::parsers::kExitInputError));
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY(!s.hasResult);
    QVERIFY2(s.error.find(errorContains.toStdString()) != std::string::npos, s.error.c_str());
}

void TestChromeImporter::compressedByContent()
{
    const std::string plain = trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":1},{"ph":"i","name":"b","pid":1,"tid":1,"ts":2})");
    for (const std::string &input : {gzipOf(plain), zstdOf(plain), gzipOf(plain) + gzipOf(plain)}) {
        const StreamSummary s = importBytes(input);
        QCOMPARE(s.exitCode, 0);
        QVERIFY(s.valid);
        QVERIFY(s.slices >= 1);
    }
    // Two concatenated gzip members are one valid gzip file holding both.
    QCOMPARE(importBytes(gzipOf("[") + gzipOf(R"({"ph":"i","name":"b","pid":1,"tid":1,"ts":2}])")).instants,
             uint64_t(1));
}

void TestChromeImporter::nanosecondsSurvive()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"X","name":"k","pid":0,"tid":7,"ts":1712195495519689.047,"dur":3.999})"));
    QCOMPARE(s.sliceRecs.size(), size_t(1));
    QCOMPARE(s.sliceRecs[0].ts, int64_t(1712195495519689047));
    QCOMPARE(s.sliceRecs[0].dur, int64_t(3999));
}

void TestChromeImporter::metadataNamesAndTrailingSpace()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"M","name":"thread_name","pid":0,"tid":7,"args":{"name":"stream 7 "}},)"
        R"({"ph":"M","name":"process_labels","pid":0,"tid":0,"args":{"labels":"GPU 0"}},)"
        R"({"ph":"M","name":"process_sort_index","pid":0,"args":{"sort_index":5000000}},)"
        R"({"ph":"M","name":"something_else","pid":0,"args":{}})"));
    QVERIFY(s.valid);
    bool found = false;
    for (const auto &[id, name] : s.threadNames)
        found = found || name == "stream 7";
    QVERIFY2(found, "the trailing space of a GPU stream name is trimmed");
    QCOMPARE(s.skipped.at("metadata event not used"), uint64_t(1));
}

void TestChromeImporter::stringPidsAreTheirOwnProcesses()
{
    // Legacy Kineto: "25738" on slices is the same thread as 25738 on flows; "Spans" and "" are
    // named pseudo-processes.
    const StreamSummary s = importBytes(trace(
        R"({"ph":"X","name":"launch","pid":"25738","tid":"25738","ts":10,"dur":5},)"
        R"({"ph":"s","id":1,"cat":"async","name":"launch","pid":25738,"tid":25738,"ts":10},)"
        R"({"ph":"X","name":"kernel","pid":0,"tid":"stream 7","ts":30,"dur":2},)"
        R"({"ph":"f","id":1,"cat":"async","name":"launch","pid":0,"tid":"stream 7","ts":30,"bp":"e"},)"
        R"({"ph":"X","name":"Trace","pid":"Spans","tid":"PyTorch Profiler","ts":0,"dur":100})"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.slices, uint64_t(3));
    QCOMPARE(s.flows, uint64_t(1));
    QCOMPARE(s.flowRecs[0].out.track, s.sliceRecs[0].track);
    QCOMPARE(s.flowRecs[0].in.track, s.sliceRecs[1].track);
    QVERIFY(std::find(s.strings.begin(), s.strings.end(), "Spans") != s.strings.end());
}

void TestChromeImporter::memoryCountersModern()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"i","cat":"cpu_instant_event","s":"t","name":"[memory]","pid":42,"tid":42,"ts":1,)"
        R"("args":{"Device Type":1,"Device Id":0,"Bytes":512,"Total Allocated":1024,"Total Reserved":4096}},)"
        R"({"ph":"i","cat":"cpu_instant_event","s":"t","name":"[memory]","pid":42,"tid":42,"ts":2,)"
        R"("args":{"Device Type":1,"Device Id":0,"Bytes":-512,"Total Allocated":512,"Total Reserved":4096}})"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.instants, uint64_t(2));
    QCOMPARE(s.counterSamples, uint64_t(4)); // derived: two series × two events
    int derivedTracks = 0;
    for (const auto &[id, name] : s.trackNames)
        derivedTracks += name == "Total Allocated" || name == "Total Reserved";
    QCOMPARE(derivedTracks, 2);
}

void TestChromeImporter::argsReadWhereverTheyStand_data()
{
    // The reader collects args scalars as it parses when ph or name came first, and reads them
    // from the kept text when they come after: both must give the same records.
    QTest::addColumn<QByteArray>("argsFirst");
    QTest::addColumn<QByteArray>("argsLast");
    QTest::addColumn<int>("counterSamples");
    QTest::addColumn<QByteArray>("name"); // a thread or counter track name that must appear
    QTest::newRow("[memory]")
        << QByteArray(R"({"args":{"Device Type":1,"Device Id":0,"Total Allocated":8,"Total Reserved":9},"ph":"i","s":"t","name":"[memory]","pid":4,"tid":4,"ts":1})")
        << QByteArray(R"({"ph":"i","s":"t","name":"[memory]","pid":4,"tid":4,"ts":1,"args":{"Device Type":1,"Device Id":0,"Total Allocated":8,"Total Reserved":9}})")
        << 2 << QByteArray("Total Reserved");
    QTest::newRow("C")
        << QByteArray(R"({"args":{"used":5,"free":7.5,"deep":{"x":1},"on":true},"name":"mem","ph":"C","pid":1,"ts":1})")
        << QByteArray(R"({"name":"mem","ph":"C","pid":1,"ts":1,"args":{"used":5,"free":7.5,"deep":{"x":1},"on":true}})")
        << 2 << QByteArray("mem free");
    QTest::newRow("M thread_name")
        << QByteArray(R"({"args":{"name":"worker"},"ph":"M","name":"thread_name","pid":1,"tid":2})")
        << QByteArray(R"({"ph":"M","name":"thread_name","pid":1,"tid":2,"args":{"name":"worker"}})")
        << 0 << QByteArray("worker");
}

void TestChromeImporter::argsReadWhereverTheyStand()
{
    QFETCH(QByteArray, argsFirst);
    QFETCH(QByteArray, argsLast);
    QFETCH(int, counterSamples);
    QFETCH(QByteArray, name);
    const StreamSummary first = importBytes(trace(argsFirst.toStdString()));
    const StreamSummary last = importBytes(trace(argsLast.toStdString()));
    for (const StreamSummary *s : {&first, &last}) {
        QVERIFY2(s->valid, s->violation.c_str());
        QCOMPARE(int(s->counterSamples), counterSamples);
        QVERIFY(std::count(s->strings.begin(), s->strings.end(), name.toStdString()) == 1);
    }
    QCOMPARE(first.trackNames, last.trackNames);
    QCOMPARE(first.threadNames, last.threadNames);
}

void TestChromeImporter::memoryCountersLegacy()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"i","s":"t","name":"[memory]","pid":42,"tid":42,"ts":1,"args":{"Device Type":1,"Device Id":0,"Bytes":100}},)"
        R"({"ph":"i","s":"t","name":"[memory]","pid":42,"tid":42,"ts":2,"args":{"Device Type":1,"Device Id":0,"Bytes":-40}})"));
    QVERIFY(s.valid);
    QCOMPARE(s.counterSamples, uint64_t(2)); // the running sum: 100, then 60
}

void TestChromeImporter::flowOrderAndBinding()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"f","id":"7","cat":"ac2g","name":"ac2g","pid":0,"tid":7,"ts":30,"bp":"e"},)" // f first
        R"({"ph":"s","id":"7","cat":"ac2g","name":"ac2g","pid":1,"tid":1,"ts":10},)"
        R"({"ph":"s","id":1234567890123456789,"cat":"ac2g","name":"ac2g","pid":1,"tid":1,"ts":11},)" // orphan start
        R"({"ph":"f","id":1234567890123456788,"cat":"ac2g","name":"ac2g","pid":0,"tid":7,"ts":31,"bp":"e"},)" // orphan end
        R"({"ph":"s","id":"9","cat":"ac2g","name":"ac2g","pid":1,"tid":1,"ts":12},)"
        R"({"ph":"s","id":"9","cat":"ac2g","name":"ac2g","pid":1,"tid":1,"ts":13},)" // duplicate
        R"({"ph":"f","id":"9","cat":"ac2g","name":"ac2g","pid":0,"tid":7,"ts":33})"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.flows, uint64_t(2));
    QCOMPARE(s.skipped.at("flow start without end"), uint64_t(1));
    QCOMPARE(s.skipped.at("flow end without start"), uint64_t(1));
    QCOMPARE(s.skipped.at("duplicate flow start (same id)"), uint64_t(1));
    QCOMPARE(int(s.flowRecs[0].in.bind), int(ts::rec::FlowBind::Enclosing));
    QCOMPARE(int(s.flowRecs[1].in.bind), int(ts::rec::FlowBind::Next)); // no bp
}

void TestChromeImporter::flowsVersion2()
{
    const StreamSummary s = importBytes(trace(
        R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2,"bind_id":"0xf","flow_out":true},)"
        R"({"ph":"X","name":"b","pid":1,"tid":2,"ts":5,"dur":2,"bind_id":"0xf","flow_in":true})"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.flows, uint64_t(1));
    QCOMPARE(int(s.flowRecs[0].out.bind), int(ts::rec::FlowBind::Sequence));
    QCOMPARE(s.flowRecs[0].out.sequence, uint64_t(0));
    QCOMPARE(s.flowRecs[0].in.sequence, uint64_t(1));
}

void TestChromeImporter::argsKeptAsWritten_data()
{
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QByteArray>("stored");
    QTest::newRow("compact") << QByteArray(R"({"a":1,"b":"x"})") << QByteArray(R"({"a":1,"b":"x"})");
    QTest::newRow("pretty, as Kineto writes it")
        << QByteArray("{\n    \"a\": 1.50,\n    \"b\": [1, {\"c\": null}]\n  }")
        << QByteArray("{\n    \"a\": 1.50,\n    \"b\": [1, {\"c\": null}]\n  }");
    QTest::newRow("escapes stay escapes")
        << QByteArray(R"({"s":"\u00e9\"\\\n\/"})") << QByteArray(R"({"s":"\u00e9\"\\\n\/"})");
    QTest::newRow("empty object is no args") << QByteArray("{ }") << QByteArray();
    QTest::newRow("not an object is no args") << QByteArray("[1,2]") << QByteArray();
}

void TestChromeImporter::argsKeptAsWritten()
{
    QFETCH(QByteArray, args);
    QFETCH(QByteArray, stored);
    const StreamSummary s = importBytes(trace(R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"args":)" +
                                              args.toStdString() + R"(,"dur":2})"));
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.slices, uint64_t(1));
    QCOMPARE(QByteArray::fromStdString(std::string(s.sliceRecs[0].args)), stored);
}

void TestChromeImporter::argsAcrossChunks_data()
{
    QTest::addColumn<QString>("compression");
    QTest::newRow("plain") << QStringLiteral("plain");
    QTest::newRow("gzip") << QStringLiteral("gzip");
    QTest::newRow("zstd") << QStringLiteral("zstd");
}

void TestChromeImporter::argsAcrossChunks()
{
    // Over 3 MiB of events with args of every length from 20 to 220 bytes: the input arrives
    // in chunks of about 1 MiB, so some args start in one chunk and end in the next.
    QFETCH(QString, compression);
    std::vector<std::string> expected;
    std::string events;
    for (int i = 0; i < 24000; ++i) {
        expected.push_back(R"({"i":)" + std::to_string(i) + R"(,"pad":")" +
                           std::string(size_t(i % 201), char('a' + i % 26)) + R"("})");
        events += (i ? "," : "") + std::string(R"({"ph":"X","name":"n","pid":1,"tid":1,"ts":)") +
                  std::to_string(i) + R"(,"dur":1,"args":)" + expected.back() + "}";
    }
    std::string input = trace(events);
    QVERIFY(input.size() > (3u << 20));
    if (compression == QLatin1String("gzip"))
        input = gzipOf(input);
    else if (compression == QLatin1String("zstd"))
        input = zstdOf(input);
    const StreamSummary s = importBytes(input);
    QCOMPARE(s.exitCode, 0);
    QCOMPARE(s.sliceRecs.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(QString::fromStdString(std::string(s.sliceRecs[i].args)),
                 QString::fromStdString(expected[i]));
}

void TestChromeImporter::controlCharactersRepaired()
{
    const StreamSummary s = importBytes(trace("{\"ph\":\"X\",\"name\":\"a\x01\tb\nc\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":1}"));
    QCOMPARE(s.exitCode, 0);
    QCOMPARE(s.slices, uint64_t(1));
    QCOMPARE(s.str(s.sliceRecs[0].name), std::string("a  b c"));
    QVERIFY(!s.warnings.empty());
    QVERIFY(s.warnings[0].find("control characters") != std::string::npos);
}

void TestChromeImporter::invalidUtf8Repaired()
{
    const StreamSummary s = importBytes(trace("{\"ph\":\"X\",\"name\":\"bad\xff\xc0\x80\",\"pid\":1,\"tid\":1,\"ts\":1,\"dur\":1,\"args\":{\"k\":\"\xed\xa0\x80\"}}"));
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str()); // the app's strict validator accepts the repair
    QCOMPARE(s.slices, uint64_t(1));
    QVERIFY(s.str(s.sliceRecs[0].name).find("\xef\xbf\xbd") != std::string::npos);
}

void TestChromeImporter::deepNestingSkipped()
{
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const StreamSummary s = importBytes(trace(
        R"({"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":1,"args":{"x":)" + deep + "}}," +
        R"({"ph":"X","name":"b","pid":1,"tid":1,"ts":2,"dur":1})"));
    QCOMPARE(s.exitCode, 0);
    QVERIFY(s.valid);
    QCOMPARE(s.slices, uint64_t(1));
    QCOMPARE(s.skipped.at("args nested too deeply"), uint64_t(1));
}

void TestChromeImporter::zstdBombStopped()
{
    // 300 MiB of blanks compress to a few kilobytes: far past the 1000× expansion limit.
    ZSTD_CCtx *ctx = ZSTD_createCCtx();
    std::string out;
    const std::string head = R"({"traceEvents":[)";
    std::string block(1 << 20, ' ');
    std::string buf(ZSTD_CStreamOutSize(), '\0');
    for (int i = 0; i <= 300; ++i) {
        const std::string &chunk = i == 0 ? head : block;
        ZSTD_inBuffer in{chunk.data(), chunk.size(), 0};
        while (in.pos < in.size) {
            ZSTD_outBuffer o{buf.data(), buf.size(), 0};
            ZSTD_compressStream2(ctx, &o, &in, ZSTD_e_continue);
            out.append(buf.data(), o.pos);
        }
    }
    ZSTD_inBuffer none{nullptr, 0, 0};
    size_t left;
    do {
        ZSTD_outBuffer o{buf.data(), buf.size(), 0};
        left = ZSTD_compressStream2(ctx, &o, &none, ZSTD_e_end);
        out.append(buf.data(), o.pos);
    } while (left != 0);
    ZSTD_freeCCtx(ctx);
    QVERIFY(out.size() < (1 << 20));
    const StreamSummary s = importBytes(out);
    QCOMPARE(s.exitCode, int(ts::parsers::kExitInputError));
    QVERIFY2(s.error.find("decompression bomb") != std::string::npos, s.error.c_str());
}

void TestChromeImporter::topLevelMetadata()
{
    const StreamSummary s = importBytes(
        R"({"distributedInfo":{"backend":"nccl","rank":3,"world_size":8},"baseTimeNanoseconds":1727743122000000000,)"
        R"("traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":1}],"deviceProperties":[{"id":0,"name":"A100"}]})");
    QVERIFY(s.valid);
    QCOMPARE(s.metadata.at("baseTimeNanoseconds"), std::string("1727743122000000000"));
    QVERIFY(s.metadata.at("distributedInfo").find("\"rank\":3") != std::string::npos);
    QVERIFY(s.metadata.at("deviceProperties").find("A100") != std::string::npos);
}

void TestChromeImporter::displayTimeUnitIsOnlyMetadata()
{
    // displayTimeUnit tells a viewer how to show times; ts and dur stay microseconds.
    for (const char *unit : {"ns", "ms"}) {
        const StreamSummary s = importBytes(std::string(R"({"displayTimeUnit":")") + unit +
                                            R"(","traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":2,"dur":3}]})");
        QVERIFY2(s.valid, s.violation.c_str());
        QCOMPARE(s.metadata.at("displayTimeUnit"), std::string(unit));
        QCOMPARE(s.sliceRecs.size(), size_t(1));
        QCOMPARE(s.sliceRecs[0].ts, int64_t(2000));
        QCOMPARE(s.sliceRecs[0].dur, int64_t(3000));
    }
}

void TestChromeImporter::repairStaysUnderCaps_data()
{
    // A bad byte becomes U+FFFD, three bytes: strings under a cap before the repair can be over
    // it after. The app kills a child whose record is over a cap, so these must come out short.
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("slices");
    QTest::addColumn<bool>("argsOmitted");
    QTest::addColumn<int>("nameBytes"); // of the first slice's name; -1: not checked
    const auto x = [](const std::string &name, const std::string &args) {
        return trace(R"({"ph":"X","name":")" + name + R"(","ts":1,"dur":1,"pid":1,"tid":1,"args":{"k":")" +
                     args + R"("}})");
    };
    QTest::newRow("name of 30000 x 0xFF")
        << QByteArray::fromStdString(x(std::string(30000, '\xff'), "v")) << 1 << false
        << int(ts::rec::kMaxStringBytes) - 1; // 21845 U+FFFD, cut before the one that would cross
    QTest::newRow("ASCII then bad bytes under the cap")
        << QByteArray::fromStdString(x(std::string(60000, 'a') + std::string(3000, '\xc0'), "v")) << 1
        << false << int(ts::rec::kMaxStringBytes) - 1;
    QTest::newRow("a character across the cap")
        << QByteArray::fromStdString(x(std::string(ts::rec::kMaxStringBytes - 1, 'a') + "\xc3\xa9", "v"))
        << 1 << false << int(ts::rec::kMaxStringBytes) - 1;
    QTest::newRow("key of a top-level member")
        << QByteArray::fromStdString(R"({")" + std::string(65000, 'k') + std::string(700, '\xff') +
                                     R"(":{"ph":"X"},"traceEvents":[]})")
        << 0 << false << -1;
    QTest::newRow("args of 400000 x 0xFF")
        << QByteArray::fromStdString(x("a", std::string(400000, '\xff'))) << 1 << true << 1;
    QTest::newRow("args of 2 MiB ASCII")
        << QByteArray::fromStdString(x("a", std::string(2 << 20, 'z'))) << 1 << true << 1;
    QTest::newRow("top-level string of 400000 x 0xFF")
        << QByteArray::fromStdString(R"({"note":")" + std::string(400000, '\xff') + R"(","traceEvents":[]})")
        << 0 << false << -1;
}

void TestChromeImporter::repairStaysUnderCaps()
{
    QFETCH(QByteArray, input);
    QFETCH(int, slices);
    QFETCH(bool, argsOmitted);
    QFETCH(int, nameBytes);
    const StreamSummary s = importBytes(input.toStdString());
    QCOMPARE(s.exitCode, 0);
    QVERIFY2(s.valid, s.violation.c_str()); // the app's validator: strings ≤ cap, valid UTF-8
    QCOMPARE(int(s.slices), slices);
    for (const std::string &str : s.strings)
        QVERIFY(str.size() <= ts::rec::kMaxStringBytes);
    for (const auto &[key, value] : s.metadata)
        QVERIFY(value.size() <= ts::parsers::RecordSink::kMaxJsonBytes);
    if (slices > 0) {
        const std::string_view args = s.sliceRecs[0].args;
        QVERIFY(args.size() <= ts::parsers::RecordSink::kMaxJsonBytes);
        QCOMPARE(args.find("(omitted)") != std::string_view::npos, argsOmitted);
        // Still one JSON object for the details pane.
        QVERIFY(args.front() == '{' && args.back() == '}');
        if (nameBytes >= 0)
            QCOMPARE(int(s.str(s.sliceRecs[0].name).size()), nameBytes);
    }
    const bool warned = std::any_of(s.warnings.begin(), s.warnings.end(), [](const std::string &w) {
        return w.find("were left out") != std::string::npos;
    });
    QCOMPARE(warned, argsOmitted);
}

void TestChromeImporter::corpusFilesStayValid_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(TRACESCOPE_TEST_DATA "/chrome"));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestChromeImporter::corpusFilesStayValid()
{
    // What the fuzzer found is kept in tests/data/chrome: each file must give a stream the app
    // accepts, ending in one Result or Error (in any build, not only the sanitizer one).
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const StreamSummary s = importBytes(f.readAll().toStdString());
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY(s.hasResult != !s.error.empty());
}

// torch_npu trace_view.json (a bare array, string ts with ns digits, 19-digit async_npu flow
// ids, string HostToDevice ids, and in the 2024 file decimal-concatenated pids wider than 32
// bits): every X event a slice, the first one's start exact to the ns, every pid its own
// process named by its process_name metadata. The expectations are read from the file with
// Qt's JSON parser, not from the importer.
void TestChromeImporter::ascendTraceViews_data()
{
    QTest::addColumn<QString>("file");
    const QString root = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/");
    QTest::newRow("2025 Level1 rank 0")
        << root + "msinsight/test/data/pytorch/text/level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                  "trace_view.json";
    QTest::newRow("2024 decimal-concatenated pids")
        << root + "msprof-analyze/test/ut/advisor/timeline_advice/trace_view.json";
}

void TestChromeImporter::ascendTraceViews()
{
    QFETCH(QString, file);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("the Ascend samples are not here");
    const QByteArray bytes = f.readAll();
    const QJsonArray events = QJsonDocument::fromJson(bytes).array();
    QVERIFY(!events.isEmpty());
    int xEvents = 0;
    QString firstTs;
    std::map<int64_t, QString> names; // pid → process_name
    bool widePid = false;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString ph = e.value(QLatin1String("ph")).toString();
        if (ph == QLatin1String("X")) {
            if (xEvents++ == 0)
                firstTs = e.value(QLatin1String("ts")).toString();
        } else if (ph == QLatin1String("M") &&
                   e.value(QLatin1String("name")).toString() == QLatin1String("process_name")) {
            const int64_t pid = int64_t(e.value(QLatin1String("pid")).toDouble());
            names[pid] =
                e.value(QLatin1String("args")).toObject().value(QLatin1String("name")).toString();
            widePid = widePid || pid > int64_t(UINT32_MAX);
        }
    }
    const StreamSummary s = importBytes(bytes.toStdString());
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY2(s.hasResult, s.error.c_str());
    QCOMPARE(int(s.slices), xEvents);
    QVERIFY(s.flows > 0);
    // "1736408883688177.930" → …688177930 ns: the digits, not a double.
    const QStringList parts = firstTs.split(QLatin1Char('.'));
    const qint64 expectedNs =
        parts[0].toLongLong() * 1000 + (parts.value(1) + "000").left(3).toLongLong();
    QCOMPARE(s.sliceRecs[0].ts, expectedNs);
    for (const auto &[pid, name] : names)
        QCOMPARE(QString::fromStdString(s.processNames.at(pid)), name);
    if (file.contains(QLatin1String("timeline_advice")))
        QVERIFY(widePid); // the file is what this row is about
}

QTEST_APPLESS_MAIN(TestChromeImporter)
#include "tst_chromeimporter.moc"

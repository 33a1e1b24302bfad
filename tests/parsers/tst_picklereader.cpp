// The safe pickle reader (parsers/pickle) on the files of tests/data/pickle (made by
// make_pickles.py, which also wrote what CPython's pickle.loads makes of each valid one), on every
// byte value as an opcode, on every truncation of small valid pickles, on its limits, and on the
// real memory snapshots of ../shared/samples/pytorch.
#include "common/inputsource.h"
#include "pickle/bytesource.h"
#include "pickle/picklereader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

using ts::parsers::ByteSource;
using ts::parsers::MemoryByteSource;
using ts::parsers::PickleDocument;
using ts::parsers::PickleLimits;
using ts::parsers::PickleReader;
using ts::parsers::PickleValue;

Q_DECLARE_METATYPE(PickleValue::Type)

namespace {

const QString kData = QStringLiteral(TRACESCOPE_TEST_DATA "/pickle");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

std::string canonicalOf(const PickleDocument &doc)
{
    std::string out;
    ts::parsers::appendCanonical(doc.root(), out, size_t(1) << 30);
    return out;
}

struct Outcome
{
    std::unique_ptr<PickleDocument> doc;
    ts::parsers::PickleError error;
};

Outcome readBytes(const QByteArray &bytes, size_t chunk = 0, PickleLimits limits = {})
{
    MemoryByteSource source(std::string_view(bytes.constData(), size_t(bytes.size())), chunk);
    PickleReader reader(limits);
    Outcome o;
    o.doc = reader.read(source);
    o.error = reader.error();
    return o;
}

// "a/0/name": dict keys and sequence indices, as a consumer chains them.
PickleValue walk(PickleValue v, const QString &path)
{
    if (path.isEmpty())
        return v;
    for (const QString &part : path.split(QLatin1Char('/'))) {
        bool isIndex = false;
        const int i = part.toInt(&isIndex);
        v = isIndex && !v.isDict() ? v.at(size_t(i)) : v.get(part.toStdString());
    }
    return v;
}

QByteArray p4(const QByteArray &body)
{
    return QByteArray("\x80\x04", 2) + body;
}

QByteArray gzipOf(const QByteArray &in)
{
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(in.size())) + 64), '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(int(z.total_out));
    deflateEnd(&z);
    return out;
}

// A list of n small ints in batches of 1000 (as Python's pickler writes a long list).
QByteArray bigList(int n)
{
    QByteArray b = p4(QByteArray("]", 1));
    for (int i = 0; i < n; i += 1000) {
        b += '(';
        for (int k = i; k < std::min(n, i + 1000); ++k)
            b += QByteArray("K", 1) + char(k & 0x7f);
        b += 'e';
    }
    return b + '.';
}

QByteArray le32(uint32_t v)
{
    return QByteArray(reinterpret_cast<const char *>(&v), 4);
}

} // namespace

class TestPickleReader : public QObject
{
    Q_OBJECT
private slots:
    void validFiles_data();
    void validFiles();
    void hostileFiles_data();
    void hostileFiles();
    void everyOpcodeByte_data();
    void everyOpcodeByte();
    void integers_data();
    void integers();
    void memoSharing_data();
    void memoSharing();
    void truncatedEverywhere_data();
    void truncatedEverywhere();
    void limits_data();
    void limits();
    void accessors_data();
    void accessors();
    void streamedLongString_data();
    void streamedLongString();
    void gzipThroughInputSource();
    void progressAndCancel();
    void realSamples_data();
    void realSamples();
};

void TestPickleReader::validFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("chunk");
    const QStringList names =
        QDir(kData + "/valid").entryList({"*.pickle"}, QDir::Files, QDir::Name);
    QVERIFY(names.size() >= 25);
    for (const QString &file : names) {
        const QString name = file.chopped(7);
        for (const int chunk : {0, 1, 7})
            QTest::addRow("%s/chunk%d", qPrintable(name), chunk) << name << chunk;
    }
}

void TestPickleReader::validFiles()
{
    QFETCH(QString, name);
    QFETCH(int, chunk);
    const QByteArray bytes = readFile(kData + "/valid/" + name + ".pickle");
    const QByteArray expected = readFile(kData + "/valid/" + name + ".expected");
    QVERIFY(!bytes.isEmpty() && !expected.isEmpty());
    const Outcome o = readBytes(bytes, size_t(chunk));
    QVERIFY2(o.doc, o.error.message.c_str());
    QCOMPARE(QByteArray::fromStdString(canonicalOf(*o.doc)), expected);
}

void TestPickleReader::hostileFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("offset");
    const QList<QByteArray> lines = readFile(kData + "/hostile/expected.tsv").split('\n');
    int rows = 0;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() != 3)
            continue;
        QTest::newRow(f[0].constData()) << QString(f[0]) << QString(f[1]) << f[2].toLongLong();
        ++rows;
    }
    QVERIFY(rows >= 60);
}

void TestPickleReader::hostileFiles()
{
    QFETCH(QString, name);
    QFETCH(QString, text);
    QFETCH(qint64, offset);
    const QByteArray bytes = readFile(kData + "/hostile/" + name + ".pickle");
    for (const size_t chunk : {size_t(0), size_t(3)}) {
        const Outcome o = readBytes(bytes, chunk);
        QVERIFY2(!o.doc, "a hostile input was accepted");
        const QString message = QString::fromStdString(o.error.message);
        QVERIFY2(message.contains(text), qPrintable(message));
        if (offset >= 0) {
            QCOMPARE(qint64(o.error.offset), offset);
            QVERIFY2(message.contains(QStringLiteral("offset %1").arg(offset)),
                     qPrintable(message));
        }
    }
}

void TestPickleReader::everyOpcodeByte_data()
{
    QTest::addColumn<int>("code");
    // Accepted opcodes are covered by validFiles; every other byte must be refused.
    const QByteArray accepted("().012BCGJKMNTUX]adeghjlpqrstu}");
    const QList<int> acceptedHigh = {0x80, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c,
                                     0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x94, 0x95, 0x96};
    for (int c = 0; c < 256; ++c) {
        if ((c < 0x80 && accepted.contains(char(c))) || acceptedHigh.contains(c))
            continue;
        QTest::addRow("0x%02x", c) << c;
    }
}

void TestPickleReader::everyOpcodeByte()
{
    QFETCH(int, code);
    const QByteArray bytes = p4(QByteArray("N", 1) + char(code) + QByteArray(16, '\0') + '.');
    const Outcome o = readBytes(bytes);
    QVERIFY(!o.doc);
    const QString message = QString::fromStdString(o.error.message);
    QVERIFY2(message.contains(QStringLiteral("(0x%1)").arg(code, 2, 16, QLatin1Char('0'))),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("byte offset 3")), qPrintable(message));
    QCOMPARE(o.error.offset, uint64_t(3));
    QCOMPARE(o.error.opcode, code);
    const char *name = ts::parsers::pickleOpcodeName(uint8_t(code));
    QVERIFY2(message.startsWith(name ? QStringLiteral("refused opcode ") + name
                                     : QStringLiteral("unknown opcode")),
             qPrintable(message));
}

void TestPickleReader::integers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<PickleValue::Type>("type");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("fitsInt");
    QTest::addColumn<bool>("fitsUInt");
    using T = PickleValue::Type;
    const auto long1 = [](const QByteArray &b) {
        return QByteArray("\x8a", 1) + char(b.size()) + b;
    };
    QTest::newRow("long1-9-bytes-2^63") << long1(QByteArray("\0\0\0\0\0\0\0\x80\0", 9)) << T::UInt64
                                        << "9223372036854775808" << false << true;
    QTest::newRow("long1-9-bytes-2^64-1") << long1(QByteArray(8, '\xff') + '\0') << T::UInt64
                                          << "18446744073709551615" << false << true;
    QTest::newRow("long1-9-bytes-small")
        << long1(QByteArray("\x05\0\0\0\0\0\0\0\0", 9)) << T::Int << "5" << true << true;
    QTest::newRow("long1-8-bytes-min") << long1(QByteArray("\0\0\0\0\0\0\0\x80", 8)) << T::Int
                                       << "-9223372036854775808" << true << false;
    QTest::newRow("long1-9-bytes-below-min")
        << long1(QByteArray("\xff\xff\xff\xff\xff\xff\xff\x7f\xff", 9)) << T::BigInt
        << "L:ffffffffffffff7fff" << false << false;
    QTest::newRow("long1-empty") << long1({}) << T::Int << "0" << true << true;
    QTest::newRow("long1-time_us") << long1(QByteArray("\x00\x70\x5e\xe0\x6b\x1b\x06", 7)) << T::Int
                                   << "1719000000000000" << true << true;
    QTest::newRow("long4-2^64") << QByteArray("\x8b", 1) + le32(9) + QByteArray(8, '\0') + '\x01'
                                << T::BigInt << "L:000000000000000001" << false << false;
    QTest::newRow("binint-negative")
        << QByteArray("J\xfe\xff\xff\xff", 5) << T::Int << "-2" << true << false;
    QTest::newRow("binint2") << QByteArray("M\xff\xff", 3) << T::Int << "65535" << true << true;
    QTest::newRow("binint1") << QByteArray("K\xff", 2) << T::Int << "255" << true << true;
    QTest::newRow("small-edge") << QByteArray("J\xff\xff\xff\x07", 5) << T::Int << "134217727"
                                << true << true;
    QTest::newRow("past-small") << QByteArray("J\x00\x00\x00\x08", 5) << T::Int << "134217728"
                                << true << true;
}

void TestPickleReader::integers()
{
    QFETCH(QByteArray, body);
    QFETCH(PickleValue::Type, type);
    QFETCH(QString, canonical);
    QFETCH(bool, fitsInt);
    QFETCH(bool, fitsUInt);
    const Outcome o = readBytes(p4(body + '.'));
    QVERIFY2(o.doc, o.error.message.c_str());
    const PickleValue v = o.doc->root();
    QCOMPARE(v.type(), type);
    QCOMPARE(QString::fromStdString(canonicalOf(*o.doc)), canonical);
    QCOMPARE(v.asInt().has_value(), fitsInt);
    QCOMPARE(v.asUInt64().has_value(), fitsUInt);
    if (fitsUInt)
        QCOMPARE(QString::number(*v.asUInt64()), canonical);
    if (fitsInt)
        QCOMPARE(QString::number(*v.asInt()), canonical);
    QVERIFY(!v.asString() && !v.asBool() && !v.isNone() && v.size() == 0);
}

void TestPickleReader::memoSharing_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    const QByteArray shared = readFile(kData + "/valid/shared-p4.pickle");
    QTest::newRow("dict-twice-in-list") << shared << "a/0"
                                        << "a/1" << true;
    QTest::newRow("dict-in-list-and-value") << shared << "a/0"
                                            << "b" << true;
    QTest::newRow("string-in-shared-dict") << shared << "a/0/name"
                                           << "b/name" << true;
    QTest::newRow("different-keys") << shared << "a"
                                    << "b" << false;
    const QByteArray containers = readFile(kData + "/valid/containers-p4.pickle");
    QTest::newRow("tuple-twice") << containers << "shared_t/0"
                                 << "shared_t/1" << true;
    // Equal but separate objects stay separate.
    QTest::newRow("equal-not-same") << p4("(}}l.") << "0"
                                    << "1" << false;
    QTest::newRow("dup") << p4("(}2l.") << "0"
                         << "1" << true;
    const QByteArray snapshot = readFile(kData + "/valid/snapshot-p4.pickle");
    QTest::newRow("snapshot-frame") << snapshot << "device_traces/0/0/frames/0"
                                    << "device_traces/0/3/frames/0" << true;
}

void TestPickleReader::memoSharing()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    const Outcome o = readBytes(bytes);
    QVERIFY2(o.doc, o.error.message.c_str());
    const PickleValue a = walk(o.doc->root(), first);
    const PickleValue b = walk(o.doc->root(), second);
    QVERIFY(!a.isMissing() && !b.isMissing());
    QCOMPARE(a.sameObject(b), same);
    QCOMPARE(a.identity() == b.identity(), same);
    if (same && a.isString()) // one copy of the characters, not two
        QCOMPARE(a.asString()->data(), b.asString()->data());
    if (same && a.isDict() && a.size() > 0)
        QVERIFY(a.valueAt(0).sameObject(b.valueAt(0)));
}

void TestPickleReader::truncatedEverywhere_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"snapshot-p4", "scalars-p5", "string-forms", "long-forms", "text-memo",
                             "dict-list-ops", "containers-p2", "bytes-p3"})
        QTest::newRow(name) << QString(name);
}

void TestPickleReader::truncatedEverywhere()
{
    QFETCH(QString, name);
    const QByteArray bytes = readFile(kData + "/valid/" + name + ".pickle");
    QVERIFY(bytes.size() > 10);
    for (int n = 0; n < bytes.size(); ++n) {
        const Outcome o = readBytes(bytes.left(n), n % 2 ? 1 : 0);
        QVERIFY2(!o.doc, qPrintable(QStringLiteral("prefix of %1 bytes accepted").arg(n)));
        const QString message = QString::fromStdString(o.error.message);
        QVERIFY2(message.contains("truncated") || (n == 0 && message.contains("empty")),
                 qPrintable(QStringLiteral("prefix %1: %2").arg(n).arg(message)));
        QVERIFY(o.error.offset <= uint64_t(n));
    }
}

void TestPickleReader::limits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("limit");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("error");       // empty: must be read
    const QByteArray nested = p4("]]]]aaa."); // depth 4
    QTest::newRow("depth-ok") << nested << "maxDepth" << qint64(4) << "";
    QTest::newRow("depth-over") << nested << "maxDepth" << qint64(3)
                                << "deeper than the limit of 3";
    const QByteArray list11 = p4("](" + QByteArray("N").repeated(11) + "e.");
    QTest::newRow("length-ok") << list11 << "maxContainerLength" << qint64(11) << "";
    QTest::newRow("length-over") << list11 << "maxContainerLength" << qint64(10)
                                 << "more than 10 items";
    const QByteArray dict3 = p4("}(NNNNNNu.");
    QTest::newRow("dict-pairs-ok") << dict3 << "maxContainerLength" << qint64(3) << "";
    QTest::newRow("dict-pairs-over")
        << dict3 << "maxContainerLength" << qint64(2) << "more than 2 items";
    const QByteArray str5 = p4("\x8c\x05hello.");
    QTest::newRow("string-ok") << str5 << "maxStringLength" << qint64(5) << "";
    QTest::newRow("string-over") << str5 << "maxStringLength" << qint64(4)
                                 << "more than the limit of 4";
    const QByteArray long4 = p4(QByteArray("\x8a\x04\1\2\3\4.", 7));
    QTest::newRow("long-ok") << long4 << "maxLongBytes" << qint64(4) << "";
    QTest::newRow("long-over") << long4 << "maxLongBytes" << qint64(3) << "integer of 4 bytes";
    const QByteArray stack5 = p4("(NNNNt.");
    QTest::newRow("stack-ok") << stack5 << "maxStackSize" << qint64(4) << "";
    QTest::newRow("stack-over") << stack5 << "maxStackSize" << qint64(3) << "more than 3 values";
    const QByteArray memo3 = p4("N\x94\x94\x94.");
    QTest::newRow("memo-ok") << memo3 << "maxMemoEntries" << qint64(3) << "";
    QTest::newRow("memo-over") << memo3 << "maxMemoEntries" << qint64(2) << "more than 2 memo";
    QTest::newRow("input-ok") << p4("N.") << "maxInputBytes" << qint64(4) << "";
    QTest::newRow("input-over") << p4("N.") << "maxInputBytes" << qint64(3)
                                << "larger than the limit";
    QTest::newRow("memory-ok") << bigList(300000) << "maxMemoryBytes" << qint64(64 << 20) << "";
    QTest::newRow("memory-over") << bigList(300000) << "maxMemoryBytes" << qint64(1 << 20)
                                 << "more than the limit of 1048576 bytes of memory";
}

void TestPickleReader::limits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, limit);
    QFETCH(qint64, value);
    QFETCH(QString, error);
    PickleLimits l;
    const auto v = uint64_t(value);
    if (limit == "maxDepth")
        l.maxDepth = uint32_t(v);
    else if (limit == "maxContainerLength")
        l.maxContainerLength = v;
    else if (limit == "maxStringLength")
        l.maxStringLength = v;
    else if (limit == "maxLongBytes")
        l.maxLongBytes = uint32_t(v);
    else if (limit == "maxStackSize")
        l.maxStackSize = v;
    else if (limit == "maxMemoEntries")
        l.maxMemoEntries = v;
    else if (limit == "maxInputBytes")
        l.maxInputBytes = v;
    else if (limit == "maxMemoryBytes")
        l.maxMemoryBytes = v;
    else
        QFAIL("unknown limit");
    const Outcome o = readBytes(bytes, 0, l);
    if (error.isEmpty()) {
        QVERIFY2(o.doc, o.error.message.c_str());
    } else {
        QVERIFY(!o.doc);
        QVERIFY2(QString::fromStdString(o.error.message).contains(error), o.error.message.c_str());
    }
}

void TestPickleReader::accessors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<PickleValue::Type>("type");
    QTest::addColumn<QString>("canonical");
    using T = PickleValue::Type;
    QTest::newRow("string") << "scalars-p4"
                            << "unicode" << T::String
                            << "s\"h\\xc3\\xa9llo \\xe2\\x98\\x83 \\xf0\\x9f\\x98\\x80\"";
    QTest::newRow("float") << "scalars-p4"
                           << "float" << T::Float << "f:3fb999999999999a";
    QTest::newRow("none") << "scalars-p4"
                          << "none" << T::None << "None";
    QTest::newRow("bool") << "scalars-p4"
                          << "t" << T::Bool << "True";
    QTest::newRow("missing-key") << "scalars-p4"
                                 << "nope" << T::Missing << "<missing>";
    QTest::newRow("key-of-scalar") << "scalars-p4"
                                   << "t/x" << T::Missing << "<missing>";
    QTest::newRow("index-of-dict") << "scalars-p4"
                                   << "0" << T::Missing << "<missing>";
    QTest::newRow("index-past-end") << "containers-p4"
                                    << "list/3" << T::Missing << "<missing>";
    QTest::newRow("index-of-missing") << "containers-p4"
                                      << "nope/0/1" << T::Missing << "<missing>";
    QTest::newRow("tuple-item") << "containers-p4"
                                << "t3/2" << T::Int << "3";
    QTest::newRow("int-key-not-string") << "containers-p4"
                                        << "int_keys/1" << T::Missing << "<missing>";
    QTest::newRow("set-as-list") << "sets-p4"
                                 << "s" << T::List << "[1,2,3]";
    QTest::newRow("frozenset-as-list") << "sets-p5"
                                       << "fs" << T::List << "[4,5]";
    QTest::newRow("bytes") << "bytes-p3"
                           << "b" << T::Bytes << "b\"\\x00\\xff\"";
    QTest::newRow("bytearray") << "bytearray-p5"
                               << "0" << T::Bytes << "b\"ab\"";
    QTest::newRow("segment-pool-id") << "snapshot-p4"
                                     << "segments/0/segment_pool_id" << T::Tuple << "(0,0)";
}

void TestPickleReader::accessors()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(PickleValue::Type, type);
    QFETCH(QString, canonical);
    using T = PickleValue::Type;
    const Outcome o = readBytes(readFile(kData + "/valid/" + file + ".pickle"));
    QVERIFY2(o.doc, o.error.message.c_str());
    const PickleValue v = walk(o.doc->root(), path);
    QCOMPARE(v.type(), type);
    std::string text;
    QVERIFY(ts::parsers::appendCanonical(v, text, 1 << 20));
    QCOMPARE(QString::fromStdString(text), canonical);
    // Every accessor answers softly whatever the type.
    QCOMPARE(v.asString().has_value(), type == T::String);
    QCOMPARE(v.asBytes().has_value(), type == T::Bytes);
    QCOMPARE(v.asBool().has_value(), type == T::Bool);
    QCOMPARE(v.asDouble().has_value(), type == T::Float || type == T::Int);
    QCOMPARE(v.isNone(), type == T::None);
    QCOMPARE(v.isMissing(), type == T::Missing);
    QVERIFY(v.get("x").isMissing() || v.isDict());
    QVERIFY(v.at(1u << 30).isMissing());
    size_t n = 0;
    for (const PickleValue item : v.items()) {
        QVERIFY(!item.isMissing());
        ++n;
    }
    QCOMPARE(n, v.isSequence() ? v.size() : size_t(0));
    QCOMPARE(v.fromSet(), path == "s" || path == "fs");
}

void TestPickleReader::streamedLongString_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("chunk");
    QTest::addColumn<bool>("unicode");
    for (const int length : {65535, 70000, 3 << 20})
        for (const int chunk : {0, 4096, 1 << 20})
            for (const bool unicode : {true, false})
                QTest::addRow("%d/chunk%d/%s", length, chunk, unicode ? "str" : "bytes")
                    << length << chunk << unicode;
}

void TestPickleReader::streamedLongString()
{
    QFETCH(int, length);
    QFETCH(int, chunk);
    QFETCH(bool, unicode);
    QByteArray payload(length, 'a');
    for (int i = 0; i < length; i += 997)
        payload[i] = char('a' + i % 26);
    const QByteArray bytes = p4((unicode ? "X" : "B") + le32(uint32_t(length)) + payload + "\x94.");
    const Outcome o = readBytes(bytes, size_t(chunk));
    QVERIFY2(o.doc, o.error.message.c_str());
    const auto s = unicode ? o.doc->root().asString() : o.doc->root().asBytes();
    QVERIFY(s.has_value());
    QVERIFY(*s == std::string_view(payload.constData(), size_t(payload.size())));
}

void TestPickleReader::gzipThroughInputSource()
{
    const QByteArray plain = readFile(kData + "/valid/snapshot-p4.pickle");
    const QByteArray gz = gzipOf(plain);
    ts::parsers::InputSource input(std::string_view(gz.constData(), size_t(gz.size())));
    std::string err;
    int first = -1;
    QVERIFY(input.open(err));
    QVERIFY(input.firstNonBlank(first, err)); // as the child's format detection does
    QCOMPARE(first, 0x80);
    QCOMPARE(input.compression(), ts::parsers::InputSource::Compression::Gzip);
    ts::parsers::InputByteSource source(input);
    PickleReader reader;
    const auto doc = reader.read(source);
    QVERIFY2(doc, reader.error().message.c_str());
    QCOMPARE(QByteArray::fromStdString(canonicalOf(*doc)),
             readFile(kData + "/valid/snapshot-p4.expected"));

    // A corrupt gzip stream is the source's error, reported as such.
    const QByteArray bad = gz.left(gz.size() / 2);
    ts::parsers::InputSource badInput(std::string_view(bad.constData(), size_t(bad.size())));
    QVERIFY(badInput.open(err));
    ts::parsers::InputByteSource badSource(badInput);
    QVERIFY(!reader.read(badSource));
    QVERIFY2(QString::fromStdString(reader.error().message).contains("gzip"),
             reader.error().message.c_str());
}

void TestPickleReader::progressAndCancel()
{
    const QByteArray bytes = bigList(5 << 20); // 10 MiB
    QList<quint64> seen;
    PickleReader reader;
    reader.setProgress([&](uint64_t done) {
        seen << done;
        return true;
    });
    MemoryByteSource source(std::string_view(bytes.constData(), size_t(bytes.size())));
    const auto doc = reader.read(source);
    QVERIFY2(doc, reader.error().message.c_str());
    QCOMPARE(doc->root().size(), size_t(5 << 20));
    QCOMPARE(doc->root().at(1000).asInt(), std::optional<int64_t>(1000 & 0x7f));
    QVERIFY(seen.size() >= 2);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));

    reader.setProgress([](uint64_t) { return false; });
    MemoryByteSource again(std::string_view(bytes.constData(), size_t(bytes.size())));
    QVERIFY(!reader.read(again));
    QCOMPARE(QString::fromStdString(reader.error().message), QStringLiteral("cancelled"));
}

void TestPickleReader::realSamples_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("sha256");
    QTest::addColumn<qint64>("length");
    const QString samples = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch");
    if (!QDir(samples).exists())
        QSKIP("../shared/samples is not here");
    for (const QByteArray &line : readFile(kData + "/samples.tsv").split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 3)
            QTest::newRow(f[0].constData()) << samples + "/" + f[0] << f[1] << f[2].toLongLong();
    }
}

void TestPickleReader::realSamples()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, sha256);
    QFETCH(qint64, length);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY2(fd >= 0, qPrintable(path));
    ts::parsers::InputSource input(fd);
    std::string err;
    QVERIFY(input.open(err));
    ts::parsers::InputByteSource source(input);
    PickleReader reader;
    QElapsedTimer timer;
    timer.start();
    const auto doc = reader.read(source);
    const qint64 ms = timer.elapsed();
    ::close(fd);
    QVERIFY2(doc, reader.error().message.c_str());
    qInfo("%s: read in %lld ms, %.1f MB of values", qPrintable(QFileInfo(path).fileName()), ms,
          double(doc->memoryBytes()) / 1e6);

    const PickleValue root = doc->root();
    QVERIFY(root.isDict());
    QVERIFY(root["segments"].isList());
    QVERIFY(root["device_traces"].isList());
    for (const PickleValue device : root["device_traces"].items()) {
        QVERIFY(device.isList());
        for (const PickleValue entry : device.items()) {
            QVERIFY(entry["action"].asString().has_value());
            QVERIFY(entry["size"].asInt().has_value());
        }
    }
    for (const PickleValue segment : root["segments"].items()) {
        QVERIFY(segment["address"].asUInt64().has_value());
        QVERIFY(segment["blocks"].isList());
    }
    QVERIFY(root.depth() >= 4 && root.depth() <= 10);

    // What CPython's pickle.load made of the same file, to the last bit.
    const std::string text = canonicalOf(*doc);
    QCOMPARE(qint64(text.size()), length);
    QCOMPARE(QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())),
                                      QCryptographicHash::Sha256)
                 .toHex(),
             sha256);
}

QTEST_GUILESS_MAIN(TestPickleReader)
#include "tst_picklereader.moc"

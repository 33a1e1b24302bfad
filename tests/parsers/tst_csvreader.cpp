// CsvRowReader and CsvHeader: RFC 4180 quoting, line ends, chunk boundaries anywhere, limits and
// errors; the header's name lookup. Each row: CSV text → the records as "a|b|c" lines.
#include "ascend/csvreader.h"

#include <QFile>
#include <QTest>

#include <optional>

using ts::parsers::CsvHeader;
using ts::parsers::CsvRecord;
using ts::parsers::CsvRowReader;

namespace {

struct Read
{
    QStringList records;
    QString error;
    QList<quint64> lines;
};

// Feeds `text` in chunks of `chunk` bytes (0: at once).
Read readAll(const QByteArray &text, int chunk)
{
    Read out;
    CsvRowReader reader;
    const auto keep = [&out](const CsvRecord &r) {
        QStringList fields;
        for (size_t i = 0; i < r.size(); ++i) {
            const std::string_view f = r.field(int(i));
            fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        }
        out.records << fields.join(QLatin1Char('|'));
        out.lines << r.line();
        return true;
    };
    const qsizetype step = chunk > 0 ? chunk : qMax<qsizetype>(text.size(), 1);
    bool ok = true;
    for (qsizetype at = 0; ok && at < text.size(); at += step)
        ok = reader.feed(
            std::string_view(text.constData() + at, size_t(qMin(step, text.size() - at))), keep);
    if (ok)
        ok = reader.finish(keep);
    if (!ok)
        out.error = QString::fromStdString(reader.error());
    return out;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private slots:
    void records_data();
    void records();
    void header();
    void recordTooLong();
    void quotedNewlinesInARealFile();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QString>("error"); // contained in the error; empty: none

    QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << QStringList{"a|b", "1|2"} << "";
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << QStringList{"a|b", "1|2"} << "";
    QTest::newRow("lone CR") << QByteArray("a,b\r1,2") << QStringList{"a|b", "1|2"} << "";
    QTest::newRow("no final newline") << QByteArray("a\n1") << QStringList{"a", "1"} << "";
    QTest::newRow("blank lines skipped")
        << QByteArray("a\n\n\r\n1\n\n") << QStringList{"a", "1"} << "";
    QTest::newRow("empty cells") << QByteArray("a,b,c\n,,\n") << QStringList{"a|b|c", "||"} << "";
    QTest::newRow("trailing empty cell") << QByteArray("a,\n") << QStringList{"a|"} << "";
    QTest::newRow("quoted comma and quote")
        << QByteArray("\"x,y\",\"say \"\"hi\"\"\"\n") << QStringList{"x,y|say \"hi\""} << "";
    QTest::newRow("quoted newline (Call Stack)")
        << QByteArray("n,s\nop,\"f(1): a;\r\nf(2): b\"\r\nnext,x\r\n")
        << QStringList{"n|s", "op|f(1): a;\r\nf(2): b", "next|x"} << "";
    QTest::newRow("Ascend shapes, quoted twice")
        << QByteArray("s\n\"\"\"32,3,224,224\"\";\"\"64\"\"\"\n")
        << QStringList{"s", "\"32,3,224,224\";\"64\""} << "";
    QTest::newRow("TAB after a time is kept (cells trim it)")
        << QByteArray("t\n1736408883704643.212\t\n") << QStringList{"t", "1736408883704643.212\t"}
        << "";
    QTest::newRow("text after a closing quote is kept")
        << QByteArray("\"ab\"c,d\n") << QStringList{"abc|d"} << "";
    QTest::newRow("unclosed quote")
        << QByteArray("a\n\"never\nends") << QStringList{"a"} << "opened at line 2 never closes";
    QTest::newRow("empty input") << QByteArray() << QStringList{} << "";
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, records);
    QFETCH(QString, error);
    // The same records however the bytes are cut: at once, byte by byte, in threes.
    for (int chunk : {0, 1, 3}) {
        const Read r = readAll(text, chunk);
        QCOMPARE(r.records, records);
        if (error.isEmpty())
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        else
            QVERIFY2(r.error.contains(error), qPrintable(r.error));
    }
}

void TestCsvReader::header()
{
    CsvRowReader reader;
    std::optional<CsvHeader> header;
    QVERIFY(
        reader.feed("\xEF\xBB\xBFStep Id, Name ,Start Time(us)\t,Name\n", [&](const CsvRecord &r) {
            header.emplace(r);
            return true;
        }));
    QVERIFY(header);
    QCOMPARE(header->column("Step Id"), 0); // the BOM is not part of the name
    QCOMPARE(header->column("Name"), 1);    // blanks trimmed; the first of two kept
    QCOMPARE(header->column("Start Time(us)"), 2);
    QCOMPARE(header->column("Duration(us)"), -1);
    QCOMPARE(header->columnOf({"Task Start Time(us)", "Start Time(us)"}), 2);
}

void TestCsvReader::recordTooLong()
{
    CsvRowReader reader;
    const std::string big(CsvRowReader::kMaxRecordBytes + 1, 'x');
    QVERIFY(!reader.feed(big, [](const CsvRecord &) { return true; }));
    QVERIFY(QString::fromStdString(reader.error()).contains(QLatin1String("longer than")));
}

// operator_details.csv holds Call Stack cells with quoted newlines. The expected count comes
// from a different rule, not the reader: a line ends a record when the quotes seen so far are
// even.
void TestCsvReader::quotedNewlinesInARealFile()
{
    QFile f(
        QStringLiteral(TRACESCOPE_SHARED_DIR
                       "/samples/ascend/msinsight/test/data/pytorch/"
                       "text/level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/operator_details.csv"));
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("the Ascend samples are not here");
    const QByteArray text = f.readAll();
    int expected = 0;
    qint64 quotes = 0;
    for (const QByteArray &line : text.split('\n')) {
        quotes += line.count('"');
        if (quotes % 2 == 0 && !line.trimmed().isEmpty())
            ++expected;
    }
    const Read r = readAll(text, 4096);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.records.size(), expected);
    QVERIFY(expected > 800 && text.count('\n') > 6000); // the file is what this test is about
    QCOMPARE(r.records.constFirst().count(QLatin1Char('|')), 8); // nine columns
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"

// Microsecond text to int64 ns, digit by digit: the precision trap of Kineto's 3-decimal µs.
#include "chrome/timestamp.h"

#include <QTest>

using ts::parsers::ParsedTime;
using ts::parsers::microsTextToNs;
Q_DECLARE_METATYPE(ParsedTime::Status)

class TestTimestamp : public QObject
{
    Q_OBJECT
private slots:
    void convert_data();
    void convert();
};

void TestTimestamp::convert_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ParsedTime::Status>("status");
    QTest::addColumn<qint64>("ns");
    using S = ParsedTime::Status;
    QTest::newRow("kineto 3 decimals") << "1712195495519689.047" << S::Exact << 1712195495519689047LL;
    QTest::newRow("integer µs") << "1623142623529088" << S::Exact << 1623142623529088000LL;
    QTest::newRow("one decimal") << "12.5" << S::Exact << 12500LL;
    QTest::newRow("four decimals rounds up") << "1.0005" << S::Exact << 1001LL;
    QTest::newRow("four decimals rounds down") << "1.0004" << S::Exact << 1000LL;
    QTest::newRow("zero") << "0" << S::Exact << 0LL;
    QTest::newRow("negative") << "-3.250" << S::Exact << -3250LL;
    QTest::newRow("string ts with tab") << "1736408883688177.930\t" << S::Exact << 1736408883688177930LL;
    QTest::newRow("relative to base") << "2413668742269.099" << S::Exact << 2413668742269099LL;
    QTest::newRow("excel exponent") << "1.69512E+15" << S::Lossy << 1695120000000000000LL;
    QTest::newRow("leading dot") << ".5" << S::Exact << 500LL;
    QTest::newRow("empty") << "" << S::Invalid << 0LL;
    QTest::newRow("garbage") << "12abc" << S::Invalid << 0LL;
    QTest::newRow("NaN") << "NaN" << S::Invalid << 0LL;
    QTest::newRow("only sign") << "-" << S::Invalid << 0LL;
    QTest::newRow("huge") << "99999999999999999999" << S::OutOfRange << 0LL;
    QTest::newRow("huge exponent") << "1e300" << S::OutOfRange << 0LL;
}

void TestTimestamp::convert()
{
    QFETCH(QString, text);
    QFETCH(ParsedTime::Status, status);
    QFETCH(qint64, ns);
    const ParsedTime t = microsTextToNs(text.toStdString());
    QCOMPARE(t.status, status);
    if (t.ok())
        QCOMPARE(qint64(t.ns), ns);
}

QTEST_APPLESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"

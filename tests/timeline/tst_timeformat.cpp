// Ruler steps and the units durations are shown in.
#include "timeline/timeformat.h"

#include <QTest>

using namespace ts::views;

class TestTimeFormat : public QObject
{
    Q_OBJECT
private slots:
    void duration_data();
    void duration();
    void offset_data();
    void offset();
    void step_data();
    void step();
};

void TestTimeFormat::duration_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("ns") << qint64(850) << "850 ns";
    QTest::newRow("µs") << qint64(12400) << "12.40 µs";
    QTest::newRow("ms") << qint64(3050000) << "3.050 ms";
    QTest::newRow("s") << qint64(1200000000) << "1.200 s";
    QTest::newRow("hundreds of ms") << qint64(250500000) << "250.5 ms";
    QTest::newRow("zero") << qint64(0) << "0 ns";
}

void TestTimeFormat::duration()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(formatDuration(ns), text);
}

void TestTimeFormat::offset_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("text");
    QTest::newRow("ms with µs steps") << qint64(12345000) << qint64(1000) << "12.345 ms";
    QTest::newRow("ms with 100 µs steps") << qint64(12300000) << qint64(100000) << "12.3 ms";
    QTest::newRow("s with s steps") << qint64(3000000000) << qint64(1000000000) << "3 s";
    QTest::newRow("ns") << qint64(40) << qint64(10) << "40 ns";
}

void TestTimeFormat::offset()
{
    QFETCH(qint64, ns);
    QFETCH(qint64, step);
    QFETCH(QString, text);
    QCOMPARE(formatOffset(ns, step), text);
}

void TestTimeFormat::step_data()
{
    QTest::addColumn<double>("nsPerPixel");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("1 ns/px, 100 px") << 1.0 << qint64(100);
    QTest::newRow("3 ns/px, 100 px") << 3.0 << qint64(500);
    QTest::newRow("15 ns/px") << 15.0 << qint64(2000);
    QTest::newRow("tiny") << 0.001 << qint64(1);
}

void TestTimeFormat::step()
{
    QFETCH(double, nsPerPixel);
    QFETCH(qint64, expected);
    const int64_t s = rulerStep(nsPerPixel, 100);
    QCOMPARE(qint64(s), expected);
    QVERIFY(double(s) >= nsPerPixel * 100 || s == 1);
}

QTEST_APPLESS_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"

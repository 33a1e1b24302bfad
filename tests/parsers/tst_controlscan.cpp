// ControlScan (64 bytes at a time, bit masks) against the obvious byte-by-byte walk, on random
// text made mostly of the bytes that matter — quotes, backslashes, control bytes — cut into
// chunks at random places, so every carry between blocks and between calls is exercised. As in
// any JSON the reader gets past, backslashes occur only inside strings (where one outside sits,
// RapidJSON stops with an error there, so what the scan says after it does not matter).
#include "chrome/controlscan.h"

#include <QRandomGenerator>
#include <QTest>

#include <string>
#include <vector>

using ts::parsers::ControlScan;

namespace {

// The reference: a string starts at an unescaped quote and ends at the next one; a backslash
// escapes the byte after it; a control byte inside a string that is not escaped is a hit.
std::vector<size_t> referenceHits(const std::string &text)
{
    std::vector<size_t> hits;
    bool inString = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (escaped) {
            escaped = false;
            continue;
        }
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c == '\\')
            escaped = true;
        else if (c == '"')
            inString = false;
        else if (c < 0x20)
            hits.push_back(i);
    }
    return hits;
}

} // namespace

class TestControlScan : public QObject
{
    Q_OBJECT
private slots:
    void matchesReference_data();
    void matchesReference();
    void plainJsonHasNoHits();
};

// Text of `size` bytes or a little more: runs between strings from `outside`, strings of
// bytes from `inside` and escapes (a backslash and a byte of `escaped`), each string closed
// before the next run.
std::string randomText(QRandomGenerator &rng, int size, const QByteArray &outside,
                       const QByteArray &inside, const QByteArray &escaped, int maxRun)
{
    std::string text;
    const auto pick = [&rng](const QByteArray &from) {
        return from[int(rng.bounded(from.size()))];
    };
    while (int(text.size()) < size) {
        for (int n = int(rng.bounded(maxRun)); n > 0; --n)
            text += pick(outside);
        text += '"';
        for (int n = int(rng.bounded(maxRun)); n > 0; --n) {
            if (rng.bounded(3) == 0)
                text.append(1, '\\').append(1, pick(escaped));
            else
                text += pick(inside);
        }
        text += '"';
    }
    return text;
}

void TestControlScan::matchesReference_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("maxRun");
    for (quint32 seed = 1; seed <= 6; ++seed) {
        QTest::newRow(qPrintable(QStringLiteral("short strings %1").arg(seed)))
            << seed << 5000 << 6;
        QTest::newRow(qPrintable(QStringLiteral("long strings %1").arg(seed)))
            << seed << 20000 << 150;
    }
    QTest::newRow("one block or so") << 7u << 64 << 8;
    QTest::newRow("shorter than a block") << 8u << 20 << 4;
}

void TestControlScan::matchesReference()
{
    QFETCH(quint32, seed);
    QFETCH(int, size);
    QFETCH(int, maxRun);
    QRandomGenerator rng(seed);
    // Escaped backslashes and quotes make runs of backslashes of every length.
    const std::string text =
        randomText(rng, size, QByteArray("a \n\t\x01{", 6), QByteArray("a\x01\n\xe9 ", 5),
                   QByteArray("\"\\\\\x01n", 5), maxRun);

    // Whole, then in random chunks (1 byte up to a few blocks): the hits must not change.
    for (int pass = 0; pass < 2; ++pass) {
        ControlScan scan;
        std::vector<size_t> hits;
        size_t at = 0;
        while (at < text.size()) {
            const size_t n =
                pass == 0 ? text.size() : std::min<size_t>(text.size() - at, 1 + rng.bounded(200));
            const size_t counted =
                scan.scan(text.data() + at, n, [&](size_t i) { hits.push_back(at + i); });
            QVERIFY(counted <= n);
            at += n;
        }
        QCOMPARE(hits, referenceHits(text));
    }
}

void TestControlScan::plainJsonHasNoHits()
{
    // Newlines and tabs between tokens are whitespace, escaped ones inside strings are fine.
    const std::string json = "{\n\t\"a\": \"x\\ny\\\\\",\n\t\"b\": [1, \"\\\"\\t\"]\n}\n";
    ControlScan scan;
    QCOMPARE(scan.scan(json.data(), json.size(), [](size_t) {}), size_t(0));
}

QTEST_APPLESS_MAIN(TestControlScan)
#include "tst_controlscan.moc"

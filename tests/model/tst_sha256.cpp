// SHA-256: the FIPS 180-4 / NIST example vectors, split feeds at every block boundary, and the
// hardware path against the portable one (and against Qt's) over many lengths.
#include "util/sha256.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using ts::model::Sha256;

class TestSha256 : public QObject
{
    Q_OBJECT
private slots:
    void vectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("repeat");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty")
            << QByteArray() << 1
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc")
            << QByteArray("abc") << 1
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") << 1
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("896 bits")
            << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                          "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            << 1 << QByteArray("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("million a")
            << QByteArray("a") << 1000000
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    void vectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, repeat);
        QFETCH(QByteArray, expected);
        const QByteArray all = input.repeated(repeat);
        for (bool hardware : {false, true}) {
            Sha256 h;
            h.setHardware(hardware);
            h.add(all.constData(), size_t(all.size()));
            QCOMPARE(QByteArray::fromStdString(h.hexDigest()), expected);
            // Fed in odd pieces, and again after reset().
            h.reset();
            for (qsizetype at = 0; at < all.size(); at += 37)
                h.add(all.constData() + at, size_t(std::min<qsizetype>(37, all.size() - at)));
            QCOMPARE(QByteArray::fromStdString(h.hexDigest()), expected);
        }
    }
    void hardwareMatchesPortable()
    {
        if (!Sha256::hardwareAvailable())
            qInfo("no SHA extensions on this CPU: only the portable path is tested");
        QRandomGenerator rng(42);
        QByteArray data(5000, Qt::Uninitialized);
        for (char &c : data)
            c = char(rng.generate());
        for (int length = 0; length <= data.size(); length += (length < 200 ? 1 : 97)) {
            Sha256 soft, hard;
            soft.setHardware(false);
            soft.add(data.constData(), size_t(length));
            hard.add(data.constData(), size_t(length));
            const QByteArray expected =
                QCryptographicHash::hash(data.left(length), QCryptographicHash::Sha256).toHex();
            QCOMPARE(QByteArray::fromStdString(soft.hexDigest()), expected);
            QCOMPARE(QByteArray::fromStdString(hard.hexDigest()), expected);
        }
    }
};

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_sha256.moc"

// The inputs' SHA-256 through libcrypto: the NIST example vectors, files whose lengths straddle
// the 1 MiB read size, the descriptor's offset left alone, a stop request and an unreadable
// descriptor giving no digest; and the cache of a real import recording the digest that Qt's
// own SHA-256 computes of the input independently.
#include "appimport.h"
#include "cache/cachereader.h"
#include "util/sha256digest.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using ts::model::sha256Hex;
using ts::model::sha256OfDescriptor;

namespace {

QByteArray independentSha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray randomBytes(qsizetype n)
{
    QByteArray data(n, Qt::Uninitialized);
    QRandomGenerator gen(uint32_t(n) * 2654435761u + 1);
    for (char &c : data)
        c = char(gen.generate() & 0xff);
    return data;
}

} // namespace

class TestSha256Digest : public QObject
{
    Q_OBJECT
private slots:
    void vectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty")
            << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc")
            << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("million a")
            << QByteArray(1000000, 'a')
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    void vectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(sha256Hex(input), expected);
    }

    void descriptor_data()
    {
        QTest::addColumn<int>("length");
        const int mib = 1 << 20;
        for (int length : {0, 1, 63, 64, 65, mib - 1, mib, mib + 1, 3 * mib + 12345})
            QTest::newRow(qPrintable(QString::number(length))) << length;
    }
    void descriptor()
    {
        QFETCH(int, length);
        QTemporaryFile file;
        QVERIFY(file.open());
        const QByteArray data = randomBytes(length);
        QCOMPARE(file.write(data), qint64(length));
        QVERIFY(file.flush());
        const int fd = ::open(QFile::encodeName(file.fileName()).constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::lseek(fd, 7, SEEK_SET), off_t(7)); // the whole file, whatever the offset
        std::atomic<bool> stop{false};
        QCOMPARE(sha256OfDescriptor(fd, stop), independentSha256(data));
        QCOMPARE(::lseek(fd, 0, SEEK_CUR), off_t(7));
        ::close(fd);
    }

    void stopOrErrorGivesNoDigest()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(QByteArray(4096, 'x'));
        file.flush();
        const int fd = ::open(QFile::encodeName(file.fileName()).constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        std::atomic<bool> stop{true};
        QVERIFY(sha256OfDescriptor(fd, stop).isEmpty());
        ::close(fd);
        stop = false;
        QVERIFY(sha256OfDescriptor(fd, stop).isEmpty()); // closed: pread fails
        const int dir = ::open("/", O_RDONLY | O_DIRECTORY);
        QVERIFY(sha256OfDescriptor(dir, stop).isEmpty()); // EISDIR
        ::close(dir);
    }

    // What the feature is for: the cache of an import names its input's SHA-256.
    void cacheRecordsInputSha256()
    {
        const QString app = ts::testing::appBinary();
        if (app.isEmpty())
            QSKIP("no app binary in this build");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        // A trace larger than one read, of a length that is no multiple of it.
        QByteArray trace = "{\"traceEvents\":[";
        for (int i = 0; i < 30000; ++i) {
            if (i)
                trace += ',';
            trace += "{\"ph\":\"X\",\"pid\":1,\"tid\":1,\"name\":\"op_" +
                     QByteArray::number(i % 97) + "\",\"ts\":" + QByteArray::number(i * 10) +
                     ",\"dur\":5}";
        }
        trace += "]}";
        QVERIFY(trace.size() > (1 << 20));
        const QString input = home.filePath(QStringLiteral("digest.pt.trace.json"));
        QFile out(input);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(trace), qint64(trace.size()));
        out.close();

        QString error;
        const QString cache = ts::testing::importWithApp(app, input, home, &error);
        QVERIFY2(!cache.isEmpty(), qPrintable(error));
        ts::model::CacheReader reader;
        QVERIFY2(reader.open(cache, &error), qPrintable(error));
        QCOMPARE(reader.meta(QStringLiteral("input_sha256")).toLatin1(), independentSha256(trace));
    }
};

QTEST_GUILESS_MAIN(TestSha256Digest)
#include "tst_sha256digest.moc"

// The disk filling up while a cache is written, on the real binary: the app runs under a file-size
// limit (RLIMIT_FSIZE, which needs no privileges) small enough to stop the write early, midway or
// at its very end. Each time the import fails with an error that names the input and the cache
// folder and says why, the app ends normally (not by SIGXFSZ), and the cache folder is left
// empty: no half-written cache, no temporary or scratch file.
#include "apprunner.h"
#include "bigtrace.h"
#include "cachefolder.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace ts::testing;

class TestDiskFull : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cacheWriteFails_data();
    void cacheWriteFails();

private:
    AppRun importLimited(const QString &cacheDir, qint64 fileSizeLimit) const;

    QTemporaryDir m_work;
    AppSandboxHome m_home;
    QString m_trace;
    qint64 m_cacheSize = 0; // of the complete cache, without a limit
};

void TestDiskFull::initTestCase()
{
    QVERIFY(m_work.isValid());
    m_trace = m_work.filePath(QStringLiteral("full.json"));
    // ~17 MB: enough slices that they spill to the scratch files while the records arrive.
    QVERIFY(writeBigTrace(m_trace, 60000));
    QTemporaryDir cache;
    const AppRun run = importLimited(cache.path(), -1);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString path = QJsonDocument::fromJson(run.out).object().value("cache").toString();
    m_cacheSize = QFileInfo(path).size();
    QVERIFY(m_cacheSize > (1 << 20));
    qInfo("the complete cache: %lld bytes", m_cacheSize);
}

AppRun TestDiskFull::importLimited(const QString &cacheDir, qint64 fileSizeLimit) const
{
    QProcess p;
    p.setProcessEnvironment(m_home.environment());
    if (fileSizeLimit >= 0) {
        p.setChildProcessModifier([fileSizeLimit] {
            const struct rlimit limit = {rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    p.start(tracescopeBinary(), rootFlag() + QStringList{QStringLiteral("--cache-dir"), cacheDir,
                                                         QStringLiteral("--import"), m_trace});
    AppRun run;
    if (!p.waitForStarted(10000))
        return run;
    run.finished = p.waitForFinished(120000);
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

void TestDiskFull::cacheWriteFails_data()
{
    QTest::addColumn<double>("fractionOfCache"); // the limit, as a fraction of the cache's size
    QTest::newRow("at once") << 0.0;
    QTest::newRow("while the records arrive") << 0.15;
    QTest::newRow("midway") << 0.5;
    QTest::newRow("at the end") << 0.97;
}

void TestDiskFull::cacheWriteFails()
{
    QFETCH(double, fractionOfCache);
    QTemporaryDir cache;
    const AppRun run = importLimited(cache.path(), qint64(fractionOfCache * m_cacheSize));
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 1, run.err.constData()); // -1: killed by SIGXFSZ
    qInfo("%s", run.err.trimmed().constData());
    QVERIFY2(run.err.contains(QFile::encodeName(m_trace)), run.err.constData());
    QVERIFY2(run.err.contains("in the cache folder " + QFile::encodeName(cache.path())),
             run.err.constData());
    QVERIFY2(run.err.contains("a file-size limit (ulimit -f) of " +
                              QByteArray::number(qint64(fractionOfCache * m_cacheSize)) +
                              " bytes is in force"),
             run.err.constData());
    // Our own failure to write, not the importer's fault.
    QVERIFY2(!run.err.contains("invalid data"), run.err.constData());
    QVERIFY2(entries(cache.path()).isEmpty(), qPrintable(entries(cache.path()).join(',')));
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"

// `tracescope --import` stopped from outside, on the real binary: Ctrl+C (SIGINT) and kill
// (SIGTERM) end it cleanly — the importer's process group killed, the temporary cache removed, an
// exit status and a message that say "interrupted" — and after SIGKILL, which nothing can catch,
// the next import into the same cache folder removes what the dead import left, and only that:
// a temporary file another running import holds is never touched.
#include "apprunner.h"
#include "bigtrace.h"
#include "cachefolder.h"
#include "processtable.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ts::testing;

class TestInterruptedImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signalStopsImport_data();
    void signalStopsImport();
    void sweepSparesLiveWriters();
    void sweepSparesRunningImport();

private:
    struct Started
    {
        std::unique_ptr<QProcess> app;
        pid_t childGroup = 0;
    };
    // Starts the import of the big trace and returns once its importer runs and the temporary
    // cache has grown past 1 MiB: the import is under way, mid-parse.
    Started startBigImport(const QString &cacheDir);

    QTemporaryDir m_work;
    AppSandboxHome m_home;
    QString m_bigTrace;
};

void TestInterruptedImport::initTestCase()
{
    QVERIFY(m_work.isValid());
    m_bigTrace = m_work.filePath(QStringLiteral("big.json"));
    QElapsedTimer clock;
    clock.start();
    // ~100 MB, 1.2 M slices: several seconds of import on a busy 2-core machine.
    QVERIFY(writeBigTrace(m_bigTrace, 300000));
    qInfo("wrote %lld MB in %lld ms", QFileInfo(m_bigTrace).size() >> 20, clock.elapsed());
}

TestInterruptedImport::Started TestInterruptedImport::startBigImport(const QString &cacheDir)
{
    Started s;
    s.app = std::make_unique<QProcess>();
    s.app->setProcessEnvironment(m_home.environment());
    s.app->start(tracescopeBinary(),
                 rootFlag() + QStringList{QStringLiteral("--cache-dir"), cacheDir,
                                          QStringLiteral("--import"), m_bigTrace});
    if (!s.app->waitForStarted(10000))
        return s;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000 && s.app->state() == QProcess::Running) {
        const QList<pid_t> children = childrenOf(pid_t(s.app->processId()));
        const QStringList temps = temporaries(cacheDir);
        if (!children.isEmpty() && !temps.isEmpty() &&
            QFileInfo(QDir(cacheDir).filePath(temps.first())).size() > (1 << 20)) {
            s.childGroup = children.first(); // spawned as the leader of its own group
            break;
        }
        QThread::msleep(5);
    }
    return s;
}

void TestInterruptedImport::signalStopsImport_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("exitCode"); // -1: killed, no exit code
    QTest::newRow("SIGINT (Ctrl+C)") << int(SIGINT) << 130;
    QTest::newRow("SIGTERM (kill)") << int(SIGTERM) << 143;
    QTest::newRow("SIGKILL (kill -9)") << int(SIGKILL) << -1;
}

void TestInterruptedImport::signalStopsImport()
{
    QFETCH(int, signal);
    QFETCH(int, exitCode);
    QTemporaryDir cache;
    Started s = startBigImport(cache.path());
    QVERIFY2(s.childGroup > 0, "the import did not get under way");
    QVERIFY2(s.app->state() == QProcess::Running, "the import ended before the signal");

    ::kill(pid_t(s.app->processId()), signal);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(s.app->waitForFinished(10000));
    const QByteArray err = s.app->readAllStandardError();
    qInfo("%s: ended %lld ms after the signal", QTest::currentDataTag(), clock.elapsed());

    if (signal != SIGKILL) {
        QCOMPARE(s.app->exitStatus(), QProcess::NormalExit);
        QCOMPARE(s.app->exitCode(), exitCode);
        const QByteArray name = signal == SIGINT ? "SIGINT" : "SIGTERM";
        QVERIFY2(err.contains("interrupted by " + name), err.constData());
        QVERIFY2(err.contains(QFile::encodeName(m_bigTrace)), err.constData());
        QVERIFY2(!processGroupAlive(s.childGroup), "the importer's process group outlived the app");
        QVERIFY2(entries(cache.path()).isEmpty(), qPrintable(entries(cache.path()).join(',')));
        return;
    }

    // SIGKILL: nothing ran on our side. The importer notices its reader is gone at its next
    // write (EPIPE) and ends; the temporary cache stays, unlocked now that its writer is dead.
    QCOMPARE(s.app->exitStatus(), QProcess::CrashExit);
    QTRY_VERIFY2_WITH_TIMEOUT(!processGroupAlive(s.childGroup),
                              "the orphaned importer did not end on its own", 10000);
    const QStringList left = temporaries(cache.path());
    QCOMPARE(left.size(), 1);
    QCOMPARE(entries(cache.path()), left);

    // The next import into the same folder (a small one) removes it, and succeeds.
    const QString small = m_work.filePath(QStringLiteral("small.pt.trace.json.gz"));
    QFile::remove(small);
    QVERIFY(QFile::copy(sampleTrace(), small));
    const AppRun next =
        runApp(m_home, rootFlag() + QStringList{QStringLiteral("--cache-dir"), cache.path(),
                                                QStringLiteral("--import"), small});
    QVERIFY2(next.exitCode == 0, next.err.constData());
    QVERIFY2(temporaries(cache.path()).isEmpty(), qPrintable(entries(cache.path()).join(',')));
    QCOMPARE(entries(cache.path()).size(), 1); // the small input's cache
    QVERIFY(entries(cache.path()).first().endsWith(QStringLiteral(".tscache")));
}

void TestInterruptedImport::sweepSparesLiveWriters()
{
    // Files of our naming whose writer may be alive, files of other naming, and one that is
    // provably abandoned; an import in this folder must remove exactly the last.
    QTemporaryDir cache;
    const QString dir = cache.path() + QLatin1Char('/');
    const pid_t dead = deadPid();
    const QString lockedDead = writeFile(dir + temporaryName(dead, "0000beef"), "x");
    const QString unlockedAlive = writeFile(dir + temporaryName(::getpid(), "0000cafe"), "x");
    const QString abandoned = writeFile(dir + temporaryName(dead, "0000dead"), "x");
    const QString notOurs = writeFile(dir + QStringLiteral("notes.tscache.tmp-1-zz"), "x");
    const QString ours = writeFile(dir + QStringLiteral("readme.txt"), "x");
    QVERIFY(!lockedDead.isEmpty() && !unlockedAlive.isEmpty() && !abandoned.isEmpty());
    // The lock a running writer holds (here: this process, as a live TraceScope would).
    const int held = ::open(QFile::encodeName(lockedDead).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(held >= 0);
    QCOMPARE(::flock(held, LOCK_EX | LOCK_NB), 0);

    const QString small = m_work.filePath(QStringLiteral("sweep.pt.trace.json.gz"));
    QFile::remove(small);
    QVERIFY(QFile::copy(sampleTrace(), small));
    const AppRun run =
        runApp(m_home, rootFlag() + QStringList{QStringLiteral("--cache-dir"), cache.path(),
                                                QStringLiteral("--import"), small});
    ::close(held);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!QFile::exists(abandoned), "an unlocked temporary file of a dead writer was kept");
    QVERIFY2(QFile::exists(lockedDead), "a locked temporary file was removed");
    QVERIFY2(QFile::exists(unlockedAlive), "a young file of a live process was removed");
    QVERIFY(QFile::exists(notOurs));
    QVERIFY(QFile::exists(ours));
}

void TestInterruptedImport::sweepSparesRunningImport()
{
    // A running import's temporary file, made to look a day old so only its writer's lock
    // protects it, survives another import into the same folder; the first import then finishes.
    QTemporaryDir cache;
    Started s = startBigImport(cache.path());
    QVERIFY2(s.childGroup > 0, "the import did not get under way");
    const QStringList temps = temporaries(cache.path());
    QCOMPARE(temps.size(), 1);
    const QByteArray temp = QFile::encodeName(QDir(cache.path()).filePath(temps.first()));
    const struct timespec dayOld[2] = {{::time(nullptr) - 86400, 0}, {::time(nullptr) - 86400, 0}};
    QCOMPARE(::utimensat(AT_FDCWD, temp.constData(), dayOld, 0), 0);

    const QString small = m_work.filePath(QStringLiteral("beside.pt.trace.json.gz"));
    QFile::remove(small);
    QVERIFY(QFile::copy(sampleTrace(), small));
    const AppRun other =
        runApp(m_home, rootFlag() + QStringList{QStringLiteral("--cache-dir"), cache.path(),
                                                QStringLiteral("--import"), small});
    QVERIFY2(other.exitCode == 0, other.err.constData());
    QVERIFY2(QFile::exists(QFile::decodeName(temp)) || s.app->state() != QProcess::Running,
             "the running import's temporary cache was removed");

    QVERIFY(s.app->waitForFinished(120000));
    QVERIFY2(s.app->exitCode() == 0, s.app->readAllStandardError().constData());
    QVERIFY(temporaries(cache.path()).isEmpty());
    QCOMPARE(entries(cache.path()).size(), 2); // both caches
}

QTEST_GUILESS_MAIN(TestInterruptedImport)
#include "tst_interruptedimport.moc"

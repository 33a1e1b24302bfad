// The leftovers of an import killed outright (SIGKILL, a crash, power lost) go at start-up, not
// only at the next import: the GUI sweeps its cache folder in a worker as it starts, with nothing
// opened, and the headless importer sweeps before its first import even when that import fails.
// A temporary cache whose writer still holds its lock, or whose writer may be alive and only just
// made it, stays.
#include "apprunner.h"
#include "cachefolder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace ts::testing;

namespace {

// One abandoned temporary cache and two that must survive a sweep, in a folder of their own.
struct Leftovers
{
    QTemporaryDir cache;
    QString abandoned;     // a dead writer's pid, unlocked
    QString lockedDead;    // a dead pid in its name, but locked: a writer holds it
    QString unlockedAlive; // a live pid, made a moment ago: the writer may not have locked it yet
    int heldLock = -1;

    bool make()
    {
        const QString dir = cache.path() + QLatin1Char('/');
        const pid_t dead = deadPid();
        abandoned = writeFile(dir + temporaryName(dead, "0000dead"), QByteArray(4096, 'x'));
        lockedDead = writeFile(dir + temporaryName(dead, "0000beef"), "x");
        unlockedAlive = writeFile(dir + temporaryName(::getpid(), "0000cafe"), "x");
        if (abandoned.isEmpty() || lockedDead.isEmpty() || unlockedAlive.isEmpty())
            return false;
        // The lock a running writer holds (here: this process, as a live TraceScope would).
        heldLock = ::open(QFile::encodeName(lockedDead).constData(), O_RDONLY | O_CLOEXEC);
        return heldLock >= 0 && ::flock(heldLock, LOCK_EX | LOCK_NB) == 0;
    }
    ~Leftovers()
    {
        if (heldLock >= 0)
            ::close(heldLock);
    }
};

} // namespace

class TestStartupSweep : public QObject
{
    Q_OBJECT
private slots:
    void guiStartupSweeps();
    void headlessStartupSweeps();

private:
    AppSandboxHome m_home;
};

void TestStartupSweep::guiStartupSweeps()
{
    Leftovers left;
    QVERIFY(left.make());
    QProcess app;
    // Its single-instance socket, which the kill below leaves behind, in a folder of the test's.
    QTemporaryDir runtime; // 0700, as the app demands
    QProcessEnvironment env = m_home.environment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    app.setProcessEnvironment(env);
    // The welcome page only: no import runs, so only the start-up sweep can remove anything.
    app.start(tracescopeBinary(),
              rootFlag() + QStringList{QStringLiteral("--cache-dir"), left.cache.path()});
    QVERIFY(app.waitForStarted(10000));
    QTRY_VERIFY2_WITH_TIMEOUT(!QFile::exists(left.abandoned) || app.state() != QProcess::Running,
                              "the GUI did not remove a dead writer's temporary cache", 20000);
    QByteArray err = app.readAllStandardError();
    QVERIFY2(app.state() == QProcess::Running, err.constData());
    QVERIFY(!QFile::exists(left.abandoned));
    QVERIFY2(QFile::exists(left.lockedDead), "a locked temporary cache was removed");
    QVERIFY2(QFile::exists(left.unlockedAlive),
             "a live writer's young temporary cache was removed");
    // The user is told what went, and from where.
    const QByteArray told = "removed 1 unfinished cache file(s) (0.0 MB) that killed imports left "
                            "in " +
                            QFile::encodeName(left.cache.path());
    QTRY_VERIFY_WITH_TIMEOUT((err += app.readAllStandardError()).contains(told), 5000);
    app.kill();
    app.waitForFinished(10000);
}

void TestStartupSweep::headlessStartupSweeps()
{
    Leftovers left;
    QVERIFY(left.make());
    const AppRun run = runApp(m_home, rootFlag() + QStringList{
                                                       QStringLiteral("--cache-dir"),
                                                       left.cache.path(),
                                                       QStringLiteral("--import"),
                                                       left.cache.path() + QStringLiteral("/none"),
                                                   });
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 1, run.err.constData()); // the input does not exist
    QVERIFY2(!QFile::exists(left.abandoned), "a dead writer's temporary cache was kept");
    QVERIFY(QFile::exists(left.lockedDead));
    QVERIFY(QFile::exists(left.unlockedAlive));
}

QTEST_GUILESS_MAIN(TestStartupSweep)
#include "tst_startupsweep.moc"

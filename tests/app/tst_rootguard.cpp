// The root guard seen from outside, on the real binary. CI runs as root, so there the refusal
// and the override are both exercised for real; as an ordinary user the refusal cannot happen
// and that test skips.
#include "apprunner.h"
#include "rootguard.h"

#include <QProcess>
#include <QTest>

using namespace ts::testing;

class TestRootGuard : public QObject
{
    Q_OBJECT
private slots:
    void refusesRootWithoutFlag();
    void startsWithFlag();
};

void TestRootGuard::refusesRootWithoutFlag()
{
    if (!runningAsRoot())
        QSKIP("not running as root: the refusal path cannot be reached here (CI runs as root)");
    AppSandboxHome home;
    const AppRun run = runApp(home, {sampleTrace()}, 20000);
    QVERIFY2(run.finished, "the app must exit at once, not open a window");
    QVERIFY(run.exitCode != 0);
    // The whole refusal, which says why and names the override, and nothing else.
    QCOMPARE(QString::fromLocal8Bit(run.err), ts::app::rootRefusalMessage());
    QVERIFY(run.err.contains("--allow-root"));
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QVERIFY2(home.filesInside().isEmpty(), qPrintable(home.filesInside().join(", ")));

    // The same with the headless importer: refused before any cache folder is made.
    const AppRun headless = runApp(home, {"--import", sampleTrace()}, 20000);
    QVERIFY(headless.finished);
    QVERIFY(headless.exitCode != 0);
    QVERIFY(headless.err.contains("--allow-root"));
    QVERIFY2(home.filesInside().isEmpty(), qPrintable(home.filesInside().join(", ")));
}

void TestRootGuard::startsWithFlag()
{
    AppSandboxHome home;
    QProcess p;
    p.setProcessEnvironment(home.environment());
    p.start(tracescopeBinary(), rootFlag());
    QVERIFY(p.waitForStarted(10000));
    // Started means: still running with its window up after a while, not exited with an error.
    const bool exitedEarly = p.waitForFinished(3000);
    QByteArray err = p.readAllStandardError();
    QVERIFY2(!exitedEarly, err.constData());
    QCOMPARE(p.state(), QProcess::Running);
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    err += p.readAllStandardError();
    if (runningAsRoot())
        QVERIFY2(err.startsWith(ts::app::rootWarningMessage().toLocal8Bit()), err.constData());
    else
        QVERIFY2(!err.contains("--allow-root"), err.constData());
}

QTEST_GUILESS_MAIN(TestRootGuard)
#include "tst_rootguard.moc"

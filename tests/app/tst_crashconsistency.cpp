// SIGKILL at many points of an import, on the real binaries: the app (the headless `--import`
// and the GUI, alternately) and, separately, the import child. After each kill:
//  - the cache folder holds only complete caches, each opening and passing SQLite's quick_check
//    with every slice of the trace (a temporary cache of a killed app may stay until the next
//    import; a killed child's is removed by the living app at once);
//  - no import child is left running;
//  - the next import of the same trace completes and leaves no temporary file behind, and the
//    one after it reuses that cache.
// One trace is written once and imported once to measure; the kill points are fractions of that
// measured run, so the suite's time follows the machine's speed rather than fixed sleeps.
#include "apprunner.h"
#include "bigtrace.h"
#include "cachefolder.h"
#include "processtable.h"

#include "cache/cachereader.h"
#include "cache/cachetemp.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace ts::testing;

namespace {

constexpr int kPoints = 10; // per victim: the app, the child

enum class Front { Headless, Gui };

QJsonObject summaryLine(const QByteArray &out)
{
    return QJsonDocument::fromJson(out.trimmed()).object();
}

// The import children (each the leader of its own process group) of a process.
QList<pid_t> importChildren(pid_t app)
{
    QList<pid_t> found;
    for (pid_t pid : childrenOf(app)) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("tracescope-imp"))
            found << pid;
    }
    return found;
}

// QProcess::waitForFinished() is false for a process that had already ended.
bool hasEnded(QProcess &p, int timeoutMs)
{
    return p.state() == QProcess::NotRunning || p.waitForFinished(timeoutMs);
}

bool anyGroupAlive(const QList<pid_t> &groups)
{
    for (pid_t g : groups) {
        if (processGroupAlive(g))
            return true;
    }
    return false;
}

} // namespace

class TestCrashConsistency : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void appKilled_data() { killPoints(); }
    void appKilled();
    void childKilled_data() { killPoints(); }
    void childKilled();

private:
    void killPoints();
    std::unique_ptr<QProcess> startImport(Front front, const QString &cacheDir) const;
    // Empty when every .tscache in dir is complete and nothing but caches (and, if allowed,
    // temporary caches) is there; else what is wrong.
    QString checkFolder(const QString &dir, bool temporariesAllowed) const;
    QString checkCache(const QString &path) const;
    // The next import and the one after it, both of the same trace into the same folder.
    void importTwiceAfter(const QString &cacheDir);

    QTemporaryDir m_work;
    AppSandboxHome m_home;
    QTemporaryDir m_runtime; // XDG_RUNTIME_DIR of the GUI runs
    QString m_trace;
    qint64 m_slices = 0;
    qint64 m_importMs = 0;     // the measured import, process start to exit
    qint64 m_childFromMs = 0;  // when its import child was first seen running
    qint64 m_childUntilMs = 0; // and last seen
};

void TestCrashConsistency::initTestCase()
{
    QVERIFY(m_work.isValid());
    m_trace = m_work.filePath(QStringLiteral("crash.json"));
    // ~50 MB, 600 k slices: a few seconds of import, so kills land in reading and in writing.
    QVERIFY(writeBigTrace(m_trace, 150000));

    QTemporaryDir cache;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> app = startImport(Front::Headless, cache.path());
    QVERIFY(app->waitForStarted(10000));
    while (app->state() == QProcess::Running && clock.elapsed() < 300000) {
        if (!importChildren(pid_t(app->processId())).isEmpty()) {
            if (m_childFromMs == 0)
                m_childFromMs = clock.elapsed();
            m_childUntilMs = clock.elapsed();
        }
        app->waitForFinished(5);
    }
    QVERIFY(hasEnded(*app, 1000));
    m_importMs = clock.elapsed();
    QVERIFY2(app->exitCode() == 0, app->readAllStandardError().constData());
    m_slices = qint64(summaryLine(app->readAllStandardOutput()).value("slices").toDouble());
    QVERIFY(m_slices > 0);
    QVERIFY2(m_childUntilMs > m_childFromMs, "the import child was never seen running");
    qInfo("import of %lld MB, %lld slices: %lld ms; its child ran from %lld to %lld ms",
          QFileInfo(m_trace).size() >> 20, m_slices, m_importMs, m_childFromMs, m_childUntilMs);
}

void TestCrashConsistency::killPoints()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("front");
    for (int i = 0; i < kPoints; ++i) {
        const double fraction = (i + 0.5) / kPoints;
        const Front front = i % 2 ? Front::Gui : Front::Headless;
        QTest::addRow("%s at %.0f%%", front == Front::Gui ? "gui" : "headless", fraction * 100)
            << fraction << int(front);
    }
}

std::unique_ptr<QProcess> TestCrashConsistency::startImport(Front front,
                                                            const QString &cacheDir) const
{
    auto app = std::make_unique<QProcess>();
    // The GUI on the offscreen platform, its single-instance socket (which a SIGKILL leaves
    // behind) in a runtime folder of the test's own.
    QProcessEnvironment env = m_home.environment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime.path());
    app->setProcessEnvironment(env);
    QStringList args = rootFlag() + QStringList{QStringLiteral("--cache-dir"), cacheDir};
    if (front == Front::Headless)
        args << QStringLiteral("--import");
    app->start(tracescopeBinary(), args << m_trace);
    return app;
}

QString TestCrashConsistency::checkCache(const QString &path) const
{
    ts::model::CacheReader reader;
    QString error;
    if (!reader.open(path, &error))
        return QStringLiteral("%1 does not open: %2").arg(path, error);
    ts::model::Statement check(reader.database(), "PRAGMA quick_check");
    if (!check.step() || check.text(0) != QLatin1String("ok"))
        return QStringLiteral("%1 fails quick_check: %2").arg(path, check.text(0));
    if (reader.summary().slices != m_slices)
        return QStringLiteral("%1 holds %2 slices, not %3")
            .arg(path)
            .arg(reader.summary().slices)
            .arg(m_slices);
    return {};
}

QString TestCrashConsistency::checkFolder(const QString &dir, bool temporariesAllowed) const
{
    for (const QString &name : entries(dir)) {
        if (ts::model::CacheTemp::isTemporaryName(name)) {
            if (!temporariesAllowed)
                return QStringLiteral("a temporary cache was left: %1").arg(name);
        } else if (name.endsWith(QLatin1String(".tscache"))) {
            const QString wrong = checkCache(QDir(dir).filePath(name));
            if (!wrong.isEmpty())
                return wrong;
        } else {
            return QStringLiteral("an unexpected file in the cache folder: %1").arg(name);
        }
    }
    return {};
}

void TestCrashConsistency::importTwiceAfter(const QString &cacheDir)
{
    const QStringList args = rootFlag() + QStringList{QStringLiteral("--cache-dir"), cacheDir,
                                                      QStringLiteral("--import"), m_trace};
    const AppRun next = runApp(m_home, args, 300000);
    QVERIFY2(next.exitCode == 0, next.err.constData());
    QCOMPARE(qint64(summaryLine(next.out).value("slices").toDouble()), m_slices);
    const QString wrong = checkFolder(cacheDir, false);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(entries(cacheDir).size(), 1);

    const AppRun after = runApp(m_home, args, 300000);
    QVERIFY2(after.exitCode == 0, after.err.constData());
    const QJsonObject o = summaryLine(after.out);
    QVERIFY2(o.value("reused").toBool(), after.out.constData());
    QCOMPARE(qint64(o.value("slices").toDouble()), m_slices);
    QCOMPARE(entries(cacheDir).size(), 1);
}

void TestCrashConsistency::appKilled()
{
    QFETCH(double, fraction);
    QFETCH(int, front);
    QTemporaryDir cache;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> app = startImport(Front(front), cache.path());
    QVERIFY(app->waitForStarted(10000));
    const pid_t pid = pid_t(app->processId());
    app->waitForFinished(std::max(1, int(fraction * m_importMs - clock.elapsed())));

    QList<pid_t> children;
    if (app->state() == QProcess::Running) {
        // Stopped first, so the children read are all it will ever have started.
        ::kill(pid, SIGSTOP);
        children = importChildren(pid);
        ::kill(pid, SIGKILL);
        qInfo("killed at %lld ms, %s", clock.elapsed(),
              children.isEmpty() ? "no child running" : "its child running");
    } else {
        qInfo("the import ended at %lld ms, before the kill", clock.elapsed());
    }
    QVERIFY(hasEnded(*app, 10000));
    // The orphaned child notices at its next write that its reader is gone, and ends.
    QTRY_VERIFY2_WITH_TIMEOUT(!anyGroupAlive(children), "an import child outlived the app", 15000);
    const QString wrong = checkFolder(cache.path(), true);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    importTwiceAfter(cache.path());
}

void TestCrashConsistency::childKilled()
{
    QFETCH(double, fraction);
    QFETCH(int, front);
    // The child's life in the measuring run; a later run on a machine whose load has dropped may
    // be shorter, and its kill point then past the child's end. Such an attempt is run again
    // with the window that attempt saw (at most three times).
    qint64 from = m_childFromMs;
    qint64 until = m_childUntilMs;
    std::unique_ptr<QTemporaryDir> attemptCache;
    std::unique_ptr<QProcess> app;
    QElapsedTimer clock;
    QList<pid_t> children;
    for (int attempt = 1;; ++attempt) {
        attemptCache = std::make_unique<QTemporaryDir>();
        clock.start();
        app = startImport(Front(front), attemptCache->path());
        QVERIFY(app->waitForStarted(10000));
        const pid_t pid = pid_t(app->processId());
        const qint64 at = from + qint64(fraction * double(until - from));
        qint64 firstSeen = -1;
        qint64 lastSeen = -1;
        bool due = false;
        while (app->state() == QProcess::Running && clock.elapsed() < 120000) {
            const QList<pid_t> now = importChildren(pid);
            if (!now.isEmpty()) {
                children = now;
                lastSeen = clock.elapsed();
                if (firstSeen < 0)
                    firstSeen = lastSeen;
                if (lastSeen >= at) {
                    due = true;
                    break;
                }
            } else if (firstSeen >= 0) {
                break; // the child ended before the kill point
            }
            app->waitForFinished(2);
        }
        if (due)
            break;
        QVERIFY2(firstSeen >= 0, "the import child was never seen");
        QVERIFY2(attempt < 3, "the import child ended before the kill point three times");
        qInfo("the child ended at %lld ms, before the kill point at %lld ms: again", lastSeen, at);
        app->kill();
        app->waitForFinished(10000);
        from = firstSeen;
        until = lastSeen;
        children.clear();
    }
    const QTemporaryDir &cache = *attemptCache;
    for (pid_t child : std::as_const(children))
        ::kill(child, SIGKILL);
    qInfo("killed the child at %lld ms", clock.elapsed());

    if (Front(front) == Front::Headless) {
        // The import fails, says so, and the app exits.
        QVERIFY(hasEnded(*app, 30000));
        const QByteArray err = app->readAllStandardError();
        QVERIFY2(app->exitStatus() == QProcess::NormalExit && app->exitCode() != 0,
                 err.constData());
        QVERIFY2(err.contains(QFile::encodeName(m_trace)), err.constData());
    } else {
        // The window stays, and its import's temporary cache goes.
        QTRY_VERIFY_WITH_TIMEOUT(temporaries(cache.path()).isEmpty(), 30000);
        QVERIFY2(app->state() == QProcess::Running, app->readAllStandardError().constData());
    }
    QVERIFY(!anyGroupAlive(children));
    const QString wrong = checkFolder(cache.path(), false);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    if (app->state() == QProcess::Running) {
        app->kill();
        app->waitForFinished(10000);
    }
    importTwiceAfter(cache.path());
}

QTEST_GUILESS_MAIN(TestCrashConsistency)
#include "tst_crashconsistency.moc"

// The sandbox proven from inside: the real tracescope-import, locked down exactly as for an
// import, tries what it must not do (open, create, socket, exec) and reports each refusal; the
// memory and CPU limits stop it; and an ordinary import still works inside the same walls.
#include "sandbox/sandbox.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

QString child() { return QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"); }

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};

Run runChild(const QStringList &args, const QString &stdinFile = QString(), int timeoutMs = 20000)
{
    QProcess p;
    if (!stdinFile.isEmpty())
        p.setStandardInputFile(stdinFile);
    else
        p.setStandardInputFile(QProcess::nullDevice());
    p.start(child(), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// How a child ended, seen by wait4(): the signal that ended it and the CPU time it used.
struct Ended
{
    bool exited = false;
    int exitCode = -1;
    int signal = 0;
    double cpuSeconds = 0;
    qint64 wallMs = 0;
};

Ended spawnAndWait(const QStringList &args)
{
    std::vector<QByteArray> storage{QFile::encodeName(child())};
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    QElapsedTimer clock;
    clock.start();
    pid_t pid = -1;
    Ended e;
    if (::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        return e;
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    struct rusage usage
    {
    };
    // A child the limit failed to stop is killed here after 30 s (and the test then fails).
    while (::wait4(pid, &status, WNOHANG, &usage) == 0) {
        if (clock.elapsed() > 30000)
            ::kill(pid, SIGKILL);
        QThread::msleep(20);
    }
    e.wallMs = clock.elapsed();
    e.exited = WIFEXITED(status);
    e.exitCode = e.exited ? WEXITSTATUS(status) : -1;
    e.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    e.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return e;
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT
private slots:
    void forbidden_data();
    void forbidden();
    void memoryLimit();
    void cpuLimit();
    void layersReported();
    void importWorksInside();
    void unknownSelftest();
};

void TestSandbox::forbidden_data()
{
    QTest::addColumn<QString>("probe");
    QTest::addColumn<int>("refusals");
    QTest::newRow("open and create files") << "open" << 3;
    QTest::newRow("sockets") << "socket" << 2;
    QTest::newRow("exec") << "exec" << 1;
}

void TestSandbox::forbidden()
{
    QFETCH(QString, probe);
    QFETCH(int, refusals);
    // What the probes try exists, so a refusal cannot be a missing file in disguise.
    for (const char *path : {"/etc/passwd", "/", "/tmp", "/bin/true"})
        QVERIFY2(QFileInfo::exists(QLatin1String(path)), path);
    QFile::remove(QStringLiteral("/tmp/tracescope-sandbox-probe"));
    const Run r = runChild({QStringLiteral("--selftest"), probe});
    QVERIFY2(!r.crashed, r.err.constData());
    QVERIFY2(!r.out.contains("ALLOWED"), r.out.constData());
    QVERIFY2(!r.out.contains("FAILED OTHERWISE"), r.out.constData());
    QCOMPARE(r.exitCode, 0);
    // Every line a refusal with the sandbox's own errno: seccomp's EPERM or Landlock's EACCES.
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), refusals);
    for (const QByteArray &line : lines)
        QVERIFY2(line.contains("refused (EPERM") || line.contains("refused (EACCES"),
                 line.constData());
    QVERIFY2(!QFile::exists(QStringLiteral("/tmp/tracescope-sandbox-probe")),
             "the create probe left a file");
}

void TestSandbox::memoryLimit()
{
    if (!ts::sandbox::kAddressSpaceLimited)
        QSKIP("built with AddressSanitizer: the child runs without RLIMIT_AS (sandbox.h)");
    // The probe checks the limit itself: 257 MiB cannot be mapped, 192 MiB can and is used.
    const Run r = runChild({QStringLiteral("--mem-mb"), QStringLiteral("256"),
                            QStringLiteral("--selftest"), QStringLiteral("memory")});
    QVERIFY2(!r.crashed, r.err.constData());
    QVERIFY2(r.out.contains("memory: limit 256 MiB"), r.out.constData());
    QVERIFY2(r.out.contains("memory: 257 MiB above the cap: refused (ENOMEM)"), r.out.constData());
    QVERIFY2(r.out.contains("memory: 192 MiB below the cap: ok"), r.out.constData());
    QVERIFY2(!r.out.contains("ALLOWED") && !r.out.contains("FAILED"), r.out.constData());
    QCOMPARE(r.exitCode, 0);
}

void TestSandbox::cpuLimit()
{
    // A soft limit of 1 s: SIGXCPU once the child has used it (SIGKILL at the hard limit a second
    // later, should SIGXCPU be ignored) — measured in CPU time, which a busy machine does not
    // stretch, and bounded in wall time.
    const Ended e = spawnAndWait({QStringLiteral("--cpu-seconds"), QStringLiteral("1"),
                                  QStringLiteral("--selftest"), QStringLiteral("spin")});
    qInfo("ended by signal %d after %.2f s of CPU, %lld ms", e.signal, e.cpuSeconds, e.wallMs);
    QVERIFY2(!e.exited, "a spinning child must not exit on its own");
    QVERIFY2(e.signal == SIGXCPU || e.signal == SIGKILL, qPrintable(QString::number(e.signal)));
    // getrusage's CPU times are sampled at the scheduler's tick, so they can read a little short.
    QVERIFY2(e.cpuSeconds >= 0.5 && e.cpuSeconds < 2.5, qPrintable(QString::number(e.cpuSeconds)));
    QVERIFY2(e.wallMs < 30000, qPrintable(QString::number(e.wallMs)));
}

void TestSandbox::layersReported()
{
    const Run r = runChild({QStringLiteral("--selftest"), QStringLiteral("exec")});
    QVERIFY2(r.err.contains("seccomp allow-list loaded"), r.err.constData());
    // Landlock depends on the kernel; either it is active or the child says why not.
    QVERIFY2(r.err.contains("landlock ABI") || r.err.contains("landlock unavailable") ||
                 r.err.contains("landlock ruleset refused"),
             r.err.constData());
    qInfo("%s", r.err.trimmed().constData());
}

void TestSandbox::importWorksInside()
{
    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("t.json"));
    QFile f(trace);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Big enough for glibc to use mmap'ed blocks and several output flushes.
    f.write("{\"traceEvents\":[");
    for (int i = 0; i < 20000; ++i)
        f.write(QStringLiteral("%1{\"ph\":\"X\",\"name\":\"op%2\",\"pid\":1,\"tid\":1,\"ts\":%3,\"dur\":1,"
                               "\"args\":{\"i\":%2}}")
                    .arg(i ? "," : "").arg(i).arg(i * 2).toUtf8());
    f.write("]}");
    f.close();
    const Run r = runChild({}, trace);
    QVERIFY2(!r.crashed, r.err.constData());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("TSREC001"));
    QVERIFY(r.out.size() > 20000 * 30);
}

void TestSandbox::unknownSelftest()
{
    const Run r = runChild({QStringLiteral("--selftest"), QStringLiteral("nonsense")});
    QCOMPARE(r.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"

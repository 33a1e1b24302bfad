// The sandbox proven from inside: the real tracescope-import, locked down exactly as for an
// import, tries what it must not do (open, create, socket, exec) and reports each refusal; the
// memory and CPU limits stop it; and an ordinary import still works inside the same walls.
#include "sandbox/sandbox.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

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
    QFile::remove(QStringLiteral("/tmp/tracescope-sandbox-probe"));
    const Run r = runChild({QStringLiteral("--selftest"), probe});
    QVERIFY2(!r.crashed, r.err.constData());
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(!r.out.contains("ALLOWED"), r.out.constData());
    QCOMPARE(r.out.count("refused"), refusals);
    QVERIFY2(!QFile::exists(QStringLiteral("/tmp/tracescope-sandbox-probe")), "the create probe left a file");
}

void TestSandbox::memoryLimit()
{
    const Run r = runChild({QStringLiteral("--mem-mb"), QStringLiteral("256"),
                            QStringLiteral("--selftest"), QStringLiteral("memory")});
    QVERIFY2(!r.out.contains("ALLOWED"), r.out.constData());
    if (!r.crashed) {
        QCOMPARE(r.exitCode, 0);
        const int at = r.out.mid(r.out.indexOf("at ") + 3).split(' ').value(0).toInt();
        QVERIFY2(at > 0 && at < 256, r.out.constData());
    }
}

void TestSandbox::cpuLimit()
{
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(child(), {QStringLiteral("--cpu-seconds"), QStringLiteral("1"),
                      QStringLiteral("--selftest"), QStringLiteral("spin")});
    QVERIFY(p.waitForStarted());
    QVERIFY2(p.waitForFinished(15000), "a spinning child must be stopped by its CPU limit");
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
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

// Single instance: the private runtime folder, what the server takes and refuses (only the
// user's own connections, bounded messages, only existing absolute paths), a second `tracescope
// PATH` opening PATH as a tab of the window already running, and the real binary serving,
// forwarding and recovering from a crashed instance's socket.
#include "apprunner.h"
#include "appsetup.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "instanceserver.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "rootguard.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QtConcurrent>

#include <csignal>

#include <sys/stat.h>

using namespace ts::app;

namespace {

// Sends raw bytes from another thread (the server answers on this one) and returns the answer,
// or what was read before the server closed the connection.
QFuture<QByteArray> exchange(const QString &socketPath, const QByteArray &bytes)
{
    return QtConcurrent::run([socketPath, bytes]() {
        QLocalSocket socket;
        socket.connectToServer(socketPath);
        if (!socket.waitForConnected(5000))
            return QByteArray("no connection");
        socket.write(bytes);
        socket.waitForBytesWritten(5000);
        QByteArray answer;
        while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(6000))
            answer += socket.readAll();
        return answer;
    });
}

// Paths as the protocol carries them: each one followed by a NUL.
QByteArray nulTerminated(const QList<QByteArray> &paths)
{
    QByteArray out;
    for (const QByteArray &p : paths)
        out += p + '\0';
    return out;
}

QByteArray message(const QByteArray &payload)
{
    return "TSOPEN1 " + QByteArray::number(payload.size()) + '\n' + payload;
}

// Keeps this thread's event loop (the server's) running until the client is done.
QByteArray waitFor(QFuture<QByteArray> future)
{
    QElapsedTimer clock;
    clock.start();
    while (!future.isFinished() && clock.elapsed() < 15000)
        QTest::qWait(10);
    return future.isFinished() ? future.result() : QByteArray("client hung");
}

bool answers(const QString &socketPath)
{
    QLocalSocket s;
    s.connectToServer(socketPath);
    return s.waitForConnected(200);
}

int modeOf(const QString &path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestInstanceServer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_runtime;
    QTemporaryDir m_files;
    QString m_file;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_runtime.isValid() && m_files.isValid());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
        m_file = m_files.filePath(QStringLiteral("a.pt.trace.json"));
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"traceEvents\":[]}");
    }

    void socketFolderIsPrivate()
    {
        QString error;
        const QString socket = instanceSocketPath(m_files.path(), &error);
        QVERIFY2(!socket.isEmpty(), qPrintable(error));
        const QString folder = QFileInfo(socket).path();
        QCOMPARE(folder, m_runtime.filePath(QStringLiteral("tracescope")));
        QCOMPARE(modeOf(folder), 0700);
        // One instance per cache folder.
        QVERIFY(instanceSocketPath(m_runtime.path(), &error) != socket);

        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0755) == 0);
        QVERIFY(instanceSocketPath(m_files.path(), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("open to other users")), qPrintable(error));
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0700) == 0);

        // A link in its place (another user's trick) is refused, not followed.
        QTemporaryDir elsewhere;
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(elsewhere.path()));
        QVERIFY(QFile::link(m_files.path(), elsewhere.filePath(QStringLiteral("tracescope"))));
        QVERIFY(instanceSocketPath(m_files.path(), &error).isEmpty());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    }

    void socketIsUsersOnly()
    {
        QString error;
        InstanceServer server;
        QVERIFY2(server.listen(instanceSocketPath(m_files.path(), &error), &error),
                 qPrintable(error));
        QCOMPARE(modeOf(server.socketPath()) & 077, 0);
    }

    void messages_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("answered");
        QTest::addColumn<int>("accepted"); // paths passed on
        QTest::addColumn<int>("refusals");
        const QByteArray file = QFile::encodeName(m_file);
        const QByteArray dir = QFile::encodeName(m_files.path());
        QTest::newRow("file and folder") << message(nulTerminated({file, dir})) << true << 2 << 0;
        QTest::newRow("no paths: bring the window forward") << message("") << true << 0 << 0;
        QTest::newRow("missing, relative, not UTF-8")
            << message(nulTerminated({dir + "/missing.json", "a.pt.trace.json", dir + "/\xff\xfe"}))
            << true << 0 << 3;
        QTest::newRow("one good among bad")
            << message(nulTerminated({"relative", file})) << true << 1 << 1;
        QTest::newRow("no NUL at the end") << message(file) << true << 0 << 1;
        QTest::newRow("too large")
            << QByteArray("TSOPEN1 65537\n") + QByteArray(65537, 'a') << false << -1 << 1;
        QTest::newRow("not ours") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false << -1 << 1;
        QTest::newRow("bytes past the length")
            << message(file + '\0') + "extra" << false << -1 << 1;
        QTest::newRow("never finished") << QByteArray("TSOPEN1 100\n/tmp") << false << -1 << 1;
        QTest::newRow("endless header")
            << QByteArray("TSOPEN1 ") + QByteArray(100, '1') << false << -1 << 1;
    }
    void messages()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, answered);
        QFETCH(int, accepted);
        QFETCH(int, refusals);
        QString error;
        InstanceServer server;
        QVERIFY2(server.listen(instanceSocketPath(m_files.path(), &error), &error),
                 qPrintable(error));
        QSignalSpy received(&server, &InstanceServer::pathsReceived);
        QSignalSpy rejected(&server, &InstanceServer::rejected);
        const QByteArray answer = waitFor(exchange(server.socketPath(), bytes));
        QCOMPARE(answer == "OK\n", answered);
        if (answered) {
            QCOMPARE(received.size(), 1);
            const QStringList paths = received.first().first().toStringList();
            QCOMPARE(paths.size(), accepted);
            for (const QString &p : paths)
                QVERIFY(QFileInfo::exists(p) && QFileInfo(p).isAbsolute());
        } else {
            QTest::qWait(50);
            QCOMPARE(received.size(), 0);
        }
        QStringList why;
        for (const auto &r : rejected)
            why << r.first().toString();
        QVERIFY2(rejected.size() == refusals, qPrintable(why.join(QLatin1Char('\n'))));
    }

    void otherUsersRefused()
    {
        QString error;
        InstanceServer server;
        QVERIFY2(server.listen(instanceSocketPath(m_files.path(), &error), &error),
                 qPrintable(error));
        server.setAllowedUid(::getuid() + 1); // as if we were someone else than the peer
        QSignalSpy received(&server, &InstanceServer::pathsReceived);
        QSignalSpy rejected(&server, &InstanceServer::rejected);
        const QByteArray answer = waitFor(
            exchange(server.socketPath(), message(nulTerminated({QFile::encodeName(m_file)}))));
        QVERIFY(answer.isEmpty());
        QCOMPARE(received.size(), 0);
        QCOMPARE(rejected.size(), 1);
        QVERIFY(rejected.first().first().toString().contains(QStringLiteral("another user")));
    }

    // The window as guiapp.cpp wires it, and the real binary started a second time as the client.
    void secondStartOpensTabInRunningWindow()
    {
        ts::testing::AppSandboxHome home;
        QTemporaryDir cache;
        RecentFiles recent;
        InputOpener opener(&recent);
        ImportService imports(cache.path(), importChildPath());
        MainWindow window(&opener, &recent, &imports);
        window.show();
        QString error;
        InstanceServer server;
        QVERIFY2(server.listen(instanceSocketPath(cache.path(), &error), &error),
                 qPrintable(error));
        serveOtherInstances(&server, &opener, &window);
        QCOMPARE(window.tabs()->count(), 0);

        QProcess second;
        QProcessEnvironment env = home.environment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime.path());
        second.setProcessEnvironment(env);
        second.start(ts::testing::tracescopeBinary(),
                     ts::testing::rootFlag() + QStringList{QStringLiteral("--cache-dir"),
                                                           cache.path(),
                                                           ts::testing::sampleTrace()});
        QVERIFY(second.waitForStarted(10000));
        // The client blocks on its answer, so this thread keeps serving while it waits.
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 20000);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(window.tabs()->count(), 1);
        QCOMPARE(window.tabs()->tabToolTip(0), ts::testing::sampleTrace());
        // ...and the tab imports it like any other (the import child sits beside this test).
        auto *doc = qobject_cast<DocumentTab *>(window.tabs()->widget(0));
        QVERIFY(doc);
        QTRY_VERIFY_WITH_TIMEOUT(doc->isReady(), 60000);
        QVERIFY2(!doc->hasFailed(), qPrintable(doc->errorText()));
    }

    // Two real processes: the first serves, the second hands its path over and exits; after the
    // first dies without cleaning up, a new start takes the socket over.
    void realProcesses()
    {
        ts::testing::AppSandboxHome home;
        QTemporaryDir cache;
        QProcessEnvironment env = home.environment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime.path());
        const QStringList common =
            ts::testing::rootFlag() + QStringList{QStringLiteral("--cache-dir"), cache.path()};
        QString error;
        const QString socket = instanceSocketPath(cache.path(), &error);
        QVERIFY(!socket.isEmpty());

        auto startWindow = [&](QProcess &p) {
            p.setProcessEnvironment(env);
            p.start(ts::testing::tracescopeBinary(), common);
            QVERIFY(p.waitForStarted(10000));
            QTRY_VERIFY_WITH_TIMEOUT(answers(socket), 30000);
        };
        QProcess first;
        startWindow(first);

        QProcess second;
        second.setProcessEnvironment(env);
        second.start(ts::testing::tracescopeBinary(), common + QStringList{m_file});
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitCode(), 0);
        QByteArray complaint = second.readAllStandardError();
        complaint.replace(rootWarningMessage().toUtf8(), QByteArray()); // CI runs as root
        QVERIFY2(complaint.trimmed().isEmpty(), complaint.constData());
        QCOMPARE(first.state(), QProcess::Running);

        ::kill(pid_t(first.processId()), SIGKILL); // leaves its socket file behind
        first.waitForFinished(5000);
        QVERIFY(QFileInfo::exists(socket));
        QProcess third;
        startWindow(third); // serves again: the stale socket was replaced
        third.kill();
        third.waitForFinished(5000);
    }
};

QTEST_MAIN(TestInstanceServer)
#include "tst_instanceserver.moc"

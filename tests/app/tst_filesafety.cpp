// The file rules of the MindStudio security statements: modes of what we create (with a umask of
// 0 in this process, so the code — not the umask — is what keeps them tight), no writing through
// links, warnings for inputs others could have changed; then the same seen on the real binary.
#include "apprunner.h"
#include "appsetup.h"
#include "cache/sqlite.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "inputscan.h"
#include "recentfiles.h"
#include "util/safefs.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cstring>
#include <functional>
#include <future>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace ts::testing;

namespace {

int modeOf(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

void writeFile(const QString &path, const QByteArray &bytes, int mode)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
}

// Runs `work` on another thread and waits at most 10 s. A regression that blocks in open() on a
// named pipe then fails here instead of hanging the suite: the pipe is opened for writing, which
// releases the blocked reader, and the test is reported as failed.
bool finishesWithoutBlocking(const std::function<void()> &work, const QString &fifo)
{
    std::future<void> done = std::async(std::launch::async, work);
    if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready)
        return true;
    const int writer = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
    done.wait();
    if (writer >= 0)
        ::close(writer);
    return false;
}

// A listening Unix socket at `path`; the descriptor stays open for the test's life.
int makeSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    if (fd < 0 || size_t(native.size()) >= sizeof addr.sun_path)
        return -1;
    std::memcpy(addr.sun_path, native.constData(), size_t(native.size()));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class TestFileSafety : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void privateDirModes();
    void privateDirRefusesLink();
    void privateFileMode();
    void privateFileRefusesLink();
    void inputChecks_data();
    void inputChecks();
    void specialInputsRefused_data();
    void specialInputsRefused();
    void folderScanSkipsSpecialFiles();
    void cacheDirBehindParentLink();
    void sqliteFollowsOnlyParentLinks();
    void warningShownInDocument();
    void appCacheModes();
    void appRefusesLinkedCacheDir();
    void appHomeBehindLink();
    void appSettingsModes();

private:
    QTemporaryDir m_dir;
    mode_t m_oldUmask = 0;
};

void TestFileSafety::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_oldUmask = ::umask(0);
}

void TestFileSafety::cleanupTestCase()
{
    ::umask(m_oldUmask);
}

void TestFileSafety::privateDirModes()
{
    const QString nested = m_dir.filePath(QStringLiteral("a/b/c"));
    QString error;
    QVERIFY2(ts::fs::ensurePrivateDir(nested, &error), qPrintable(error));
    for (const QString &p : {m_dir.filePath("a"), m_dir.filePath("a/b"), nested})
        QCOMPARE(modeOf(p), 0750);
    QVERIFY(ts::fs::ensurePrivateDir(nested, &error)); // existing: fine
}

void TestFileSafety::privateDirRefusesLink()
{
    const QString target = m_dir.filePath(QStringLiteral("real"));
    QVERIFY(QDir().mkpath(target));
    const QString link = m_dir.filePath(QStringLiteral("linked-cache"));
    QVERIFY(QFile::link(target, link));
    QString error;
    QVERIFY(!ts::fs::ensurePrivateDir(link, &error));
    QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));

    const QString file = m_dir.filePath(QStringLiteral("plainfile"));
    writeFile(file, "x", 0600);
    QVERIFY(!ts::fs::ensurePrivateDir(file, &error));
    QVERIFY2(error.contains(QStringLiteral("not a folder")), qPrintable(error));
}

void TestFileSafety::privateFileMode()
{
    const QString path = m_dir.filePath(QStringLiteral("new.tscache"));
    QString error;
    const int fd = ts::fs::createPrivateFile(path, &error);
    QVERIFY2(fd >= 0, qPrintable(error));
    ::close(fd);
    QCOMPARE(modeOf(path), 0640);
    QCOMPARE(ts::fs::createPrivateFile(path, &error), -1); // never reuses an existing file
}

void TestFileSafety::privateFileRefusesLink()
{
    const QString victim = m_dir.filePath(QStringLiteral("victim"));
    writeFile(victim, "precious", 0600);
    const QString link = m_dir.filePath(QStringLiteral("link.tscache"));
    QVERIFY(QFile::link(victim, link));
    QString error;
    QCOMPARE(ts::fs::createPrivateFile(link, &error), -1);
    QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
    QFile f(victim);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
}

void TestFileSafety::inputChecks_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("warningContains");
    QTest::newRow("0644 own file") << 0644 << QString();
    QTest::newRow("0600 own file") << 0600 << QString();
    QTest::newRow("group-writable") << 0664 << "writable by group or others";
    QTest::newRow("world-writable") << 0646 << "writable by group or others";
}

void TestFileSafety::inputChecks()
{
    QFETCH(int, mode);
    QFETCH(QString, warningContains);
    const QString path = m_dir.filePath(QStringLiteral("input-%1.json").arg(mode, 0, 8));
    writeFile(path, "[]", mode);
    const ts::fs::OpenedInput in = ts::fs::openInput(path);
    QVERIFY2(in.fd >= 0, qPrintable(in.error));
    ::close(in.fd);
    if (warningContains.isEmpty())
        QVERIFY2(in.warning.isEmpty(), qPrintable(in.warning));
    else
        QVERIFY2(in.warning.contains(warningContains), qPrintable(in.warning));

    const QString link = path + QStringLiteral(".link");
    QVERIFY(QFile::link(path, link));
    const ts::fs::OpenedInput viaLink = ts::fs::openInput(link);
    QCOMPARE(viaLink.fd, -1);
    QVERIFY2(viaLink.error.contains(QStringLiteral("symbolic link")), qPrintable(viaLink.error));
}

void TestFileSafety::specialInputsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("describedAs");
    QTest::newRow("named pipe") << "fifo" << "named pipe";
    QTest::newRow("socket") << "socket" << "socket";
    QTest::newRow("character device") << "device" << "character device";
}

void TestFileSafety::specialInputsRefused()
{
    // open() of a named pipe waits for a writer: the app would hang before the import started.
    QFETCH(QString, kind);
    QFETCH(QString, describedAs);
    QString path = m_dir.filePath(QStringLiteral("special-%1.json").arg(kind));
    int socketFd = -1;
    if (kind == QLatin1String("fifo"))
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    else if (kind == QLatin1String("socket"))
        QVERIFY((socketFd = makeSocket(path)) >= 0);
    else
        path = QStringLiteral("/dev/null");
    ts::fs::OpenedInput in;
    QVERIFY2(finishesWithoutBlocking([&] { in = ts::fs::openInput(path); }, path),
             "openInput blocked on a special file");
    if (socketFd >= 0)
        ::close(socketFd);
    if (in.fd >= 0)
        ::close(in.fd);
    QCOMPARE(in.fd, -1);
    QVERIFY2(in.error.contains(QStringLiteral("not a regular file")), qPrintable(in.error));
    QVERIFY2(in.error.contains(describedAs), qPrintable(in.error));
    QVERIFY2(in.error.contains(path), qPrintable(in.error));
}

void TestFileSafety::folderScanSkipsSpecialFiles()
{
    const QString folder = m_dir.filePath(QStringLiteral("scan-with-pipe"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/rank0")));
    const QString fifo = folder + QStringLiteral("/rank0/pipe.json");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const int socketFd = makeSocket(folder + QStringLiteral("/sock.json"));
    QVERIFY(socketFd >= 0);
    writeFile(folder + QStringLiteral("/rank0/trace.json"), R"({"traceEvents":[]})", 0600);
    ts::app::ScanResult scan;
    QVERIFY2(finishesWithoutBlocking([&] { scan = ts::app::scanInput(folder); }, fifo),
             "the folder scan blocked on a named pipe");
    ::close(socketFd);
    QCOMPARE(scan.files, QStringList{folder + QStringLiteral("/rank0/trace.json")});
    const QString ignored = scan.ignored.join(QLatin1Char('\n'));
    QVERIFY2(ignored.contains(fifo + QStringLiteral(": not a regular file (named pipe)")),
             qPrintable(ignored));
    QVERIFY2(ignored.contains(QStringLiteral("sock.json: not a regular file (socket)")),
             qPrintable(ignored));
}

void TestFileSafety::cacheDirBehindParentLink()
{
    // HOME -> /data/home style: a link the user already had above the cache folder is followed
    // (and resolved in the returned path); the cache folder itself must not be a link.
    const QString real = m_dir.filePath(QStringLiteral("realhome"));
    QVERIFY(QDir().mkpath(real));
    const QString link = m_dir.filePath(QStringLiteral("homelink"));
    QVERIFY(QFile::link(real, link));
    ts::app::AppOptions options;
    options.cacheDir = link + QStringLiteral("/.cache/traces");
    QString error;
    const QString dir = ts::app::prepareCacheDir(options, &error);
    QVERIFY2(!dir.isEmpty(), qPrintable(error));
    QCOMPARE(dir, QFileInfo(real).canonicalFilePath() + QStringLiteral("/.cache/traces"));
    QCOMPARE(modeOf(real + QStringLiteral("/.cache/traces")), 0750);

    const QString linkedCache = link + QStringLiteral("/linked-traces");
    QVERIFY(QFile::link(real + QStringLiteral("/.cache/traces"), linkedCache));
    options.cacheDir = linkedCache;
    QVERIFY(ts::app::prepareCacheDir(options, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
}

void TestFileSafety::sqliteFollowsOnlyParentLinks()
{
    // SQLITE_OPEN_NOFOLLOW alone refuses a link anywhere in the path.
    const QString real = m_dir.filePath(QStringLiteral("db-real"));
    QVERIFY(QDir().mkpath(real));
    const QString link = m_dir.filePath(QStringLiteral("db-link"));
    QVERIFY(QFile::link(real, link));
    QString error;
    const int fd = ts::fs::createPrivateFile(link + QStringLiteral("/a.tscache"), &error);
    QVERIFY2(fd >= 0, qPrintable(error));
    ::close(fd);
    {
        ts::model::Database db;
        QVERIFY2(db.openForWriting(link + QStringLiteral("/a.tscache"), &error), qPrintable(error));
        QVERIFY(db.exec("create table t(x)", &error));
    }
    ts::model::Database reader;
    QVERIFY2(reader.openReadOnly(link + QStringLiteral("/a.tscache"), &error), qPrintable(error));
    reader.close();
    // The file itself as a link stays refused, for reading and for writing.
    const QString fileLink = real + QStringLiteral("/b.tscache");
    QVERIFY(QFile::link(real + QStringLiteral("/a.tscache"), fileLink));
    QVERIFY(!reader.openReadOnly(link + QStringLiteral("/b.tscache"), &error));
    ts::model::Database writer;
    QVERIFY(!writer.openForWriting(link + QStringLiteral("/b.tscache"), &error));
}

void TestFileSafety::warningShownInDocument()
{
    const QString path = m_dir.filePath(QStringLiteral("shared.json"));
    writeFile(path, "[]", 0666);
    ts::app::RecentFiles recent;
    ts::app::InputOpener opener(&recent);
    QSignalSpy spy(&opener, &ts::app::InputOpener::documentRequested);
    opener.open(path);
    QCOMPARE(spy.count(), 1);
    const QString warning = spy.at(0).at(1).toString();
    QVERIFY2(warning.contains(QStringLiteral("writable by group or others")), qPrintable(warning));

    QTemporaryDir cache;
    ts::app::ImportService imports(cache.path(), QString());
    ts::app::DocumentTab tab(path, warning, &imports);
    tab.show();
    auto *label = tab.findChild<QLabel *>(QStringLiteral("inputWarning"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("writable by group or others")));
    QTRY_VERIFY_WITH_TIMEOUT(tab.isSettled(), 20000);
}

void TestFileSafety::appCacheModes()
{
    AppSandboxHome home;
    const QString cacheDir = home.path() + QStringLiteral("/caches/deep");
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", "--cache-dir", cacheDir,
                                                             sampleTrace()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(modeOf(home.path() + QStringLiteral("/caches")) == 0750);
    QCOMPARE(modeOf(cacheDir), 0750);
    int files = 0;
    QDirIterator it(cacheDir, QDir::Files | QDir::Hidden);
    while (it.hasNext()) {
        const QString f = it.next();
        QVERIFY2((modeOf(f) & ~0640) == 0, qPrintable(QStringLiteral("%1 has mode %2")
                                                          .arg(f).arg(modeOf(f), 0, 8)));
        ++files;
    }
    QVERIFY(files >= 1);
}

void TestFileSafety::appRefusesLinkedCacheDir()
{
    AppSandboxHome home;
    const QString real = home.path() + QStringLiteral("/elsewhere");
    QVERIFY(QDir().mkpath(real));
    const QString link = home.path() + QStringLiteral("/cache-link");
    QVERIFY(QFile::link(real, link));
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--import", "--cache-dir", link, sampleTrace()});
    QVERIFY(run.finished);
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains("symbolic link"), run.err.constData());
    QVERIFY(QDir(real).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestFileSafety::appHomeBehindLink()
{
    // HOME=/tmp/homelink with homelink -> realhome: the default cache folder lies behind a link
    // the user made; imports must work (they all failed while SQLite refused any link).
    AppSandboxHome sandbox;
    const QString real = sandbox.path() + QStringLiteral("/realhome");
    QVERIFY(QDir().mkpath(real));
    const QString link = sandbox.path() + QStringLiteral("/homelink");
    QVERIFY(QFile::link(real, link));
    QProcessEnvironment env = sandbox.environment();
    env.insert(QStringLiteral("HOME"), link);
    env.remove(QStringLiteral("XDG_CACHE_HOME"));
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(tracescopeBinary(), rootFlag() + QStringList{"--import", sampleTrace()});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
    const QString cache = QJsonDocument::fromJson(p.readAllStandardOutput()).object()
                              .value(QStringLiteral("cache")).toString();
    QVERIFY2(cache.startsWith(QFileInfo(real).canonicalFilePath() + QStringLiteral("/.cache/")),
             qPrintable(cache));
    QVERIFY(QFileInfo(cache).isFile());
    QCOMPARE(modeOf(cache) & ~0640, 0);
}

void TestFileSafety::appSettingsModes()
{
    AppSandboxHome home;
    const QString png = home.path() + QStringLiteral("/shot.png");
    const AppRun run = runApp(home, rootFlag() + QStringList{"--screenshot", png, sampleTrace()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString settingsDir = home.path() + QStringLiteral("/config/TraceScope");
    const QString settingsFile = settingsDir + QStringLiteral("/TraceScope.conf");
    QVERIFY2(QFile::exists(settingsFile), "the recent list should have been saved");
    QVERIFY((modeOf(settingsDir) & ~0750) == 0);
    QVERIFY((modeOf(settingsFile) & ~0640) == 0);
    QVERIFY((modeOf(png) & ~0640) == 0);
}

QTEST_MAIN(TestFileSafety)
#include "tst_filesafety.moc"

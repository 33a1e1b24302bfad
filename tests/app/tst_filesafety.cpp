// The file rules of the MindStudio security statements: modes of what we create (with a umask of
// 0 in this process, so the code — not the umask — is what keeps them tight), no writing through
// links, warnings for inputs others could have changed; then the same seen on the real binary.
#include "apprunner.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "recentfiles.h"
#include "util/safefs.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
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
    void warningShownInDocument();
    void appCacheModes();
    void appRefusesLinkedCacheDir();
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

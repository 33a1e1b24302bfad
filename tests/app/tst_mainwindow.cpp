// The main window on the offscreen platform: menus and shortcuts, the welcome page, drops, the
// recent list across runs, and opening through the one InputOpener.
#include "apprunner.h"
#include "importservice.h"
#include "inputopener.h"
#include "mainwindow.h"
#include "recentfiles.h"

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ts::app;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void fileMenuActions_data();
    void fileMenuActions();
    void menusPresent();
    void welcomePageWhenEmpty();
    void dropReachesOpener();
    void dropIgnoresNonLocalUrls();
    void recentFilesPersistAcrossRuns();
    void recentFilesPersistAcrossTwoProcesses();
    void missingPathReportsError();

private:
    QTemporaryDir m_cache;
    QTemporaryDir m_inputs;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TraceScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::fileMenuActions_data()
{
    QTest::addColumn<QString>("objectName");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::newRow("Open File") << "actionOpenFile" << QKeySequence(QKeySequence::Open);
    QTest::newRow("Open Folder") << "actionOpenFolder"
                                 << QKeySequence(QStringLiteral("Ctrl+Shift+O"));
    QTest::newRow("Close") << "actionClose" << QKeySequence(QKeySequence::Close);
    QTest::newRow("Quit") << "actionQuit" << QKeySequence(QStringLiteral("Ctrl+Q"));
    QTest::newRow("Shortcuts") << "actionShortcuts" << QKeySequence(QStringLiteral("Ctrl+/"));
}

void TestMainWindow::fileMenuActions()
{
    QFETCH(QString, objectName);
    QFETCH(QKeySequence, shortcut);
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    auto *action = window.findChild<QAction *>(objectName);
    QVERIFY2(action, qPrintable(objectName));
    QVERIFY(!action->shortcut().isEmpty());
    QCOMPARE(action->shortcut(), shortcut);
}

void TestMainWindow::menusPresent()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    QStringList titles;
    for (QAction *a : window.menuBar()->actions())
        titles << a->text().remove(QLatin1Char('&'));
    QCOMPARE(titles, (QStringList{"File", "View", "Help"}));
    QVERIFY(window.findChild<QMenu *>(QStringLiteral("menuRecent")));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionAbout")));
}

void TestMainWindow::welcomePageWhenEmpty()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *welcome = window.findChild<QWidget *>(QStringLiteral("welcomePage"));
    QVERIFY(welcome);
    QVERIFY(welcome->isVisible());
    for (const char *name : {"openFileButton", "openFolderButton", "openSampleButton"})
        QVERIFY2(window.findChild<QWidget *>(QLatin1String(name)), name);
}

void TestMainWindow::dropReachesOpener()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy spy(&opener, &InputOpener::documentRequested);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_inputs.path())});
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);

    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QDir::cleanPath(m_inputs.path()));
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(recent.paths().value(0), QDir::cleanPath(m_inputs.path()));
}

void TestMainWindow::dropIgnoresNonLocalUrls()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    QSignalSpy spy(&opener, &InputOpener::documentRequested);
    QMimeData mime;
    mime.setUrls({QUrl(QStringLiteral("https://example.com/trace.json"))});
    QDropEvent drop(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(window.tabs()->count(), 0);
}

void TestMainWindow::recentFilesPersistAcrossRuns()
{
    const QString a = m_inputs.filePath(QStringLiteral("a.json"));
    const QString b = m_inputs.filePath(QStringLiteral("b.json"));
    {
        RecentFiles first;
        first.add(a);
        first.add(b);
        first.add(a); // moves to the front, no duplicate
    }
    RecentFiles second; // a new run reads what the first one saved
    QCOMPARE(second.paths(), (QStringList{a, b}));
    for (int i = 0; i < RecentFiles::kMaxEntries + 5; ++i)
        second.add(m_inputs.filePath(QStringLiteral("f%1.json").arg(i)));
    QCOMPARE(RecentFiles().paths().size(), RecentFiles::kMaxEntries);
}

void TestMainWindow::recentFilesPersistAcrossTwoProcesses()
{
    // Two real runs of the app: what the first opened is still listed after the second, behind
    // what the second opened, in the settings file both wrote.
    ts::testing::AppSandboxHome home;
    const QString first = home.path() + QStringLiteral("/first.pt.trace.json.gz");
    const QString second = home.path() + QStringLiteral("/second.pt.trace.json.gz");
    QVERIFY(QFile::copy(ts::testing::sampleTrace(), first));
    QVERIFY(QFile::copy(ts::testing::sampleTrace(), second));
    for (const QString &input : {first, second}) {
        const ts::testing::AppRun run = ts::testing::runApp(
            home, ts::testing::rootFlag() + QStringList{QStringLiteral("--screenshot"),
                                                        home.path() + QStringLiteral("/shot.png"),
                                                        input});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }
    QSettings saved(home.path() + QStringLiteral("/config/TraceScope/TraceScope.conf"),
                    QSettings::IniFormat);
    const QStringList recent = saved.value(QStringLiteral("recentFiles")).toStringList();
    QVERIFY2(recent.size() >= 2, qPrintable(saved.allKeys().join(QLatin1Char(','))));
    QCOMPARE(recent.mid(0, 2), (QStringList{second, first}));
}

void TestMainWindow::missingPathReportsError()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    QSignalSpy failed(&opener, &InputOpener::openFailed);
    QSignalSpy opened(&opener, &InputOpener::documentRequested);
    opener.open(m_inputs.filePath(QStringLiteral("does-not-exist.json")));
    QCOMPARE(opened.count(), 0);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("does-not-exist.json")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

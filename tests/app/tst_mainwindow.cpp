// The main window on the offscreen platform: menus and shortcuts, the welcome page, drops, the
// recent list across runs, and opening through the one InputOpener.
#include "apprunner.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "timeline/timelinedata.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
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
    void dropOpensEachInItsOwnTab();
    void dropOfNonLocalUrlSaysWhy();
    void recentFilesPersistAcrossRuns();
    void recentFilesPersistAcrossTwoProcesses();
    void missingPathReportsError();

private:
    // Drops these URLs on the window the way a file manager does (enter, then drop).
    static bool drop(MainWindow &window, const QList<QUrl> &urls);
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

bool TestMainWindow::drop(MainWindow &window, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &dropped);
    return true;
}

void TestMainWindow::dropOpensEachInItsOwnTab()
{
    // One drop of a trace file and a folder of two ranks; each gets its own tab, imported by the
    // real child, showing its own data.
    const QString trace = m_inputs.filePath(QStringLiteral("dropped.pt.trace.json.gz"));
    QFile::remove(trace);
    QVERIFY(QFile::copy(ts::testing::sampleTrace(), trace));
    const QString ranks = m_inputs.filePath(QStringLiteral("two-ranks"));
    QVERIFY(QDir().mkpath(ranks));
    for (int rank : {0, 1}) {
        QFile f(QStringLiteral("%1/worker%2.pt.trace.json").arg(ranks).arg(rank));
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Rank r holds 2 + r slices, so the folder's tab must show 5.
        QByteArray events;
        for (int i = 0; i < 2 + rank; ++i)
            events +=
                QStringLiteral(R"(%1{"ph":"X","name":"r%2op%3","pid":%2,"tid":1,"ts":%4,"dur":5})")
                    .arg(i ? "," : "")
                    .arg(rank)
                    .arg(i)
                    .arg(10 * i)
                    .toUtf8();
        f.write(R"({"distributedInfo":{"rank":)" + QByteArray::number(rank) +
                R"(,"world_size":2},"traceEvents":[)" + events + "]}");
    }

    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    MainWindow window(&opener, &recent, &imports);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(drop(window, {QUrl::fromLocalFile(trace), QUrl::fromLocalFile(ranks)}));

    QCOMPARE(window.tabs()->count(), 2);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("dropped.pt.trace.json.gz"));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("two-ranks"));
    auto *fileTab = qobject_cast<DocumentTab *>(window.tabs()->widget(0));
    auto *folderTab = qobject_cast<DocumentTab *>(window.tabs()->widget(1));
    QVERIFY(fileTab && folderTab);
    QTRY_VERIFY_WITH_TIMEOUT(fileTab->isReady() && folderTab->isReady(), 60000);
    QVERIFY2(!fileTab->hasFailed(), qPrintable(fileTab->errorText()));
    QVERIFY2(!folderTab->hasFailed(), qPrintable(folderTab->errorText()));

    // The file: the sample's slices, on its timeline.
    QCOMPARE(fileTab->path(), QDir::cleanPath(trace));
    QCOMPARE(fileTab->currentViewName(), QStringLiteral("Timeline"));
    QVERIFY(fileTab->outcome().counts.slices > 100);
    QCOMPARE(qint64(fileTab->timeline()->data()->sliceCount()), fileTab->outcome().counts.slices);

    // The folder: two caches, one group per rank, 2 + 3 slices.
    QCOMPARE(folderTab->currentViewName(), QStringLiteral("Timeline"));
    QCOMPARE(folderTab->outcome().files.size(), 2);
    QCOMPARE(folderTab->outcome().cachePaths().size(), 2);
    const ts::model::TimelineData *data = folderTab->timeline()->data();
    QCOMPARE(data->sliceCount(), uint64_t(5));
    QStringList groups;
    for (const ts::model::TimelineGroup &g : data->groups())
        groups << g.title;
    QCOMPARE(groups.size(), 2);
    QVERIFY2(groups[0].startsWith(QStringLiteral("Rank 0")),
             qPrintable(groups.join(QLatin1Char('|'))));
    QVERIFY2(groups[1].startsWith(QStringLiteral("Rank 1")),
             qPrintable(groups.join(QLatin1Char('|'))));

    QCOMPARE(recent.paths().mid(0, 2),
             (QStringList{QDir::cleanPath(ranks), QDir::cleanPath(trace)}));
}

void TestMainWindow::dropOfNonLocalUrlSaysWhy()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy spy(&opener, &InputOpener::documentRequested);
    const QString url = QStringLiteral("https://example.com/trace.json");
    QVERIFY(drop(window, {QUrl(url)}));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(window.tabs()->count(), 0);
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("openErrorBox"));
    QVERIFY2(box, "a dropped web address must get a message, not silence");
    QVERIFY2(box->text().contains(url), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("on this computer only")),
             qPrintable(box->text()));
    QVERIFY(box->windowTitle().contains(QStringLiteral("trace.json")));
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

// Cancel as a user meets it, on the offscreen platform with the real sandboxed importer: the
// Cancel button pressed while the importer parses and again while the app writes the cache, and a
// tab closed mid-import. Each time: the tab says it was cancelled, within kCancelBudgetMs; no
// importer is left in the process table; nothing is left in the cache folder; and the GUI thread
// never waits for the worker.
#include "bigtrace.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "mainwindow.h"
#include "processtable.h"
#include "recentfiles.h"
#include "util/workerpool.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <unistd.h>

using namespace ts::app;
using namespace ts::testing;

namespace {

constexpr int kCancelBudgetMs = 200;

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

} // namespace

class TestImportCancel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cancelButton_data();
    void cancelButton();
    void closingTabDoesNotBlock();

private:
    // Opens the big trace in a window and returns once its import reached `stage` (1: the
    // importer parses, 2: the app writes the cache); the importer's group goes to *group.
    DocumentTab *openAndWaitFor(int stage, pid_t *group);

    QTemporaryDir m_work;
    QString m_bigTrace;
    std::unique_ptr<QTemporaryDir> m_cache;
    std::unique_ptr<RecentFiles> m_recent;
    std::unique_ptr<InputOpener> m_opener;
    std::unique_ptr<ImportService> m_imports;
    std::unique_ptr<MainWindow> m_window;
};

void TestImportCancel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_bigTrace = m_work.filePath(QStringLiteral("big.json"));
    QVERIFY(writeBigTrace(m_bigTrace, 300000));
}

void TestImportCancel::init()
{
    m_cache = std::make_unique<QTemporaryDir>();
    m_recent = std::make_unique<RecentFiles>();
    m_opener = std::make_unique<InputOpener>(m_recent.get());
    m_imports = std::make_unique<ImportService>(
        m_cache->path(), QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    m_window = std::make_unique<MainWindow>(m_opener.get(), m_recent.get(), m_imports.get());
    m_window->show();
}

void TestImportCancel::cleanup()
{
    m_window.reset();
    m_imports.reset();
    m_opener.reset();
    m_recent.reset();
    ts::model::waitingWorkPool()->waitForDone(); // a cancelled import finishing its clean-up
    ts::model::longWorkPool()->waitForDone();
    m_cache.reset();
}

DocumentTab *TestImportCancel::openAndWaitFor(int stage, pid_t *group)
{
    m_opener->open(m_bigTrace);
    auto *tab = m_window->currentDocument();
    if (!tab)
        return nullptr;
    auto *handle = tab->findChild<ImportHandle *>();
    QElapsedTimer clock;
    clock.start();
    while (handle && !handle->isFinished() && clock.elapsed() < 120000) {
        // The importer is a child of this process; its pid leads its own process group.
        if (*group == 0)
            *group = childrenOf(::getpid()).value(0);
        const bool underWay = stage != 1 || !entries(m_cache->path()).isEmpty();
        if (handle->stage() >= stage && *group > 0 && underWay)
            return tab;
        QTest::qWait(1);
    }
    return nullptr;
}

void TestImportCancel::cancelButton_data()
{
    QTest::addColumn<int>("stage");
    QTest::newRow("while the importer parses") << 1;
    QTest::newRow("while the cache is written") << 2;
}

void TestImportCancel::cancelButton()
{
    QFETCH(int, stage);
    pid_t group = 0;
    DocumentTab *tab = openAndWaitFor(stage, &group);
    QVERIFY2(tab, "the import did not reach that stage");
    auto *cancel = tab->findChild<QPushButton *>(QStringLiteral("cancelImport"));
    QVERIFY(cancel && cancel->isVisible() && cancel->isEnabled());

    QElapsedTimer clock;
    qint64 tookMs = -1; // from the click to the tab's error page, timed when it happens
    connect(tab, &DocumentTab::settled, this, [&] { tookMs = clock.elapsed(); });
    clock.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tab->isSettled(), 10000);
    qInfo("%s: settled %lld ms after the click", QTest::currentDataTag(), tookMs);

    QVERIFY2(tab->hasFailed(), "the import finished before the click: make the input larger");
    QVERIFY(tab->outcome().cancelled);
    auto *error = tab->findChild<QLabel *>(QStringLiteral("importError"));
    QVERIFY(error && error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("cancelled")), qPrintable(error->text()));
    QCOMPARE(m_window->tabs()->count(), 1);
    QVERIFY2(!processGroupAlive(group), "the importer's process group is still there");
    QVERIFY2(childrenOf(::getpid()).isEmpty(), "a child process is left");
    QVERIFY2(entries(m_cache->path()).isEmpty(), qPrintable(entries(m_cache->path()).join(',')));
    QVERIFY2(tookMs < kCancelBudgetMs, qPrintable(QStringLiteral("%1 ms").arg(tookMs)));
}

void TestImportCancel::closingTabDoesNotBlock()
{
    pid_t group = 0;
    DocumentTab *tab = openAndWaitFor(2, &group);
    QVERIFY2(tab, "the import did not reach the writing phase");
    QPointer<DocumentTab> alive(tab);
    QElapsedTimer clock;
    clock.start();
    emit m_window->tabs()->tabCloseRequested(m_window->tabs()->indexOf(tab));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the tab goes now
    const qint64 guiMs = clock.elapsed();
    QVERIFY(alive.isNull());
    qInfo("closing the tab held the GUI thread %lld ms", guiMs);
    QVERIFY2(guiMs < 50, qPrintable(QStringLiteral("%1 ms").arg(guiMs)));
    QCOMPARE(m_window->tabs()->count(), 0);
    // The worker cleans up on its own, promptly.
    QTRY_VERIFY_WITH_TIMEOUT(entries(m_cache->path()).isEmpty(), kCancelBudgetMs * 5);
    QTRY_VERIFY_WITH_TIMEOUT(!processGroupAlive(group), kCancelBudgetMs * 5);
    QVERIFY(childrenOf(::getpid()).isEmpty());
}

QTEST_MAIN(TestImportCancel)
#include "tst_importcancel.moc"

#include "mainwindow.h"

#include "comparetab.h"
#include "documenttab.h"
#include "inputopener.h"
#include "recentfiles.h"
#include "shortcutsdialog.h"
#include "welcome/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

namespace ts::app {

MainWindow::MainWindow(InputOpener *opener, RecentFiles *recent, ImportService *imports,
                       QWidget *parent)
    : QMainWindow(parent), m_opener(opener), m_recent(recent), m_imports(imports)
{
    setWindowTitle(QStringLiteral("TraceScope"));
    // The icon is in the executable's resources; the test suites link the window without them.
    if (const QString icon = QStringLiteral(":/icons/tracescope.svg"); QFile::exists(icon))
        setWindowIcon(QIcon(icon));
    setAcceptDrops(true);

    m_welcome = new views::WelcomePage;
    m_welcome->setSampleAvailable(!InputOpener::samplePath().isEmpty());
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("documentTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_tabs);
    setCentralWidget(m_pages);

    connect(m_welcome, &views::WelcomePage::openFileRequested, this, &MainWindow::openFileDialog);
    connect(m_welcome, &views::WelcomePage::openFolderRequested, this,
            &MainWindow::openFolderDialog);
    connect(m_welcome, &views::WelcomePage::openSampleRequested, this,
            [this] { m_opener->open(InputOpener::samplePath()); });
    connect(m_welcome, &views::WelcomePage::recentRequested, m_opener, &InputOpener::open);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *page = m_tabs->widget(index);
        m_tabs->removeTab(index);
        page->deleteLater();
        updateCentralPage();
    });
    connect(m_opener, &InputOpener::documentRequested, this, &MainWindow::addDocument);
    connect(m_opener, &InputOpener::openFailed, this, &MainWindow::showOpenError);
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);

    createMenus();
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Ready. Open a trace, or drop a file or folder here."));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateCentralPage();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openFile = file->addAction(tr("&Open File…"), this, &MainWindow::openFileDialog);
    openFile->setObjectName(QStringLiteral("actionOpenFile"));
    openFile->setShortcut(QKeySequence::Open);
    QAction *openFolder = file->addAction(tr("Open &Folder…"), this, &MainWindow::openFolderDialog);
    openFolder->setObjectName(QStringLiteral("actionOpenFolder"));
    openFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    QAction *compare = file->addAction(tr("Co&mpare…"), this, &MainWindow::compareDialog);
    compare->setObjectName(QStringLiteral("actionCompare"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &MainWindow::closeCurrentDocument);
    close->setObjectName(QStringLiteral("actionClose"));
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    // QKeySequence::Quit is empty on some Linux desktops; users expect Ctrl+Q everywhere.
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setObjectName(QStringLiteral("actionFullScreen"));
    fullScreen->setShortcut(QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    QAction *statusBarAction = view->addAction(tr("&Status Bar"));
    statusBarAction->setCheckable(true);
    statusBarAction->setChecked(true);
    connect(statusBarAction, &QAction::toggled, statusBar(), &QWidget::setVisible);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence(tr("Ctrl+/")));
    QAction *about = help->addAction(tr("&About TraceScope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
}

DocumentTab *MainWindow::currentDocument() const
{
    return qobject_cast<DocumentTab *>(m_tabs->currentWidget());
}

void MainWindow::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Trace"), QString(),
        tr("Profiler output (*.json *.json.gz *.json.zst *.pickle *.pkl *.csv *.db);;"
           "All files (*)"));
    if (!path.isEmpty())
        m_opener->open(path);
}

void MainWindow::openFolderDialog()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Profiling Folder"));
    if (!path.isEmpty())
        m_opener->open(path);
}

void MainWindow::compareDialog()
{
    const QString filter = tr("Profiler output (*.json *.json.gz *.json.zst *.db);;All files (*)");
    const QString base =
        QFileDialog::getOpenFileName(this, tr("Compare: the Baseline"), QString(), filter);
    if (base.isEmpty())
        return;
    const QString next = QFileDialog::getOpenFileName(
        this, tr("Compare: the Run to Compare with %1").arg(QFileInfo(base).fileName()),
        QFileInfo(base).absolutePath(), filter);
    if (!next.isEmpty())
        addComparison(base, next);
}

void MainWindow::addComparison(const QString &base, const QString &next)
{
    auto *tab = new CompareTab(base, next, m_imports);
    const int index = m_tabs->addTab(
        tab, tr("%1 ↔ %2").arg(QFileInfo(base).fileName(), QFileInfo(next).fileName()));
    m_tabs->setTabToolTip(index, tr("Base: %1\nNew: %2").arg(base, next));
    m_tabs->setCurrentIndex(index);
    connect(tab, &CompareTab::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    updateCentralPage();
}

void MainWindow::closeCurrentDocument()
{
    const int index = m_tabs->currentIndex();
    if (index >= 0)
        emit m_tabs->tabCloseRequested(index);
}

void MainWindow::addDocument(const QString &path, const QString &warning)
{
    auto *tab = new DocumentTab(path, warning, m_imports);
    const int index = m_tabs->addTab(tab, QFileInfo(path).fileName());
    m_tabs->setTabToolTip(index, path);
    m_tabs->setCurrentIndex(index);
    connect(tab, &DocumentTab::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    updateCentralPage();
    if (!warning.isEmpty())
        statusBar()->showMessage(warning, 15000);
}

void MainWindow::showOpenError(const QString &path, const QString &message)
{
    statusBar()->showMessage(message, 15000);
    // Window-modal, not application-modal exec(): a bad path on the command line must not block
    // the paths after it, nor an offscreen --screenshot run.
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                        message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList paths = m_recent->paths();
    for (const QString &path : paths) {
        QAction *action = m_recentMenu->addAction(path);
        connect(action, &QAction::triggered, this, [this, path] { m_opener->open(path); });
    }
    if (paths.isEmpty()) {
        m_recentMenu->addAction(tr("(empty)"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), m_recent, &RecentFiles::clear);
    }
    m_welcome->setRecentPaths(paths);
}

void MainWindow::updateCentralPage()
{
    m_pages->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs)
                                                  : static_cast<QWidget *>(m_welcome));
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About TraceScope"),
        tr("<h3>TraceScope %1</h3><p>A local viewer for AI profiler output: PyTorch Profiler "
           "traces, Ascend profiling folders, CUDA memory snapshots and msMemScope dumps.</p>"
           "<p>Files are parsed in a sandboxed child process; nothing leaves this machine.</p>")
            .arg(QStringLiteral(TRACESCOPE_VERSION)));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    QStringList remote;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
        else
            remote << url.toDisplayString();
    }
    if (!remote.isEmpty()) {
        // Nothing is fetched from anywhere: say so instead of ignoring the drop.
        showOpenError(remote.first(),
                      tr("TraceScope opens files and folders on this computer only, and fetches "
                         "nothing from the network. Download it first, then open the copy:\n%1")
                          .arg(remote.join(QLatin1Char('\n'))));
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    m_opener->openAll(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ts::app

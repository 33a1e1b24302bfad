#pragma once
// The main window: menus, the welcome page when nothing is open, one tab per opened input, a
// status bar, drag and drop. It owns no import logic: opening goes through InputOpener, and each
// tab (DocumentTab) runs its own import.

#include <QMainWindow>

class QMenu;
class QStackedWidget;
class QTabWidget;

namespace ts::views {
class WelcomePage;
}

namespace ts::app {

class DocumentTab;
class ImportService;
class InputOpener;
class RecentFiles;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(InputOpener *opener, RecentFiles *recent, ImportService *imports,
               QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    DocumentTab *currentDocument() const;

    void openFileDialog();
    void openFolderDialog();
    void compareDialog();
    // A tab comparing two inputs' operators (base first).
    void addComparison(const QString &base, const QString &next);
    void closeCurrentDocument();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addDocument(const QString &path, const QString &warning);
    void showOpenError(const QString &path, const QString &message);
    void rebuildRecentMenu();
    void updateCentralPage();
    void showShortcuts();
    void showAbout();

    InputOpener *m_opener;
    RecentFiles *m_recent;
    ImportService *m_imports;
    QStackedWidget *m_pages = nullptr;
    views::WelcomePage *m_welcome = nullptr;
    QTabWidget *m_tabs = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace ts::app

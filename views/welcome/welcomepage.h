#pragma once
// What the window shows when nothing is open: the three ways in (file, folder, bundled sample)
// and the recent list. It only emits what the user asked for; app/ decides what opening means.

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace ts::views {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentPaths(const QStringList &paths);
    void setSampleAvailable(bool available);

signals:
    void openFileRequested();
    void openFolderRequested();
    void openSampleRequested();
    void recentRequested(const QString &path);

private:
    QPushButton *makeButton(const QString &text, const QString &detail);
    QListWidget *m_recent = nullptr;
    QPushButton *m_sampleButton = nullptr;
};

} // namespace ts::views

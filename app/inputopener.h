#pragma once
// The one door every input comes through: File menu, drop, command line, recent list and the
// sample all call open(). It checks that the path can be opened safely, remembers it in the
// recent list, and asks for a document (a tab) to be made; the document runs the import.
// Widgets never decide what opening means.

#include <QObject>
#include <QStringList>

namespace ts::app {

class RecentFiles;

class InputOpener : public QObject
{
    Q_OBJECT
public:
    explicit InputOpener(RecentFiles *recent, QObject *parent = nullptr);

    void open(const QString &path);
    void openAll(const QStringList &paths);

    // The bundled sample trace, or an empty string when it is not installed.
    static QString samplePath();

signals:
    // `warning` is non-empty when the input is not owned by the user or is writable by others.
    void documentRequested(const QString &path, const QString &warning);
    void openFailed(const QString &path, const QString &message);

private:
    RecentFiles *m_recent;
};

} // namespace ts::app

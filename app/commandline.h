#pragma once
// The command line of `tracescope`, parsed without a QCoreApplication so that the root guard can
// run before anything else (no window, no file written). Pure function of the argument list.

#include <QSize>
#include <QString>
#include <QStringList>

namespace ts::app {

struct AppOptions
{
    QStringList paths;        // inputs to open (files or folders)
    bool allowRoot = false;
    QString cacheDir;         // empty: the platform cache folder
    bool headlessImport = false;
    QString screenshotPath;   // non-empty: render offscreen, write the PNG, exit
    QString view;             // view to show for --screenshot
    QString find;             // --screenshot: select the first slice named like this, frame it
    QSize screenshotSize{1600, 1000};
};

struct ParseResult
{
    enum class Action { Run, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    AppOptions options;
    QString text; // help or version text for stdout, or the error for stderr
    int exitCode = 0;
};

ParseResult parseCommandLine(const QStringList &arguments);

} // namespace ts::app

#pragma once
// The command line of `tracescope`, parsed without a QCoreApplication so that the root guard can
// run before anything else (no window, no file written). Pure function of the argument list.

#include <QSize>
#include <QString>
#include <QStringList>

namespace ts::app {

struct AppOptions
{
    QStringList paths; // inputs to open (files or folders)
    bool allowRoot = false;
    QString cacheDir; // empty: the platform cache folder
    bool headlessImport = false;
    QString sql;            // --sql: the query to run over PATH's caches (null: not asked)
    QString screenshotPath; // non-empty: render offscreen, write the PNG, exit
    QString view;           // view to show for --screenshot
    QString find;           // --screenshot: select the first slice named like this, frame it
    QString language;       // --lang: "en", "zh_CN", or empty for the system locale's
    QSize screenshotSize{1600, 1000};
    QString stats;       // --stats KIND: print that table of PATH as CSV and exit (statsKinds())
    QString compareBase; // --compare BASE: PATH against BASE (with --stats: as CSV)
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

// Every option, in --help order: the one source of --help, of the man page tracescope(1) and
// of the bash completion (commandlinedocs.h), so none of them can name an option the others miss.
struct OptionSpec
{
    QStringList names;    // short names first: {"h", "help"}
    QString valueName;    // empty for a flag
    QString description;  // one paragraph, as --help prints it
    QStringList values{}; // the only values it takes (offered by the completion); empty: any
};
const QList<OptionSpec> &commandLineOptions();
QString commandLineDescription(); // the paragraph --help starts with
QString positionalDescription();  // what PATH is
// The values --view takes (shown in its description and offered by the completion).
const QStringList &viewNames();
// The user-interface languages --lang takes: the source language and each translation.
const QStringList &languageNames();
// The tables --stats prints.
const QStringList &statsKinds();

} // namespace ts::app

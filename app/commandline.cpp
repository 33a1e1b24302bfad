#include "commandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace ts::app {

namespace {

constexpr int kUsageExitCode = 2;

QString versionLine()
{
    return QStringLiteral("tracescope " TRACESCOPE_VERSION "\n");
}

} // namespace

ParseResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("TraceScope: a local viewer for PyTorch Profiler traces, Ascend profiling "
                       "folders, CUDA memory snapshots and msMemScope dumps."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption allowRootOption(
        QStringLiteral("allow-root"),
        QStringLiteral("Run even as root (only after making sure the environment is safe)."));
    const QCommandLineOption cacheDirOption(
        QStringLiteral("cache-dir"),
        QStringLiteral("Keep imported caches in DIR (default: the platform cache folder)."),
        QStringLiteral("DIR"));
    const QCommandLineOption importOption(
        QStringLiteral("import"),
        QStringLiteral("Import each PATH into the cache without a window; print one JSON line "
                       "per PATH."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Open PATH (none: the welcome page), render the window offscreen, write it "
                       "to OUT.png and exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption viewOption(
        QStringLiteral("view"),
        QStringLiteral("View to show with --screenshot: timeline "
                       "(the default for traces), memory (for snapshots) or overview."),
        QStringLiteral("NAME"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size for --screenshot."),
                                        QStringLiteral("WxH"));
    const QCommandLineOption findOption(
        QStringLiteral("find"),
        QStringLiteral("With --screenshot: select the first slice whose name contains TEXT and "
                       "frame it with the other ends of its flows."),
        QStringLiteral("TEXT"));
    parser.addOptions({helpOption, versionOption, allowRootOption, cacheDirOption, importOption,
                       screenshotOption, viewOption, sizeOption, findOption});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Trace files or profiling folders to open."),
                                 QStringLiteral("[PATH...]"));

    ParseResult result;
    if (!parser.parse(arguments)) {
        result.action = ParseResult::Action::Error;
        result.exitCode = kUsageExitCode;
        result.text =
            QStringLiteral("tracescope: %1\nTry 'tracescope --help'.\n").arg(parser.errorText());
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = ParseResult::Action::ShowHelp;
        // Without a QCoreApplication (see commandline.h) Qt names the program
        // "<executable_name>"; with one, after whatever binary runs the parser. Ours is tracescope.
        static const QRegularExpression usageRe(QStringLiteral("^Usage: \\S+"));
        result.text = parser.helpText().replace(usageRe, QStringLiteral("Usage: tracescope"));
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = ParseResult::Action::ShowVersion;
        result.text = versionLine();
        return result;
    }

    AppOptions &o = result.options;
    o.paths = parser.positionalArguments();
    o.allowRoot = parser.isSet(allowRootOption);
    o.cacheDir = parser.value(cacheDirOption);
    o.headlessImport = parser.isSet(importOption);
    o.screenshotPath = parser.value(screenshotOption);
    o.view = parser.value(viewOption);
    o.find = parser.value(findOption);

    auto fail = [&result](const QString &why) {
        result.action = ParseResult::Action::Error;
        result.exitCode = kUsageExitCode;
        result.text = QStringLiteral("tracescope: %1\nTry 'tracescope --help'.\n").arg(why);
        return result;
    };
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression sizeRe(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
        const auto m = sizeRe.match(parser.value(sizeOption));
        if (!m.hasMatch())
            return fail(QStringLiteral("--size takes WIDTHxHEIGHT, e.g. 1920x1080"));
        o.screenshotSize = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    if (o.headlessImport && o.paths.isEmpty())
        return fail(QStringLiteral("--import needs at least one PATH"));
    if (!o.find.isEmpty() && o.screenshotPath.isEmpty())
        return fail(QStringLiteral("--find goes with --screenshot"));
    if (parser.isSet(viewOption)) {
        static const QStringList kViews{QStringLiteral("timeline"), QStringLiteral("memory"),
                                        QStringLiteral("overview")};
        if (!kViews.contains(o.view.toLower()))
            return fail(
                QStringLiteral("--view takes timeline, memory or overview, not '%1'").arg(o.view));
        if (o.screenshotPath.isEmpty())
            return fail(QStringLiteral("--view goes with --screenshot"));
    }
    if (o.headlessImport && !o.screenshotPath.isEmpty())
        return fail(QStringLiteral("--import and --screenshot cannot be combined"));
    return result;
}

} // namespace ts::app

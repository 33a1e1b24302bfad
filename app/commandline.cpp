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

// "a, b or c"
QString oneOf(const QStringList &values)
{
    if (values.size() < 2)
        return values.value(0);
    return values.mid(0, values.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") +
           values.last();
}

} // namespace

const QStringList &viewNames()
{
    static const QStringList names{QStringLiteral("timeline"), QStringLiteral("memory"),
                                   QStringLiteral("overview"), QStringLiteral("operators"),
                                   QStringLiteral("summary"),  QStringLiteral("communication"),
                                   QStringLiteral("sql")};
    return names;
}

const QStringList &languageNames()
{
    static const QStringList names{QStringLiteral("en"), QStringLiteral("zh_CN")};
    return names;
}

const QStringList &statsKinds()
{
    static const QStringList kinds{QStringLiteral("operators"), QStringLiteral("summary"),
                                   QStringLiteral("communication"), QStringLiteral("memory")};
    return kinds;
}

QString commandLineDescription()
{
    return QStringLiteral(
        "TraceScope: a local viewer for PyTorch Profiler traces, Ascend profiling "
        "folders, CUDA memory snapshots and msMemScope dumps.");
}

QString positionalDescription()
{
    return QStringLiteral("Trace files or profiling folders to open.");
}

const QList<OptionSpec> &commandLineOptions()
{
    static const QList<OptionSpec> options{
        {{QStringLiteral("h"), QStringLiteral("help")},
         {},
         QStringLiteral("Show this help and exit.")},
        {{QStringLiteral("v"), QStringLiteral("version")},
         {},
         QStringLiteral("Show the version and exit.")},
        {{QStringLiteral("allow-root")},
         {},
         QStringLiteral("Run even as root (only after making sure the environment is safe).")},
        {{QStringLiteral("cache-dir")},
         QStringLiteral("DIR"),
         QStringLiteral("Keep imported caches in DIR (default: the platform cache folder).")},
        {{QStringLiteral("import")},
         {},
         QStringLiteral("Import each PATH into the cache without a window; print one JSON line "
                        "per PATH.")},
        {{QStringLiteral("sql")},
         QStringLiteral("QUERY"),
         QStringLiteral("Run the read-only SQL QUERY over the caches of PATH (imported first when "
                        "needed), print the result as CSV on stdout and exit; a query that would "
                        "write is refused.")},
        {{QStringLiteral("screenshot")},
         QStringLiteral("OUT.png"),
         QStringLiteral("Open PATH (none: the welcome page), render the window offscreen, write it "
                        "to OUT.png and exit.")},
        {{QStringLiteral("view")},
         QStringLiteral("NAME"),
         QStringLiteral("View to show with --screenshot: timeline "
                        "(the default for traces), memory (for snapshots), overview, "
                        "operators, summary, communication (Ascend HCCL analysis) or sql."),
         viewNames()},
        {{QStringLiteral("size")},
         QStringLiteral("WxH"),
         QStringLiteral("Window size for --screenshot.")},
        {{QStringLiteral("find")},
         QStringLiteral("TEXT"),
         QStringLiteral("With --screenshot: select the first slice whose name contains TEXT and "
                        "frame it with the other ends of its flows.")},
        {{QStringLiteral("lang")},
         QStringLiteral("LANG"),
         QStringLiteral("User interface language: en (English) or zh_CN (Simplified Chinese). "
                        "Default: the system locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), "
                        "English where it is neither."),
         languageNames()},
        {{QStringLiteral("stats")},
         QStringLiteral("KIND"),
         QStringLiteral("Print a table of PATH as CSV on stdout and exit. KIND operators: per "
                        "slice name count, total, self, mean, min and max in microseconds, "
                        "longest total first. KIND summary: per step and rank the step time, "
                        "computing, communication (not overlapped, overlapped, total), free, "
                        "kernel and launch time in microseconds, step by step."
                        " KIND communication: per rank and communication "
                        "operator elapse, transit, wait, synchronisation and idle time in "
                        "milliseconds and the wait ratios."
                        " KIND memory (msMemScope dumps): per owner and per "
                        "MALLOC call stack, the bytes and blocks held at their peak and at the "
                        "end, largest peak first."),
         statsKinds()},
        {{QStringLiteral("compare")},
         QStringLiteral("BASE"),
         QStringLiteral("Compare PATH against the baseline BASE (a file or folder). With --stats "
                        "operators: print both runs' counts and totals per name and their "
                        "difference as CSV, largest change first; with --stats memory: both "
                        "dumps' peak and end holdings per owner and stack and their growth, "
                        "largest growth first; else open both side by side.")},
    };
    return options;
}

namespace {

QCommandLineOption option(const QString &name)
{
    for (const OptionSpec &spec : commandLineOptions()) {
        if (spec.names.contains(name))
            return QCommandLineOption(spec.names, spec.description, spec.valueName);
    }
    Q_UNREACHABLE();
}

} // namespace

ParseResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(commandLineDescription());
    const QCommandLineOption helpOption = option(QStringLiteral("help"));
    const QCommandLineOption versionOption = option(QStringLiteral("version"));
    const QCommandLineOption allowRootOption = option(QStringLiteral("allow-root"));
    const QCommandLineOption cacheDirOption = option(QStringLiteral("cache-dir"));
    const QCommandLineOption importOption = option(QStringLiteral("import"));
    const QCommandLineOption sqlOption = option(QStringLiteral("sql"));
    const QCommandLineOption screenshotOption = option(QStringLiteral("screenshot"));
    const QCommandLineOption viewOption = option(QStringLiteral("view"));
    const QCommandLineOption sizeOption = option(QStringLiteral("size"));
    const QCommandLineOption findOption = option(QStringLiteral("find"));
    const QCommandLineOption langOption = option(QStringLiteral("lang"));
    const QCommandLineOption statsOption = option(QStringLiteral("stats"));
    const QCommandLineOption compareOption = option(QStringLiteral("compare"));
    for (const OptionSpec &spec : commandLineOptions())
        parser.addOption(QCommandLineOption(spec.names, spec.description, spec.valueName));
    parser.addPositionalArgument(QStringLiteral("PATH"), positionalDescription(),
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
    if (parser.isSet(sqlOption))
        o.sql = parser.value(sqlOption);
    o.screenshotPath = parser.value(screenshotOption);
    o.view = parser.value(viewOption);
    o.find = parser.value(findOption);
    o.language = parser.value(langOption);
    o.stats = parser.value(statsOption);
    o.compareBase = parser.value(compareOption);

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
    if (parser.isSet(langOption) && !languageNames().contains(o.language))
        return fail(QStringLiteral("--lang takes en or zh_CN, not '%1'").arg(o.language));
    if (parser.isSet(viewOption)) {
        if (!viewNames().contains(o.view.toLower()))
            return fail(
                QStringLiteral("--view takes %1, not '%2'").arg(oneOf(viewNames()), o.view));
        if (o.screenshotPath.isEmpty())
            return fail(QStringLiteral("--view goes with --screenshot"));
    }
    if (o.headlessImport && !o.screenshotPath.isEmpty())
        return fail(QStringLiteral("--import and --screenshot cannot be combined"));
    if (parser.isSet(statsOption)) {
        if (!statsKinds().contains(o.stats))
            return fail(
                QStringLiteral("--stats takes %1, not '%2'").arg(oneOf(statsKinds()), o.stats));
        if (o.headlessImport || !o.screenshotPath.isEmpty())
            return fail(QStringLiteral("--stats cannot be combined with --import or --screenshot"));
    }
    if ((parser.isSet(statsOption) || parser.isSet(compareOption)) && o.paths.size() != 1)
        return fail(QStringLiteral("--%1 takes exactly one PATH (%2 given)")
                        .arg(parser.isSet(compareOption) ? QStringLiteral("compare")
                                                         : QStringLiteral("stats"))
                        .arg(o.paths.size()));
    if (parser.isSet(compareOption) && !o.stats.isEmpty() &&
        o.stats != QLatin1String("operators") && o.stats != QLatin1String("memory"))
        return fail(
            QStringLiteral("--compare goes with --stats operators or memory, not %1").arg(o.stats));
    if (parser.isSet(compareOption) && o.headlessImport)
        return fail(QStringLiteral("--compare cannot be combined with --import"));
    if (!o.sql.isNull()) {
        if (o.sql.trimmed().isEmpty())
            return fail(QStringLiteral("--sql needs a QUERY"));
        if (o.paths.size() != 1)
            return fail(QStringLiteral("--sql needs exactly one PATH to query"));
        if (o.headlessImport || !o.screenshotPath.isEmpty() || !o.stats.isEmpty())
            return fail(
                QStringLiteral("--sql cannot be combined with --import, --stats or --screenshot"));
    }
    return result;
}

} // namespace ts::app

// parseCommandLine is a pure function of the argument list: every row states what a user types
// and what must come of it. The last test types the same on the real binary, where the parsing
// happens before any QCoreApplication exists (and Qt once named the program "<executable_name>").
#include "apprunner.h"
#include "commandline.h"

#include <QTest>

using ts::app::parseCommandLine;
using ts::app::ParseResult;

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void actions_data();
    void actions();
    void options();
    void sizeOption_data();
    void sizeOption();
    void binary_data();
    void binary();
};

void TestCommandLine::actions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("textContains");

    const int run = int(ParseResult::Action::Run);
    const int help = int(ParseResult::Action::ShowHelp);
    const int version = int(ParseResult::Action::ShowVersion);
    const int error = int(ParseResult::Action::Error);
    QTest::newRow("no arguments") << QStringList{} << run << 0 << QString();
    QTest::newRow("--help") << QStringList{"--help"} << help << 0 << "--allow-root";
    QTest::newRow("--help names the program")
        << QStringList{"--help"} << help << 0 << "Usage: tracescope [options] [PATH...]\n";
    QTest::newRow("-h") << QStringList{"-h"} << help << 0 << "--cache-dir";
    QTest::newRow("--version") << QStringList{"--version"} << version << 0
                               << "tracescope " TRACESCOPE_VERSION;
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << error << 2 << "frobnicate";
    QTest::newRow("unknown short option") << QStringList{"-Z"} << error << 2 << "Z";
    QTest::newRow("cache-dir without value")
        << QStringList{"--cache-dir"} << error << 2 << "cache-dir";
    QTest::newRow("--import without a path") << QStringList{"--import"} << error << 2 << "PATH";
    QTest::newRow("--screenshot without a path: the welcome page")
        << QStringList{"--screenshot", "a.png"} << run << 0 << QString();
    QTest::newRow("--find without --screenshot")
        << QStringList{"--find", "x", "t"} << error << 2 << "--screenshot";
    QTest::newRow("--find with --screenshot")
        << QStringList{"--screenshot", "a.png", "--find", "aten::mm", "t"} << run << 0 << QString();
    QTest::newRow("--view bogus") << QStringList{"--screenshot", "a.png", "--view", "bogus", "t"}
                                  << error << 2
                                  << "--view takes timeline, memory, overview, operators, summary, "
                                     "communication or sql, not 'bogus'";
    QTest::newRow("--view without --screenshot")
        << QStringList{"--view", "memory", "t"} << error << 2 << "--screenshot";
    QTest::newRow("--view Memory")
        << QStringList{"--screenshot", "a.png", "--view", "Memory", "t"} << run << 0 << QString();
    QTest::newRow("import and screenshot") << QStringList{"--import", "--screenshot", "a.png", "t"}
                                           << error << 2 << "cannot be combined";
    QTest::newRow("--view operators")
        << QStringList{"--screenshot", "a.png", "--view", "operators", "t"} << run << 0
        << QString();
    QTest::newRow("--stats operators")
        << QStringList{"--stats", "operators", "t"} << run << 0 << QString();
    QTest::newRow("--stats bogus")
        << QStringList{"--stats", "kernels", "t"} << error << 2
        << "--stats takes operators, summary, communication or memory, not 'kernels'";
    QTest::newRow("--stats without a path")
        << QStringList{"--stats", "operators"} << error << 2 << "exactly one PATH (0 given)";
    QTest::newRow("--stats with two paths") << QStringList{"--stats", "operators", "a", "b"}
                                            << error << 2 << "exactly one PATH (2 given)";
    QTest::newRow("--stats and --import") << QStringList{"--stats", "operators", "--import", "t"}
                                          << error << 2 << "cannot be combined";
    QTest::newRow("--compare with --stats")
        << QStringList{"--compare", "a", "--stats", "operators", "b"} << run << 0 << QString();
    QTest::newRow("--compare: the GUI")
        << QStringList{"--compare", "a", "b"} << run << 0 << QString();
    QTest::newRow("--compare without the other input")
        << QStringList{"--compare", "a"} << error << 2 << "--compare takes exactly one PATH";
    QTest::newRow("--sql") << QStringList{"--sql", "SELECT 1", "t"} << run << 0 << QString();
    QTest::newRow("--sql without a path")
        << QStringList{"--sql", "SELECT 1"} << error << 2 << "exactly one PATH";
    QTest::newRow("--sql with two paths")
        << QStringList{"--sql", "SELECT 1", "a", "b"} << error << 2 << "exactly one PATH";
    QTest::newRow("--sql empty") << QStringList{"--sql", " ", "t"} << error << 2 << "needs a QUERY";
    QTest::newRow("--sql and --import")
        << QStringList{"--sql", "SELECT 1", "--import", "t"} << error << 2 << "cannot be combined";
    QTest::newRow("--view sql") << QStringList{"--screenshot", "a.png", "--view", "sql", "t"} << run
                                << 0 << QString();
    QTest::newRow("--sql and --stats")
        << QStringList{"--sql", "SELECT 1", "--stats", "operators", "t"} << error << 2
        << "cannot be combined";
    QTest::newRow("paths") << QStringList{"a.json", "dir"} << run << 0 << QString();
    QTest::newRow("--lang zh_CN") << QStringList{"--lang", "zh_CN", "t"} << run << 0 << QString();
    QTest::newRow("--lang en") << QStringList{"--lang=en"} << run << 0 << QString();
    QTest::newRow("--lang fr") << QStringList{"--lang", "fr", "t"} << error << 2
                               << "--lang takes en or zh_CN, not 'fr'";
    QTest::newRow("--lang zh (not a language of ours)")
        << QStringList{"--lang", "zh"} << error << 2 << "not 'zh'";
}

void TestCommandLine::actions()
{
    QFETCH(QStringList, args);
    QFETCH(int, action);
    QFETCH(int, exitCode);
    QFETCH(QString, textContains);
    args.prepend(QStringLiteral("tracescope"));
    const ParseResult r = parseCommandLine(args);
    QCOMPARE(int(r.action), action);
    QCOMPARE(r.exitCode, exitCode);
    if (!textContains.isEmpty())
        QVERIFY2(r.text.contains(textContains), qPrintable(r.text));
    if (r.action == ParseResult::Action::Error)
        QVERIFY2(r.text.contains("--help"), "an error should point at --help");
}

void TestCommandLine::options()
{
    const ParseResult r = parseCommandLine(
        {"tracescope", "--allow-root", "--cache-dir", "/tmp/c", "--import", "x.json", "y"});
    QCOMPARE(int(r.action), int(ParseResult::Action::Run));
    QVERIFY(r.options.allowRoot);
    QVERIFY(r.options.headlessImport);
    QCOMPARE(r.options.cacheDir, QStringLiteral("/tmp/c"));
    QCOMPARE(r.options.paths, (QStringList{"x.json", "y"}));

    const ParseResult stats = parseCommandLine(
        {"tracescope", "--compare", "base.json", "--stats", "operators", "new.json"});
    QCOMPARE(stats.options.stats, QStringLiteral("operators"));
    QCOMPARE(stats.options.compareBase, QStringLiteral("base.json"));
    QCOMPARE(stats.options.paths, QStringList{"new.json"});

    const ParseResult plain = parseCommandLine({"tracescope", "t.json"});
    QVERIFY(!plain.options.allowRoot);
    QVERIFY(!plain.options.headlessImport);
    QVERIFY(plain.options.cacheDir.isEmpty());
    QVERIFY(plain.options.language.isEmpty()); // the system locale's

    QCOMPARE(parseCommandLine({"tracescope", "--lang", "zh_CN"}).options.language,
             QStringLiteral("zh_CN"));
}

void TestCommandLine::sizeOption_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << "1920x1080" << true << QSize(1920, 1080);
    QTest::newRow("800x600") << "800x600" << true << QSize(800, 600);
    QTest::newRow("missing height") << "1920x" << false << QSize();
    QTest::newRow("words") << "big" << false << QSize();
    QTest::newRow("negative") << "-5x10" << false << QSize();
}

void TestCommandLine::sizeOption()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QSize, size);
    const ParseResult r =
        parseCommandLine({"tracescope", "--screenshot", "o.png", "--size", value, "t.json"});
    QCOMPARE(r.action == ParseResult::Action::Run, ok);
    if (ok)
        QCOMPARE(r.options.screenshotSize, size);
}

void TestCommandLine::binary_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out"); // stdout must start with this; empty: stdout is empty
    QTest::addColumn<QByteArray>("err"); // stderr must contain this; empty: stderr is empty
    QTest::newRow("--help") << QStringList{"--help"} << 0
                            << QByteArray("Usage: tracescope [options] [PATH...]\n")
                            << QByteArray();
    QTest::newRow("-h") << QStringList{"-h"} << 0 << QByteArray("Usage: tracescope ")
                        << QByteArray();
    QTest::newRow("--version") << QStringList{"--version"} << 0
                               << QByteArray("tracescope " TRACESCOPE_VERSION "\n") << QByteArray();
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << 2 << QByteArray()
                                    << QByteArray("tracescope: Unknown option 'frobnicate'.\n"
                                                  "Try 'tracescope --help'.\n");
    QTest::newRow("--view bogus")
        << QStringList{"--screenshot", "a.png", "--view", "bogus", "t.json"} << 2 << QByteArray()
        << QByteArray("tracescope: --view takes timeline, memory, overview, operators, summary, "
                      "communication or sql, not 'bogus'\n");
}

void TestCommandLine::binary()
{
    // No --allow-root: these are answered before the root guard runs, as root too.
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    ts::testing::AppSandboxHome home;
    const ts::testing::AppRun run = ts::testing::runApp(home, args, 30000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, exitCode);
    if (out.isEmpty())
        QVERIFY2(run.out.isEmpty(), run.out.constData());
    else
        QVERIFY2(run.out.startsWith(out), run.out.constData());
    if (err.isEmpty())
        QVERIFY2(run.err.isEmpty(), run.err.constData());
    else
        QVERIFY2(run.err.contains(err), run.err.constData());
    QVERIFY2(home.filesInside().isEmpty(), "answering the command line writes nothing");
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"

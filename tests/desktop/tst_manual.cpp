// The manual and the shell completion against `tracescope --help` as the binary prints it: the
// man page lists exactly the options --help lists, each with the same words, and renders
// without a warning; the completion offers every option, --view's and --lang's values, and
// folders after the cache option and files elsewhere.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kBin = QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope");
const QString kMan = QStringLiteral(TRACESCOPE_BINARY_DIR "/share/man/man1/tracescope.1");
const QString kCompletion =
    QStringLiteral(TRACESCOPE_BINARY_DIR "/share/bash-completion/completions/tracescope");

using OptionList = QList<QPair<QString, QString>>; // "-h, --help" or "--size WxH", description

QString simplified(const QString &s)
{
    return s.simplified();
}

// The Options and Arguments sections of --help: an entry starts a line at two spaces, its
// description goes on in the right-hand column.
OptionList helpOptions(const QString &help)
{
    OptionList list;
    bool inSection = false;
    static const QRegularExpression first(QStringLiteral("^  (\\S.*?)\\s{2,}(\\S.*)$"));
    static const QRegularExpression more(QStringLiteral("^\\s{6,}(\\S.*)$"));
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (line == QStringLiteral("Options:") || line == QStringLiteral("Arguments:")) {
            inSection = true;
            continue;
        }
        if (line.isEmpty())
            inSection = false;
        if (!inSection)
            continue;
        if (const auto m = first.match(line); m.hasMatch()) {
            QString names = m.captured(1);
            for (const char c : {'<', '>', '[', ']'})
                names.remove(QLatin1Char(c));
            list.append({names, m.captured(2)});
        } else if (const auto c = more.match(line); c.hasMatch() && !list.isEmpty()) {
            list.last().second += QLatin1Char(' ') + c.captured(1);
        }
    }
    for (auto &o : list)
        o.second = simplified(o.second);
    return list;
}

QString unroff(QString s)
{
    static const QRegularExpression fonts(QStringLiteral("\\\\f[BRIP]"));
    s.remove(fonts);
    s.replace(QStringLiteral("\\-"), QStringLiteral("-"));
    s.replace(QStringLiteral("\\&"), QString());
    s.replace(QStringLiteral("\\e"), QStringLiteral("\\"));
    return s;
}

// The OPTIONS section of the page: ".TP", a line of names, then the description.
OptionList manOptions(const QString &page)
{
    OptionList list;
    const QStringList lines = page.split(QLatin1Char('\n'));
    const qsizetype start = lines.indexOf(QStringLiteral(".SH OPTIONS"));
    if (start < 0)
        return list;
    for (qsizetype i = start + 1; i < lines.size() && !lines[i].startsWith(QStringLiteral(".SH"));
         ++i) {
        if (lines[i] == QStringLiteral(".TP") && i + 1 < lines.size()) {
            list.append({unroff(lines[i + 1]), QString()});
            ++i;
        } else if (!list.isEmpty()) {
            list.last().second =
                simplified(list.last().second + QLatin1Char(' ') + unroff(lines[i]));
        }
    }
    return list;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// What the completion offers for the words typed so far (the last one being completed).
QStringList complete(const QStringList &words, const QString &cwd = QDir::currentPath())
{
    QString script = QStringLiteral("source '%1'\nCOMP_WORDS=(").arg(kCompletion);
    for (const QString &w : words)
        script += QLatin1Char('\'') + w + QStringLiteral("' ");
    script += QStringLiteral(")\nCOMP_CWORD=%1\n_tracescope\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
                  .arg(words.size() - 1);
    QProcess bash;
    bash.setWorkingDirectory(cwd);
    bash.start(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("--noprofile"),
                                        QStringLiteral("-c"), script});
    if (!bash.waitForFinished(20000) || bash.exitCode() != 0)
        return {QStringLiteral("bash failed: ") + QString::fromUtf8(bash.readAllStandardError())};
    QStringList out = QString::fromUtf8(bash.readAllStandardOutput())
                          .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    out.sort();
    return out;
}

} // namespace

class TestManual : public QObject
{
    Q_OBJECT
    OptionList m_help;

private slots:
    void initTestCase()
    {
        QProcess p;
        p.start(kBin, {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        m_help = helpOptions(QString::fromUtf8(p.readAllStandardOutput()));
        QVERIFY(m_help.size() >= 10); // nine options and PATH
    }

    void manPageMatchesHelp()
    {
        const OptionList man = manOptions(readText(kMan));
        QCOMPARE(man.size(), m_help.size());
        for (qsizetype i = 0; i < man.size(); ++i) {
            QCOMPARE(man[i].first, m_help[i].first);
            QCOMPARE(man[i].second, m_help[i].second);
        }
        const QString page = readText(kMan);
        QVERIFY(page.contains(
            QStringLiteral(".TH TRACESCOPE 1 \"\" \"TraceScope " TRACESCOPE_VERSION)));
        QVERIFY(!page.contains(QLatin1Char('@'))); // every placeholder filled
    }

    void manPageRenders()
    {
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff is not installed");
        QProcess p;
        p.start(groff, {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"),
                        QStringLiteral("-z"), kMan});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray warnings = p.readAllStandardError();
        QVERIFY2(warnings.isEmpty(), warnings.constData());
    }

    void completesEveryOption()
    {
        QStringList expected;
        for (const auto &o : m_help) {
            if (!o.first.startsWith(QLatin1Char('-')))
                continue; // PATH
            for (QString name : o.first.split(QStringLiteral(", ")))
                expected << name.section(QLatin1Char(' '), 0, 0);
        }
        expected.sort();
        QCOMPARE(complete({QStringLiteral("tracescope"), QStringLiteral("-")}), expected);
        QCOMPARE(complete({QStringLiteral("tracescope"), QStringLiteral("--vi")}),
                 QStringList{QStringLiteral("--view")});
    }

    void completesValues_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("offered");
        const QStringList views{"communication", "memory",  "operators", "overview",
                                "sql",           "summary", "timeline"};
        QTest::newRow("--view") << QStringList{"tracescope", "--view", ""} << views;
        QTest::newRow("--view me")
            << QStringList{"tracescope", "--view", "me"} << QStringList{"memory"};
        QTest::newRow("--view=ov")
            << QStringList{"tracescope", "--view", "=", "ov"} << QStringList{"overview"};
        QTest::newRow("--stats") << QStringList{"tracescope", "--stats", ""}
                                 << QStringList{"communication", "memory", "operators", "summary"};
        QTest::newRow("--compare: files") << QStringList{"tracescope", "--compare", "d"}
                                          << QStringList{"dir", "dump_snapshot.pickle"};
        QTest::newRow("--view=") << QStringList{"tracescope", "--view", "="} << views;
        const QStringList languages{"en", "zh_CN"};
        QTest::newRow("--lang") << QStringList{"tracescope", "--lang", ""} << languages;
        QTest::newRow("--lang z") << QStringList{"tracescope", "--lang", "z"}
                                  << QStringList{"zh_CN"};
        QTest::newRow("--lang=") << QStringList{"tracescope", "--lang", "="} << languages;
        QTest::newRow("--find: free text")
            << QStringList{"tracescope", "--find", "a"} << QStringList{};
        QTest::newRow("--cache-dir: folders")
            << QStringList{"tracescope", "--cache-dir", "d"} << QStringList{"dir"};
        QTest::newRow("--screenshot: files") << QStringList{"tracescope", "--screenshot", "d"}
                                             << QStringList{"dir", "dump_snapshot.pickle"};
        QTest::newRow("PATH") << QStringList{"tracescope", "--allow-root", "t"}
                              << QStringList{"trace.pt.trace.json"};
    }
    void completesValues()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, offered);
        QTemporaryDir cwd;
        QVERIFY(QDir(cwd.path()).mkdir(QStringLiteral("dir")));
        for (const char *name : {"dump_snapshot.pickle", "trace.pt.trace.json"}) {
            QFile f(cwd.filePath(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QCOMPARE(complete(words, cwd.path()), offered);
    }
};

QTEST_GUILESS_MAIN(TestManual)
#include "tst_manual.moc"

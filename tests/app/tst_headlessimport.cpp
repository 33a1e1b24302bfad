// tracescope --import, the contract other tools rely on: one JSON object per PATH with the
// counts README.md defines; the same numbers from a reused cache; clear errors that name the file.
// Real samples from ../shared are checked against counts computed independently, at test time,
// by tests/parsers/reference_counts.py (Python's json module over the same file).
#include "apprunner.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace ts::testing;

namespace {

QString sharedSamples() { return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch"); }

QJsonObject parseLine(const QByteArray &out, int index = 0)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.value(index)).object();
}

QJsonObject referenceCounts(const QString &trace)
{
    QProcess py;
    py.start(QStringLiteral("python3"),
             {QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/parsers/reference_counts.py"), trace});
    if (!py.waitForFinished(300000) || py.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(py.readAllStandardOutput()).object();
}

} // namespace

class TestHeadlessImport : public QObject
{
    Q_OBJECT
private slots:
    void sampleFields();
    void reuseGivesSameNumbers();
    void badInputs_data();
    void badInputs();
    void folderOfRanks();
    void folderInRankOrder();
    void cacheFileOpensAsIs();
    void emptyFolder();
    void realSamples_data();
    void realSamples();
};

void TestHeadlessImport::sampleFields()
{
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", sampleTrace()});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    for (const char *key : {"format", "cache", "reused", "processes", "threads", "tracks",
                            "slices", "instants", "counter_samples", "flows", "skipped",
                            "seconds"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value("format").toString(), QStringLiteral("chrome-trace"));
    QCOMPARE(o.value("reused").toBool(), false);
    QVERIFY(QFile::exists(o.value("cache").toString()));
    // The bundled sample's shape is fixed by its generator: 4 steps of 30 ops.
    const QJsonObject ref = referenceCounts(sampleTrace());
    QVERIFY2(!ref.isEmpty(), "reference_counts.py failed");
    for (const char *key : {"slices", "instants", "counter_samples", "flows", "skipped"})
        QVERIFY2(o.value(QLatin1String(key)).toInteger() == ref.value(QLatin1String(key)).toInteger(),
                 qPrintable(QStringLiteral("%1: %2 vs reference %3").arg(key)
                                .arg(o.value(QLatin1String(key)).toInteger())
                                .arg(ref.value(QLatin1String(key)).toInteger())));
}

void TestHeadlessImport::reuseGivesSameNumbers()
{
    AppSandboxHome home;
    const QStringList args = rootFlag() + QStringList{"--import", sampleTrace()};
    const AppRun first = runApp(home, args);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const AppRun second = runApp(home, args);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QJsonObject a = parseLine(first.out);
    QJsonObject b = parseLine(second.out);
    QCOMPARE(b.value("reused").toBool(), true);
    for (const char *key : {"seconds", "reused", "child_peak_rss_mb", "app_peak_rss_mb"}) {
        a.remove(QLatin1String(key));
        b.remove(QLatin1String(key));
    }
    QCOMPARE(b, a);
}

void TestHeadlessImport::badInputs_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("empty file") << QByteArray() << "empty";
    QTest::newRow("truncated") << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1)") << "offset";
    QTest::newRow("binary junk") << QByteArray("\x00\x01\x02garbage", 10) << "not";
}

void TestHeadlessImport::badInputs()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, stderrContains);
    AppSandboxHome home;
    const QString path = home.path() + QStringLiteral("/broken.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const QString cacheDir = home.path() + QStringLiteral("/cache");
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--import", "--cache-dir", cacheDir, path});
    QVERIFY(run.finished);
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains("broken.json"), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(stderrContains, Qt::CaseInsensitive),
             run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY2(QDir(cacheDir).entryList(QDir::Files).isEmpty(), "no cache may be left behind");
}

void TestHeadlessImport::folderOfRanks()
{
    const QString folder = sharedSamples() + QStringLiteral("/hta/tests/data/trace_filter");
    if (!QFileInfo::exists(folder))
        QSKIP("../shared/samples is not here (a user's own clone); CI has it");
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", folder}, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    QCOMPARE(o.value("files").toInt(), 2);
    QVERIFY(o.value("slices").toInteger() > 0);
}

void TestHeadlessImport::folderInRankOrder()
{
    // File names sort rank 10 before rank 2; the ranks inside the files decide.
    AppSandboxHome home;
    const QString folder = home.path() + QStringLiteral("/run");
    QVERIFY(QDir().mkpath(folder));
    for (int rank : {10, 2}) {
        const QString out = folder + QStringLiteral("/rank-%1.pt.trace.json").arg(rank);
        QProcess gen;
        gen.start(QStringLiteral("python3"),
                  {QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/bench/gen_kineto_trace.py"), out,
                   QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--rank"),
                   QString::number(rank)});
        QVERIFY(gen.waitForFinished(60000) && gen.exitCode() == 0);
    }
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", folder});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray caches = parseLine(run.out).value("cache").toArray();
    QCOMPARE(caches.size(), 2);
    QList<int> ranks;
    for (const QJsonValue &c : caches) {
        const AppRun one = runApp(home, rootFlag() + QStringList{"--import", c.toString()});
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QProcess sqlite;
        sqlite.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("
                                     "'select min(rank) from process').fetchone()[0])"),
                      c.toString()});
        QVERIFY(sqlite.waitForFinished(30000));
        ranks << sqlite.readAllStandardOutput().trimmed().toInt();
    }
    QCOMPARE(ranks, (QList<int>{2, 10}));
}

void TestHeadlessImport::cacheFileOpensAsIs()
{
    AppSandboxHome home;
    const AppRun first = runApp(home, rootFlag() + QStringList{"--import", sampleTrace()});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QJsonObject a = parseLine(first.out);
    // A cache handed over from elsewhere (e.g. made on a cluster node) opens where it lies.
    const QString copied = home.path() + QStringLiteral("/from-node-17.tscache");
    QVERIFY(QFile::copy(a.value("cache").toString(), copied));
    const AppRun second = runApp(home, rootFlag() + QStringList{"--import", copied});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    const QJsonObject b = parseLine(second.out);
    QCOMPARE(b.value("cache").toString(), copied);
    QCOMPARE(b.value("reused").toBool(), true);
    QCOMPARE(b.value("slices").toInteger(), a.value("slices").toInteger());
    QCOMPARE(b.value("flows").toInteger(), a.value("flows").toInteger());

    // A damaged one is refused with a reason, not trusted.
    QFile f(copied);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(100);
    f.write(QByteArray(4096, 'x'));
    f.close();
    const AppRun third = runApp(home, rootFlag() + QStringList{"--import", copied});
    QVERIFY(third.exitCode != 0);
    QVERIFY2(third.err.contains("from-node-17.tscache"), third.err.constData());
}

void TestHeadlessImport::emptyFolder()
{
    AppSandboxHome home;
    const QString folder = home.path() + QStringLiteral("/nothing-here");
    QVERIFY(QDir().mkpath(folder));
    QFile f(folder + QStringLiteral("/notes.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a trace");
    f.close();
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", folder});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains("nothing importable"), run.err.constData());
}

void TestHeadlessImport::realSamples_data()
{
    QTest::addColumn<QString>("trace");
    if (!QFileInfo::exists(sharedSamples())) {
        QTest::newRow("absent") << QString();
        return;
    }
    QDirIterator it(sharedSamples(), {"*.json", "*.json.gz"}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList traces;
    while (it.hasNext())
        traces << it.next();
    traces.sort();
    for (const QString &t : traces)
        QTest::newRow(qPrintable(QDir(sharedSamples()).relativeFilePath(t))) << t;
}

void TestHeadlessImport::realSamples()
{
    QFETCH(QString, trace);
    if (trace.isEmpty())
        QSKIP("../shared/samples is not here (a user's own clone); CI has it");
    const QJsonObject ref = referenceCounts(trace);
    if (ref.value("trace").toBool(true) == false)
        QSKIP("not a Chrome trace (the reference says so)");
    QVERIFY2(!ref.isEmpty(), "reference_counts.py failed");
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", trace}, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    for (const char *key : {"slices", "instants", "counter_samples", "flows"}) {
        const qint64 got = o.value(QLatin1String(key)).toInteger();
        const qint64 want = ref.value(QLatin1String(key)).toInteger();
        QVERIFY2(got == want, qPrintable(QStringLiteral("%1: imported %2, reference %3")
                                             .arg(key).arg(got).arg(want)));
    }
}

QTEST_GUILESS_MAIN(TestHeadlessImport)
#include "tst_headlessimport.moc"

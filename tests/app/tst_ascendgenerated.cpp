// The benchmark clusters of tests/bench (gen_ascend_text.py, gen_ascend_db.py), small, through
// the real binary: the DB form imports with exactly the counts its generator says it wrote (its
// JSON line), and the text form of the same data imports with the same counts — so the two
// benchmarks in BENCHMARKS.md measure the same work, and the DB reader follows the generator.
#include "apprunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ts::testing;

namespace {

const QStringList kCounted = {
    QStringLiteral("ranks"),          QStringLiteral("slices"),
    QStringLiteral("flows"),          QStringLiteral("kernels"),
    QStringLiteral("memory_records"), QStringLiteral("operator_allocations"),
    QStringLiteral("steps")};

// Runs a generator of tests/bench into `out`: its stdout.
QByteArray generate(const QString &python, const QString &script, const QString &out)
{
    QProcess p;
    p.start(python, {QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/bench/") + script, out,
                     QStringLiteral("--ranks"), QStringLiteral("3"), QStringLiteral("--total-mb"),
                     QStringLiteral("1.5"), QStringLiteral("--seed"), QStringLiteral("7")});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning("%s failed: %s", qPrintable(script), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QJsonObject importLine(const AppSandboxHome &home, const QString &path)
{
    const AppRun run = runApp(home, rootFlag() << QStringLiteral("--import") << path, 300000);
    if (!run.finished || run.exitCode != 0)
        qWarning("exit %d: %s", run.exitCode, run.err.constData());
    return QJsonDocument::fromJson(run.out.trimmed()).object();
}

} // namespace

class TestAscendGenerated : public QObject
{
    Q_OBJECT
private slots:
    void dbCountsAsGeneratedAndAsText();

private:
    AppSandboxHome m_home;
};

void TestAscendGenerated::dbCountsAsGeneratedAndAsText()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QTemporaryDir dir;
    const QString dbCluster = dir.filePath(QStringLiteral("db"));
    const QString textCluster = dir.filePath(QStringLiteral("text"));
    const QJsonObject written =
        QJsonDocument::fromJson(generate(python, QStringLiteral("gen_ascend_db.py"), dbCluster))
            .object();
    QVERIFY(!generate(python, QStringLiteral("gen_ascend_text.py"), textCluster).isEmpty());
    QCOMPARE(written.value(QLatin1String("ranks")).toInt(), 3);
    QVERIFY(written.value(QLatin1String("slices")).toInt() > 1000);

    const QJsonObject db = importLine(m_home, dbCluster);
    QCOMPARE(db.value(QLatin1String("format")).toString(), QStringLiteral("ascend"));
    QCOMPARE(db.value(QLatin1String("files")).toInt(), 3); // one DB a rank, no text read
    QCOMPARE(db.value(QLatin1String("skipped")).toInt(), 0);
    const QJsonObject text = importLine(m_home, textCluster);
    for (const QString &key : kCounted) {
        QCOMPARE(db.value(key).toInt(-1), written.value(key).toInt(-2));
        QCOMPARE(text.value(key).toInt(-1), written.value(key).toInt(-2));
    }
}

QTEST_GUILESS_MAIN(TestAscendGenerated)
#include "tst_ascendgenerated.moc"

// The launcher against a child that sends malformed record streams (tests/app/hostilechild.cpp):
// lengths past the cap, ids that do not exist, invalid UTF-8, counts that overflow, records out
// of order or after the end, a stream that stops mid-record, one that never ends, garbage. Each
// time the import must fail with the broken rule and the record it was found in, leave no cache
// file and no child behind, and return promptly.
#include "importjob.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ts::app;

namespace {

QString hostileChild()
{
    return QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tst_hostilechild_child");
}
QString sampleTrace()
{
    return QStringLiteral(TRACESCOPE_BINARY_DIR
                          "/share/tracescope/samples/sample.pt.trace.json.gz");
}

// Processes whose executable is `program` (the kernel's view, not a name that can be faked).
int runningCopies(const QString &program)
{
    const QString target = QFileInfo(program).canonicalFilePath();
    int n = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (numeric && QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget() == target)
            ++n;
    }
    return n;
}

} // namespace

class TestHostileChild : public QObject
{
    Q_OBJECT
private slots:
    void malformedStreams_data();
    void malformedStreams();
};

void TestHostileChild::malformedStreams_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("rule");
    QTest::newRow("garbage") << "garbage"
                             << "does not start with the record-stream magic";
    QTest::newRow("length past the cap") << "oversized"
                                         << "record 1 is longer than";
    QTest::newRow("unknown record type") << "unknown-type"
                                         << "record 5 has an unknown type";
    QTest::newRow("id that does not exist") << "unknown-track"
                                            << "record 5 (Slice): unknown track id 99";
    QTest::newRow("string ids out of order") << "string-out-of-order"
                                             << "record 1 (String): string id 2, expected 1";
    QTest::newRow("invalid UTF-8") << "invalid-utf8"
                                   << "record 1 (String): string 1 is not valid UTF-8";
    QTest::newRow("string over the cap") << "string-over-cap"
                                         << "record 1 (String): string of 65537 bytes";
    QTest::newRow("count that overflows") << "count-overflow"
                                          << "record 6 (Skipped): skipped counts overflow";
    QTest::newRow("negative duration") << "negative-duration"
                                       << "record 5 (Slice): time out of range";
    QTest::newRow("NaN counter") << "nan-counter"
                                 << "record 6 (Counter): bad track, time or value";
    QTest::newRow("flow to a slice never sent") << "flow-to-nowhere"
                                                << "record 5 (Flow): flow endpoint names no known";
    QTest::newRow("record after the result") << "after-result"
                                             << "record 6 (Slice): a record after the final Result";
    QTest::newRow("stream stops mid-record") << "torn-record"
                                             << "the importer stopped before the end of its output";
    QTest::newRow("stream that never ends") << "endless"
                                            << "took longer than 2 s and was stopped";
    QTest::newRow("child that never writes") << "silent"
                                             << "took longer than 2 s and was stopped";
}

void TestHostileChild::malformedStreams()
{
    QFETCH(QString, mode);
    QFETCH(QString, rule);
    QVERIFY2(QFile::exists(hostileChild()), qPrintable(hostileChild()));
    QTemporaryDir cache, work;
    const QString input = work.filePath(QStringLiteral("trace.json.gz"));
    QVERIFY(QFile::copy(sampleTrace(), input));
    ::chmod(QFile::encodeName(input).constData(), 0600);

    ImportSettings settings;
    settings.cacheDir = cache.path();
    settings.childProgram = hostileChild();
    settings.limits.wallClockSeconds = 2;
    settings.extraChildArguments << mode;
    ImportProgress progress;
    QElapsedTimer clock;
    clock.start();
    const ImportOutcome out = importFile(input, settings, progress);
    const qint64 tookMs = clock.elapsed();

    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(rule), qPrintable(out.error));
    QVERIFY2(out.error.contains(QStringLiteral("trace.json.gz")), qPrintable(out.error));
    // Responsive: a broken stream is refused at once; one that never ends, at the 2 s limit.
    QVERIFY2(tookMs < 6000, qPrintable(QString::number(tookMs)));
    QCOMPARE(QDir(cache.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList());
    QCOMPARE(runningCopies(hostileChild()), 0);
}

QTEST_GUILESS_MAIN(TestHostileChild)
#include "tst_hostilechild.moc"

// The launcher against the real sandboxed child and against stand-in children that misbehave:
// reuse of an unchanged cache, rebuild of a changed one, cancel, the wall-clock and CPU limits,
// a crash, garbage on stdout. Whatever happens: an outcome that says what, no child left running,
// no cache file left half-written.
#include "bigtrace.h"
#include "importjob.h"
#include "processtable.h"

#include "../../parsers/sandbox/sandbox.h"
#include "../parsers/sqlitefixture.h"
#include "cache/cacheschema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace ts::app;

namespace {

QString childBinary() { return QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"); }
QString sampleTrace()
{
    return QStringLiteral(TRACESCOPE_BINARY_DIR "/share/tracescope/samples/sample.pt.trace.json.gz");
}

QStringList cacheFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void importsSample();
    void reusesUnchangedInput();
    void rebuildsChangedInput();
    void cancelKillsChild_data();
    void cancelKillsChild();
    void cancelWhileWriting();
    void wallClockLimit();
    void cpuLimit();
    void memoryLimit();
    void badChildren_data();
    void badChildren();
    void inputErrorsNameTheFile_data();
    void inputErrorsNameTheFile();
    void sqliteInputsByHeader_data();
    void sqliteInputsByHeader();

private:
    ImportSettings settings() const
    {
        ImportSettings s;
        s.cacheDir = m_cache->path();
        s.childProgram = childBinary();
        return s;
    }
    QString writeScript(const QString &name, const QByteArray &body)
    {
        const QString path = m_work->filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\n" + body + "\n");
        f.close();
        ::chmod(QFile::encodeName(path).constData(), 0700);
        return path;
    }
    QString copyOfSample()
    {
        const QString path = m_work->filePath(QStringLiteral("trace.json.gz"));
        QFile::remove(path);
        QFile::copy(sampleTrace(), path);
        ::chmod(QFile::encodeName(path).constData(), 0600);
        return path;
    }
    std::unique_ptr<QTemporaryDir> m_cache;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestImportJob::init()
{
    m_cache = std::make_unique<QTemporaryDir>();
    m_work = std::make_unique<QTemporaryDir>();
}

void TestImportJob::importsSample()
{
    ImportProgress progress;
    const ImportOutcome out = importFile(copyOfSample(), settings(), progress);
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(!out.reused);
    QCOMPARE(out.format, QStringLiteral("chrome-trace"));
    QVERIFY(out.counts.slices > 0);
    QVERIFY(out.counts.flows > 0);
    QVERIFY(QFile::exists(out.cachePath));
    QCOMPARE(cacheFiles(m_cache->path()).size(), 1);
    QCOMPARE(progress.bytesDone.load(), progress.bytesTotal.load());
}

void TestImportJob::reusesUnchangedInput()
{
    const QString input = copyOfSample();
    ImportProgress p1;
    const ImportOutcome first = importFile(input, settings(), p1);
    QVERIFY2(first.ok, qPrintable(first.error));
    // A child that cannot start proves the second open starts none.
    ImportSettings noChild = settings();
    noChild.childProgram = m_work->filePath(QStringLiteral("no-such-child"));
    ImportProgress p2;
    const ImportOutcome second = importFile(input, noChild, p2);
    QVERIFY2(second.ok, qPrintable(second.error));
    QVERIFY(second.reused);
    QCOMPARE(second.cachePath, first.cachePath);
    QCOMPARE(second.counts.slices, first.counts.slices);
    QCOMPARE(second.counts.flows, first.counts.flows);
    QCOMPARE(second.counts.skipped, first.counts.skipped);
}

void TestImportJob::rebuildsChangedInput()
{
    const QString input = copyOfSample();
    ImportProgress p1;
    const ImportOutcome first = importFile(input, settings(), p1);
    QVERIFY2(first.ok, qPrintable(first.error));
    QFile f(input);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(R"({"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2}]})");
    f.close();
    ImportProgress p2;
    const ImportOutcome second = importFile(input, settings(), p2);
    QVERIFY2(second.ok, qPrintable(second.error));
    QVERIFY(!second.reused);
    QCOMPARE(second.counts.slices, qint64(1));
}

void TestImportJob::cancelKillsChild_data()
{
    QTest::addColumn<QString>("child");
    QTest::newRow("a child that sends nothing") << "spin";
    QTest::newRow("a real import, mid-stream") << "stream";
    // Only killing the whole process group reaches what the child started.
    QTest::newRow("a child that started one of its own") << "grandchild";
}

void TestImportJob::cancelKillsChild()
{
    QFETCH(QString, child);
    const bool streaming = child == QLatin1String("stream");
    ImportSettings s = settings();
    QString input = copyOfSample();
    if (streaming) {
        input = m_work->filePath(QStringLiteral("big.json"));
        QVERIFY(ts::testing::writeBigTrace(input, 100000));
    } else if (child == QLatin1String("grandchild")) {
        s.childProgram = writeScript(QStringLiteral("parent.sh"), "sleep 300 &\nsleep 300");
    } else {
        s.extraChildArguments = {QStringLiteral("--selftest"), QStringLiteral("spin")};
    }
    ImportProgress progress;
    QElapsedTimer clock;
    clock.start();
    // Cancels once the child runs and (streaming) records have reached the cache; notes the
    // child's process group (it leads its own) to look for it afterwards.
    pid_t group = 0;
    const QString cacheDir = m_cache->path();
    std::unique_ptr<QThread> canceller(QThread::create([&] {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 30000) {
            group = ts::testing::childrenOf(::getpid()).value(0);
            const QStringList files = cacheFiles(cacheDir);
            const bool fed = streaming ? progress.bytesDone > 0 && !files.isEmpty()
                                       : child != QLatin1String("grandchild") ||
                                             (group > 0 && !ts::testing::childrenOf(group).isEmpty());
            if (group > 0 && fed)
                break;
            QThread::msleep(2);
        }
        progress.cancelRequested = true;
    }));
    canceller->start();
    const ImportOutcome out = importFile(input, s, progress);
    canceller->wait();
    QVERIFY2(group > 0, "the child was never seen");
    QVERIFY(!out.ok);
    QVERIFY(out.cancelled);
    QVERIFY2(out.error.contains(QStringLiteral("cancelled")), qPrintable(out.error));
    QVERIFY(clock.elapsed() < 10000);
    // The child itself is reaped before importFile() returns; what it started was sent SIGKILL
    // with it but may need a moment to be scheduled and die on a busy machine.
    QTRY_VERIFY2_WITH_TIMEOUT(!ts::testing::processGroupAlive(group),
                              "the child's process group is still there", 3000);
    QVERIFY2(cacheFiles(m_cache->path()).isEmpty(),
             qPrintable(cacheFiles(m_cache->path()).join(',')));
}

void TestImportJob::cancelWhileWriting()
{
    // After the child is done the app writes the tables, finishes and hashes: a cancel then
    // must stop that work too, at once, and leave nothing.
    const QString input = m_work->filePath(QStringLiteral("big.json"));
    QVERIFY(ts::testing::writeBigTrace(input, 300000));
    ImportProgress progress;
    QElapsedTimer sinceCancel;
    std::unique_ptr<QThread> canceller(QThread::create([&] {
        QElapsedTimer waited;
        waited.start();
        while (progress.stage < 2 && waited.elapsed() < 60000)
            QThread::usleep(500);
        QThread::msleep(20); // well inside the writing phase
        sinceCancel.start();
        progress.cancelRequested = true;
    }));
    canceller->start();
    const ImportOutcome out = importFile(input, settings(), progress);
    const qint64 tookMs = sinceCancel.isValid() ? sinceCancel.elapsed() : -1;
    canceller->wait();
    qInfo("returned %lld ms after the cancel", tookMs);
    QVERIFY2(!out.ok, "the import finished before the cancel: make the input larger");
    QVERIFY(out.cancelled);
    QVERIFY2(cacheFiles(m_cache->path()).isEmpty(), qPrintable(cacheFiles(m_cache->path()).join(',')));
    QVERIFY2(tookMs >= 0 && tookMs < 200, qPrintable(QString::number(tookMs)));
}

void TestImportJob::wallClockLimit()
{
    ImportSettings s = settings();
    s.extraChildArguments = {QStringLiteral("--selftest"), QStringLiteral("spin")};
    s.limits.wallClockSeconds = 1;
    s.limits.cpuSeconds = 120;
    ImportProgress progress;
    QElapsedTimer clock;
    clock.start();
    const ImportOutcome out = importFile(copyOfSample(), s, progress);
    QVERIFY(!out.ok);
    QVERIFY(!out.cancelled);
    QVERIFY2(out.error.contains(QStringLiteral("longer than 1 s")), qPrintable(out.error));
    QVERIFY(clock.elapsed() < 10000);
    QVERIFY(cacheFiles(m_cache->path()).isEmpty());
}

void TestImportJob::cpuLimit()
{
    ImportSettings s = settings();
    s.extraChildArguments = {QStringLiteral("--selftest"), QStringLiteral("spin")};
    s.limits.wallClockSeconds = 60;
    s.limits.cpuSeconds = 1;
    ImportProgress progress;
    QElapsedTimer clock;
    clock.start();
    const ImportOutcome out = importFile(copyOfSample(), s, progress);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("CPU time")), qPrintable(out.error));
    QVERIFY(clock.elapsed() < 30000);
    QVERIFY(cacheFiles(m_cache->path()).isEmpty());
}

void TestImportJob::memoryLimit()
{
    if (!ts::sandbox::kAddressSpaceLimited)
        QSKIP("built with AddressSanitizer: the child runs without RLIMIT_AS (sandbox.h)");
    ImportSettings s = settings();
    s.extraChildArguments = {QStringLiteral("--selftest"), QStringLiteral("exhaust-memory")};
    s.limits.memoryMb = 256;
    ImportProgress progress;
    const ImportOutcome out = importFile(copyOfSample(), s, progress);
    QVERIFY(!out.ok);
    QVERIFY(!out.cancelled);
    QVERIFY2(out.error.contains(QStringLiteral("ran out of its 256 MB memory limit")),
             qPrintable(out.error));
    QVERIFY2(out.error.contains(QStringLiteral("trace.json.gz")), qPrintable(out.error));
    QVERIFY(cacheFiles(m_cache->path()).isEmpty());
}

void TestImportJob::badChildren_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("crash") << QByteArray("kill -SEGV $$") << "signal 11";
    QTest::newRow("garbage on stdout") << QByteArray("echo 'hello, I am not a record stream'")
                                       << "invalid data";
    QTest::newRow("silent exit 0") << QByteArray("exit 0") << "stopped before the end";
    QTest::newRow("exit code 4") << QByteArray("echo oops >&2; exit 4") << "code 4";
    QTest::newRow("magic then oversized frame")
        << QByteArray("printf 'TSREC001\\005\\377\\377\\377\\377'") << "invalid data";
}

void TestImportJob::badChildren()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, errorContains);
    ImportSettings s = settings();
    s.childProgram = writeScript(QStringLiteral("child.sh"), script);
    ImportProgress progress;
    const ImportOutcome out = importFile(copyOfSample(), s, progress);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(errorContains), qPrintable(out.error));
    QVERIFY2(out.error.contains(QStringLiteral("trace.json.gz")), qPrintable(out.error));
    QVERIFY(cacheFiles(m_cache->path()).isEmpty());
}

void TestImportJob::inputErrorsNameTheFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("empty") << QByteArray() << "empty";
    QTest::newRow("truncated") << QByteArray(R"({"traceEvents":[{"ph":"X","name":"a","pid":1,)")
                               << "offset";
    QTest::newRow("not json") << QByteArray("hello world") << "not";
}

void TestImportJob::inputErrorsNameTheFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, errorContains);
    const QString path = m_work->filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    ImportProgress progress;
    const ImportOutcome out = importFile(path, settings(), progress);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("bad.json")), qPrintable(out.error));
    QVERIFY2(out.error.contains(errorContains, Qt::CaseInsensitive), qPrintable(out.error));
    QVERIFY(cacheFiles(m_cache->path()).isEmpty());
}

// A SQLite file is one of our caches only when its header carries our application id (in
// rollback mode); every other one is foreign input for the sandboxed child. A file that claims
// our id still passes only the cache reader's checks.
void TestImportJob::sqliteInputsByHeader_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("needsChild");
    QTest::addColumn<QString>("expect"); // format on success, part of the error otherwise
    QTest::newRow("profiler DB") << "sample-db" << true << true << "ascend-db";
    QTest::newRow("profiler DB, WAL header") << "sample-db-wal" << true << true << "ascend-db";
    QTest::newRow("cache of ours") << "cache" << true << false << "chrome-trace";
    QTest::newRow("plain SQLite") << "plain" << false << true << "not an Ascend profiler database";
    QTest::newRow("our id, other schema") << "claims-id" << false << false << "not a usable cache";
    QTest::newRow("our id, WAL mode")
        << "claims-id-wal" << false << true << "not an Ascend profiler database";
}

void TestImportJob::sqliteInputsByHeader()
{
    QFETCH(QString, kind);
    QFETCH(bool, ok);
    QFETCH(bool, needsChild);
    QFETCH(QString, expect);
    QTemporaryDir data; // the input's folder: nothing may appear in it but the input
    const QString input = data.filePath(QStringLiteral("input.db"));
    const QString sample = QStringLiteral(TRACESCOPE_SHARED_DIR
                                          "/samples/ascend/msinsight/test/data/pytorch/db/level1/"
                                          "rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/"
                                          "ascend_pytorch_profiler_1.db");
    const QString idPragma =
        QStringLiteral("PRAGMA application_id=%1").arg(ts::model::kApplicationId);
    if (kind.startsWith(QLatin1String("sample-db"))) {
        if (!QFile::exists(sample))
            QSKIP("the Ascend samples are not here (../shared/samples)");
        QByteArray bytes = ts::testing::readAll(sample);
        if (kind.endsWith(QLatin1String("wal"))) {
            // As Insight leaves it: WAL header, and a log beside it the child cannot read.
            bytes[18] = bytes[19] = 2;
            QFile log(input + QStringLiteral("-wal"));
            QVERIFY(log.open(QIODevice::WriteOnly) && log.write(QByteArray(4096, 'w')) == 4096);
        }
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    } else if (kind == QLatin1String("cache")) {
        ImportProgress p;
        const ImportOutcome made = importFile(copyOfSample(), settings(), p);
        QVERIFY2(made.ok, qPrintable(made.error));
        QVERIFY(QFile::copy(made.cachePath, input));
    } else if (kind == QLatin1String("plain")) {
        QVERIFY(ts::testing::writeDb(input, {"CREATE TABLE notes(a)"}));
    } else {
        QVERIFY(ts::testing::writeDb(
            input, {idPragma, "PRAGMA user_version=1", "CREATE TABLE meta(key, value)"}, nullptr,
            kind.endsWith(QLatin1String("wal"))));
    }
    ::chmod(QFile::encodeName(input).constData(), 0600);
    const QStringList before = QDir(data.path()).entryList(QDir::Files | QDir::Hidden);
    const bool walBeside = kind == QLatin1String("sample-db-wal");
    const QStringList expected = walBeside ? QStringList{"input.db", "input.db-wal"}
                                           : QStringList{"input.db"};
    QCOMPARE(before, expected);

    ImportSettings s = settings();
    if (!needsChild) // a child that cannot start proves none was needed
        s.childProgram = m_work->filePath(QStringLiteral("no-such-child"));
    ImportProgress progress;
    const ImportOutcome out = importFile(input, s, progress);
    QCOMPARE(QDir(data.path()).entryList(QDir::Files | QDir::Hidden), before);
    QCOMPARE(out.ok, ok);
    if (ok) {
        QCOMPARE(out.format, expect);
        QVERIFY(out.counts.slices > 0);
        QCOMPARE(out.reused, !needsChild);
        QCOMPARE(out.warnings.join('\n').contains(QStringLiteral("write-ahead log")), walBeside);
    } else {
        QVERIFY2(out.error.contains(expect), qPrintable(out.error));
        QVERIFY2(out.error.contains(QStringLiteral("input.db")), qPrintable(out.error));
    }
}

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"

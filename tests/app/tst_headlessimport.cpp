// tracescope --import, the contract other tools rely on: one JSON object per PATH with the
// counts README.md defines; the same numbers from a reused cache; clear errors that name the file.
// Real samples from ../shared are checked against counts computed independently, at test time,
// by tests/parsers/reference_counts.py (Python's json module over the same file).
#include "../parsers/sqlitefixture.h"
#include "apprunner.h"
#include "cache/cachereader.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <sys/stat.h>

#include <zlib.h>
#include <zstd.h>

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

// Everything in the cache folder (temp files too), relative to it.
QStringList cacheFolderEntries(const QString &cacheDir)
{
    QStringList found;
    QDirIterator it(cacheDir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found << QDir(cacheDir).relativeFilePath(it.next());
    return found;
}

// "reason=count" for every skip reason in the cache, sorted, joined by '|'.
QString skipReasonsOf(const QString &cachePath)
{
    ts::model::CacheReader reader;
    if (!reader.open(cachePath, nullptr))
        return QStringLiteral("(cache does not open)");
    QStringList reasons;
    for (const ts::model::SkipReason &r : reader.skipReasons())
        reasons << QStringLiteral("%1=%2").arg(r.reason).arg(r.count);
    reasons.sort();
    return reasons.join(QLatin1Char('|'));
}

constexpr char kBombHead[] = R"({"traceEvents":[)";
constexpr qint64 kBombSpaces = qint64(2) << 30; // 2 GiB of blanks inside the events array

// A real gzip file holding {"traceEvents":[ + 2 GiB of spaces + ]}, in about 2 MB. Compressing
// 2 GiB would take half a minute, so one 16 MiB run is deflated after a full flush (which resets
// the compressor, so the bytes are the same every time) and repeated; header and trailer are
// written by hand, with the CRC of the whole content combined from the pieces'.
QByteArray gzipBomb()
{
    const QByteArray run(16 << 20, ' ');
    const QByteArray tail("]}");
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    const auto deflatePart = [&z](const QByteArray &in, int flush) {
        QByteArray out(int(deflateBound(&z, uLong(in.size()))) + 64, '\0');
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        z.avail_in = uInt(in.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        deflate(&z, flush);
        out.truncate(out.size() - int(z.avail_out));
        return out;
    };
    const QByteArray head(kBombHead);
    QByteArray bytes("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    bytes += deflatePart(head, Z_FULL_FLUSH);
    const QByteArray packedRun = deflatePart(run, Z_FULL_FLUSH);
    const QByteArray end = deflatePart(tail, Z_FINISH);
    deflateEnd(&z);
    const auto crcOf = [](const QByteArray &b) {
        return crc32(0, reinterpret_cast<const Bytef *>(b.constData()), uInt(b.size()));
    };
    uLong crc = crcOf(head);
    const uLong runCrc = crcOf(run);
    for (qint64 done = 0; done < kBombSpaces; done += run.size()) {
        bytes += packedRun;
        crc = crc32_combine(crc, runCrc, run.size());
    }
    bytes += end;
    crc = crc32_combine(crc, crcOf(tail), tail.size());
    const quint32 size = quint32(head.size() + kBombSpaces + tail.size()); // ISIZE: mod 2^32
    for (quint32 v : {quint32(crc), size})
        for (int i = 0; i < 4; ++i)
            bytes += char((v >> (8 * i)) & 0xff);
    return bytes;
}

// The same content as one zstd frame, compressed as a stream (zstd is fast on blanks).
QByteArray zstdBomb()
{
    ZSTD_CCtx *ctx = ZSTD_createCCtx();
    QByteArray bytes;
    QByteArray buf(int(ZSTD_CStreamOutSize()), '\0');
    const QByteArray run(1 << 20, ' ');
    const auto feed = [&](const QByteArray &in, ZSTD_EndDirective mode) {
        ZSTD_inBuffer src{in.constData(), size_t(in.size()), 0};
        size_t left;
        do {
            ZSTD_outBuffer dst{buf.data(), size_t(buf.size()), 0};
            left = ZSTD_compressStream2(ctx, &dst, &src, mode);
            bytes.append(buf.constData(), qsizetype(dst.pos));
        } while (mode == ZSTD_e_end ? left != 0 : src.pos < src.size);
    };
    feed(QByteArray(kBombHead), ZSTD_e_continue);
    for (qint64 done = 0; done < kBombSpaces; done += run.size())
        feed(run, ZSTD_e_continue);
    feed(QByteArray("]}"), ZSTD_e_end);
    ZSTD_freeCCtx(ctx);
    return bytes;
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
    void everyBadInputFileHasARow();
    void decompressionBombs_data();
    void decompressionBombs();
    void specialFilesRefused();
    void folderWithPipe();
    void folderOfRanks();
    void folderInRankOrder();
    void cacheFileOpensAsIs();
    void emptyFolder();
    void realSamples_data();
    void realSamples();
    void ascendDatabases_data();
    void ascendDatabases();
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

// One row per file in tests/data/chrome (everyBadInputFileHasARow keeps it so) and a few inline
// inputs. A failure: exit 1, nothing on stdout, exactly "tracescope: PATH: MESSAGE" on stderr
// (the place said once), and nothing left in the cache folder. A success: the stated skip
// reasons in the cache (and the warning, if any), and one cache file, no temp file.
void TestHeadlessImport::badInputs_data()
{
    QTest::addColumn<QString>("source"); // a file in tests/data/chrome; empty: use `content`
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message"); // failure: the exact error; success: a warning or empty
    QTest::addColumn<QString>("skipped"); // success: every "reason=count", sorted, '|'-joined

    const auto fails = [](const char *file, const char *message) {
        QTest::newRow(file) << QString::fromLatin1(file) << QByteArray() << false
                            << QString::fromUtf8(message) << QString();
    };
    const auto imports = [](const char *file, const char *skipped, const char *warning = "") {
        QTest::newRow(file) << QString::fromLatin1(file) << QByteArray() << true
                            << QString::fromUtf8(warning) << QString::fromUtf8(skipped);
    };
    imports("control-chars.json", "",
            "2 raw control characters inside strings were replaced by spaces (first at byte 35)");
    imports("duplicate-flow-ids.json",
            "duplicate flow start (same id)=1|flow end matches no slice=1|flow end without start=1");
    imports("e-without-b-negative-dur.json", "E without matching B=1|negative duration=1");
    fails("empty.json", "the file is empty (at byte offset 0)");
    fails("fuzz-utf8-repair-over-cap.json",
          "not a Chrome trace: the JSON object has no traceEvents array (at byte offset 0)");
    fails("huge-numbers.json", "invalid JSON: Number too big to be stored in double. at byte offset 58");
    imports("invalid-utf8-over-cap.json", "",
            "1 strings were not valid UTF-8; bad bytes were replaced by U+FFFD");
    imports("invalid-utf8.json", "", "2 strings were not valid UTF-8; bad bytes were replaced by U+FFFD");
    fails("nan.json", "invalid JSON: Invalid value. at byte offset 111");
    imports("nested-100000.json", "args nested too deeply=1");
    fails("truncated.json", "the JSON ends too early (truncated file?) at byte offset 63");
    imports("wrong-field-types.json", "event is not an object=5|unsupported phase 7=1");
    fails("wrong-types.json", "not a Chrome trace: its traceEvents is not an array (at byte offset 0)");

    QTest::newRow("inline: empty file") << QString() << QByteArray() << false
                                        << "the file is empty (at byte offset 0)" << QString();
    QTest::newRow("inline: truncated") << QString() << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1)")
                                       << false
                                       << "the JSON ends too early (truncated file?) at byte offset 32"
                                       << QString();
    QTest::newRow("inline: syntax error")
        << QString() << QByteArray(R"({"traceEvents":[{"ph" "X"}]})") << false
        << "invalid JSON: Missing a colon after a name of object member. at byte offset 22" << QString();
    QTest::newRow("inline: binary junk") << QString() << QByteArray("\x00\x01\x02garbage", 10) << false
                                         << "not a supported format: not a Chrome trace (JSON), a "
                                            "memory snapshot or an Ascend CSV, and no other "
                                            "importer recognises it (at byte offset 0)"
                                         << QString();
    // A snapshot whose structure is wrong is said so without a byte offset: there is none.
    QTest::newRow("inline: snapshot with a str for segments")
        << QString()
        << QByteArray("\x80\x02\x7d\x71\x00\x58\x08\x00\x00\x00segments\x71\x01\x58\x01"
                      "\x00\x00\x00x\x71\x02\x73\x2e",
                      30)
        << false << "not a valid memory snapshot: \"segments\" is a str, not a list" << QString();
}

void TestHeadlessImport::badInputs()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, content);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    QFETCH(QString, skipped);
    AppSandboxHome home;
    const QString path = home.path() + QLatin1Char('/') +
                         (source.isEmpty() ? QStringLiteral("broken.json") : source);
    if (!source.isEmpty()) {
        QVERIFY(QFile::copy(QStringLiteral(TRACESCOPE_TEST_DATA "/chrome/") + source, path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    } else {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QString cacheDir = home.path() + QStringLiteral("/cache");
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--import", "--cache-dir", cacheDir, path}, 60000);
    QVERIFY2(run.finished, "the import hung");
    const QString err = QString::fromUtf8(run.err);
    const QStringList left = cacheFolderEntries(cacheDir);
    if (!ok) {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        const QString line = QStringLiteral("tracescope: %1: %2\n").arg(path, message);
        QVERIFY2(err.contains(line), qPrintable(QStringLiteral("expected: %1got: %2").arg(line, err)));
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        return;
    }
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    const QString cache = o.value("cache").toString();
    QCOMPARE(skipReasonsOf(cache), skipped);
    qint64 total = 0;
    for (const QString &r : skipped.split(QLatin1Char('|'), Qt::SkipEmptyParts))
        total += r.section(QLatin1Char('='), -1).toLongLong();
    QCOMPARE(o.value("skipped").toInteger(), total);
    if (!message.isEmpty())
        QVERIFY2(err.contains(QStringLiteral("warning: %1: %2").arg(source, message)), qPrintable(err));
    QCOMPARE(left, QStringList{QFileInfo(cache).fileName()});
}

void TestHeadlessImport::everyBadInputFileHasARow()
{
    // A file added to tests/data/chrome needs its expected outcome in badInputs_data.
    const QStringList files =
        QDir(QStringLiteral(TRACESCOPE_TEST_DATA "/chrome")).entryList(QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    QFile self(QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/app/tst_headlessimport.cpp"));
    QVERIFY(self.open(QIODevice::ReadOnly));
    const QByteArray text = self.readAll();
    for (const QString &f : files)
        QVERIFY2(text.contains(QStringLiteral("(\"%1\"").arg(f).toUtf8()),
                 qPrintable(QStringLiteral("%1 has no row in badInputs_data").arg(f)));
}

void TestHeadlessImport::decompressionBombs_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("gzip, 2 GiB of blanks") << "gzip";
    QTest::newRow("zstd, 2 GiB of blanks") << "zstd";
}

void TestHeadlessImport::decompressionBombs()
{
    QFETCH(QString, kind);
    const QByteArray bomb = kind == QLatin1String("gzip") ? gzipBomb() : zstdBomb();
    QVERIFY2(bomb.size() < (4 << 20), qPrintable(QString::number(bomb.size())));
    AppSandboxHome home;
    const QString path = home.path() + QStringLiteral("/bomb.pt.trace.json.") +
                         (kind == QLatin1String("gzip") ? QStringLiteral("gz") : QStringLiteral("zst"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bomb);
    f.close();
    const QString cacheDir = home.path() + QStringLiteral("/cache");
    QElapsedTimer clock;
    clock.start();
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--import", "--cache-dir", cacheDir, path}, 60000);
    QVERIFY2(run.finished, "the import of a bomb did not end");
    // Stopped after about 1 GiB of output at most, well before the 2 GiB are expanded.
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QStringLiteral("tracescope: %1: the compressed input expands more than "
                                         "1000 times (a decompression bomb?)").arg(path)),
             qPrintable(err));
    QVERIFY2(err.count(QStringLiteral("byte offset")) <= 1, qPrintable(err));
    const QStringList left = cacheFolderEntries(cacheDir);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

void TestHeadlessImport::specialFilesRefused()
{
    // open() of a named pipe blocks until a writer comes: the import must refuse it at once.
    AppSandboxHome home;
    const QString fifo = home.path() + QStringLiteral("/trace.json");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", fifo}, 20000);
    QVERIFY2(run.finished, "the import hung on a named pipe");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("tracescope: cannot import %1: not a regular file or "
                                             "folder (it is a named pipe)").arg(fifo).toUtf8()),
             run.err.constData());
    const AppRun device = runApp(home, rootFlag() + QStringList{"--import", "/dev/zero"}, 20000);
    QVERIFY2(device.finished, "the import read /dev/zero");
    QCOMPARE(device.exitCode, 1);
    QVERIFY2(device.err.contains("not a regular file"), device.err.constData());
}

void TestHeadlessImport::folderWithPipe()
{
    // A named pipe among the traces is skipped and mentioned; the walk does not hang on it.
    AppSandboxHome home;
    const QString folder = home.path() + QStringLiteral("/run");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(QStringLiteral(TRACESCOPE_TEST_DATA "/chrome/control-chars.json"),
                        folder + QStringLiteral("/rank0.json")));
    const QString fifo = folder + QStringLiteral("/rank1.json");
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", folder}, 30000);
    QVERIFY2(run.finished, "the folder scan hung on a named pipe");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(parseLine(run.out).value("files").toInt(), 1);
    QVERIFY2(run.err.contains(QStringLiteral("warning: %1: not a regular file (named pipe), skipped")
                                  .arg(fifo).toUtf8()),
             run.err.constData());
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
    QVERIFY2(!ref.isEmpty(), "reference_counts.py failed");
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", trace}, 300000);
    if (ref.value("trace").toBool(true) == false) {
        // JSON, but not a trace (no traceEvents): refused with a message naming the file.
        QVERIFY2(run.finished && run.exitCode != 0, run.out.constData());
        QVERIFY2(run.err.contains(QFileInfo(trace).fileName().toUtf8()), run.err.constData());
        return;
    }
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    for (const char *key : {"slices", "instants", "counter_samples", "flows"}) {
        const qint64 got = o.value(QLatin1String(key)).toInteger();
        const qint64 want = ref.value(QLatin1String(key)).toInteger();
        QVERIFY2(got == want, qPrintable(QStringLiteral("%1: imported %2, reference %3")
                                             .arg(key).arg(got).arg(want)));
    }
}

void TestHeadlessImport::ascendDatabases_data()
{
    QTest::addColumn<QString>("file");
    const QString pt = QStringLiteral("test/data/pytorch/db/");
    QTest::newRow("level1 rank1")
        << pt + "level1/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_1.db";
    QTest::newRow("level0 rank0")
        << pt + "level0/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db";
    QTest::newRow("level1 rank0 (WAL)")
        << pt + "level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db";
    QTest::newRow("msprof 2023 (WAL)")
        << QStringLiteral("server/src/test/test_data/full_db/msprof_0.db");
}

// A profiler DB given alone imports through the child; the counts match the test's own SQL
// over a private copy, and nothing appears beside the input.
void TestHeadlessImport::ascendDatabases()
{
    QFETCH(QString, file);
    const QString sample =
        QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/") + file;
    if (!QFile::exists(sample))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    AppSandboxHome home;
    QTemporaryDir data, scratch;
    const QString input = data.filePath(QFileInfo(sample).fileName());
    QVERIFY(QFile::copy(sample, input));
    ::chmod(QFile::encodeName(input).constData(), 0600);
    const QString copy = rollbackCopy(sample, scratch.path());
    auto count = [&copy](const char *sql) {
        bool ok = false;
        const qint64 n = queryInt(copy, QString::fromLatin1(sql), &ok);
        return ok ? n : 0;
    };
    const qint64 slices =
        count("SELECT count(*) FROM PYTORCH_API WHERE CAST(endNs AS INTEGER) >= CAST(startNs AS "
              "INTEGER)") +
        count("SELECT count(*) FROM CANN_API WHERE endNs >= startNs") +
        count("SELECT count(*) FROM TASK WHERE endNs >= startNs") +
        count("SELECT count(*) FROM COMMUNICATION_OP WHERE endNs >= startNs") +
        count("SELECT count(*) FROM COMMUNICATION_TASK_INFO m JOIN TASK t ON t.globalTaskId = "
              "m.globalTaskId WHERE t.endNs >= t.startNs") +
        count("SELECT count(*) FROM MSTX_EVENTS WHERE endNs > startNs");
    const qint64 flows =
        count("SELECT count(*) FROM CANN_API a JOIN TASK t ON t.connectionId = a.connectionId") +
        count("SELECT count(*) FROM PYTORCH_API p JOIN CONNECTION_IDS c ON c.id = p.connectionId "
              "JOIN TASK t ON t.connectionId = c.connectionId");

    const AppRun run = runApp(home, rootFlag() + QStringList{"--import", input}, 60000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseLine(run.out);
    QCOMPARE(o.value("format").toString(), QStringLiteral("ascend-db"));
    QCOMPARE(o.value("slices").toInteger(), slices);
    QCOMPARE(o.value("flows").toInteger(), flows);
    QCOMPARE(QDir(data.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QFileInfo(input).fileName()});
}

QTEST_GUILESS_MAIN(TestHeadlessImport)
#include "tst_headlessimport.moc"

// msMemScope dumps imported by this build's app (sandboxed child, validator, cache writer), with
// the blocks and leaks checked against a pairing this test computes by itself from the same rows
// (its own CSV splitting, its own SQL over the sample DB, a plain linear scan — sharing no code
// with the importer or with model/memscope/blockpairing.cpp).
#include "appimport.h"
#include "csvsplit.h"
#include "memory/memorytimeline.h"
#include "memscope/memscopememory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <map>

using namespace ts::testing;

namespace {

struct Row
{
    qint64 id = 0, ts = 0;
    QString event, type, pid, device, ptr;
    qint64 size = 0;
};

struct Expected
{
    qint64 events = 0, blocks = 0, leaked = 0, leakedBytes = 0, orphans = 0;
    std::map<qint64, qint64> freedBy; // MALLOC ID → FREE ID (-1 leaked)
};

QString samplePath(const char *relative)
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/") + QLatin1String(relative);
}

// Attr size by a regular expression: "size:-512", "\"size\":\"6356992\"".
qint64 sizeIn(const QString &attr)
{
    static const QRegularExpression re(
        QStringLiteral("\"?size\"?\\s*:\\s*\"?(-?(0x)?[0-9a-fA-F]+)"));
    const QRegularExpressionMatch m = re.match(attr);
    return m.hasMatch() ? m.captured(1).toLongLong(nullptr, 0) : 0;
}

QList<Row> csvRows(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QStringList> records = splitCsv(QString::fromUtf8(f.readAll()));
    const QStringList header = records.value(0);
    const auto col = [&header](const char *name) { return header.indexOf(QLatin1String(name)); };
    QList<Row> rows;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList &r = records[i];
        Row row;
        row.id = r.value(col("ID")).toLongLong();
        row.ts = r.value(col("Timestamp(ns)")).toLongLong();
        row.event = r.value(col("Event"));
        row.type = r.value(col("Event Type"));
        row.pid = r.value(col("Process Id"));
        row.device = r.value(col("Device Id"));
        row.ptr = QString::number(r.value(col("Ptr")).toULongLong(nullptr, 0));
        row.size = sizeIn(r.value(col("Attr")));
        rows << row;
    }
    return rows;
}

QList<Row> dbRows(const QString &path)
{
    QList<Row> rows;
    sqlite3 *db = nullptr;
    const QByteArray uri = "file:" + QFile::encodeName(path) + "?immutable=1";
    if (sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT \"ID\", \"Timestamp(ns)\", \"Event\", \"Event Type\", "
                           "\"Process Id\", \"Device Id\", \"Ptr\", \"Attr\" FROM memscope_dump",
                           -1, &st, nullptr);
        const auto text = [&st](int c) {
            return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, c)));
        };
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            Row row;
            row.id = sqlite3_column_int64(st, 0);
            row.ts = sqlite3_column_int64(st, 1);
            row.event = text(2);
            row.type = text(3);
            row.pid = text(4);
            row.device = text(5);
            row.ptr = QString::number(text(6).toULongLong(nullptr, 0));
            row.size = sizeIn(text(7));
            rows << row;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return rows;
}

// The README's rule, as a linear scan over a list of open blocks.
Expected pairByHand(QList<Row> rows)
{
    Expected e;
    e.events = rows.size();
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.id < b.id;
    });
    QList<Row> open;
    for (const Row &r : rows) {
        if (r.event == QLatin1String("MALLOC")) {
            ++e.blocks;
            open << r;
            continue;
        }
        if (r.event != QLatin1String("FREE"))
            continue;
        const auto sameKey = [&r](const Row &m) {
            return m.pid == r.pid && m.type == r.type && m.ptr == r.ptr;
        };
        QString device = r.device;
        if (device == QLatin1String("N/A")) {
            device.clear();
            for (const Row &m : std::as_const(open)) // the latest of the key wins
                if (sameKey(m))
                    device = m.device;
        }
        bool ended = false;
        for (qsizetype i = 0; i < open.size();) {
            if (sameKey(open[i]) && open[i].device == device) {
                e.freedBy[open[i].id] = r.id;
                open.removeAt(i);
                ended = true;
            } else {
                ++i;
            }
        }
        e.orphans += ended ? 0 : 1;
    }
    for (const Row &m : std::as_const(open)) {
        e.freedBy[m.id] = -1;
        ++e.leaked;
        e.leakedBytes += qAbs(m.size);
    }
    return e;
}

// MALLOC ID → FREE ID as the cache holds them.
std::map<qint64, qint64> cachePairs(const QString &cache)
{
    std::map<qint64, qint64> pairs;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(cache).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT a.row_id, coalesce(f.row_id, -1) FROM memscope_block b "
                           "JOIN memscope_event a ON a.id = b.alloc_event "
                           "LEFT JOIN memscope_event f ON f.id = b.free_event",
                           -1, &st, nullptr);
        while (st && sqlite3_step(st) == SQLITE_ROW)
            pairs[sqlite3_column_int64(st, 0)] = sqlite3_column_int64(st, 1);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return pairs;
}

QJsonObject importJson(const QString &input, const QTemporaryDir &home, QString *error,
                       QString *warnings = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    p.setProcessEnvironment(env);
    p.start(appBinary(), {QStringLiteral("--allow-root"), QStringLiteral("--import"), input,
                          QStringLiteral("--cache-dir"), home.filePath(QStringLiteral("c"))});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    if (warnings)
        *warnings = QString::fromUtf8(p.readAllStandardError());
    return QJsonDocument::fromJson(p.readAllStandardOutput().trimmed().split('\n').last()).object();
}

const char *const kCsv2504 =
    "msmemscope/test/smoke/testfile/csvfile/memscope_dump_20250428113810.csv";
const char *const kCsvLeaks = "msmemscope/example/compare/leaks.csv";
const char *const kCsvBaseline = "msmemscope/example/compare/baseline.csv";
const char *const kDb =
    "msinsight/server/src/test/test_data/memscope/host_pinned/memscope_dump_20260527062213.db";

} // namespace

class TestMemScopeImport : public QObject
{
    Q_OBJECT

private slots:
    void samples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("db");
        QTest::newRow("CSV 2025-04 (µs, N/A FREE devices, two processes)")
            << samplePath(kCsv2504) << false;
        QTest::newRow("CSV 2025-12 leaks") << samplePath(kCsvLeaks) << false;
        QTest::newRow("CSV 2025-12 baseline") << samplePath(kCsvBaseline) << false;
        QTest::newRow("DB 2026 host pinned") << samplePath(kDb) << true;
    }
    void samples()
    {
        QFETCH(QString, path);
        QFETCH(bool, db);
        if (!QFileInfo::exists(path))
            QSKIP("../shared/samples is not here");
        if (appBinary().isEmpty())
            QSKIP("no app binary in this build");
        const Expected e = pairByHand(db ? dbRows(path) : csvRows(path));
        QVERIFY(e.events > 0 && e.blocks > 0);
        QTemporaryDir home;
        QString error;
        const QJsonObject o = importJson(path, home, &error);
        QVERIFY2(!o.isEmpty(), qPrintable(error));
        QCOMPARE(o.value("format").toString(), QStringLiteral("msmemscope-dump"));
        QCOMPARE(o.value("memory_events").toInteger(), e.events);
        QCOMPARE(o.value("blocks").toInteger(), e.blocks);
        QCOMPARE(o.value("leaked_blocks").toInteger(), e.leaked);
        QCOMPARE(o.value("leaked_bytes").toInteger(), e.leakedBytes);
        QCOMPARE(o.value("frees_without_malloc").toInteger(), e.orphans);
        QCOMPARE(cachePairs(o.value("cache").toString()), e.freedBy);

        // The Memory view's model: every block and orphan FREE a band, the leaks never freed.
        ts::model::MemoryTimeline timeline;
        QVERIFY2(timeline.loadMemScope({{o.value("cache").toString()}}, &error), qPrintable(error));
        qint64 bands = 0, never = 0, neverBytes = 0, before = 0;
        for (int d : timeline.devices()) {
            const ts::model::MemoryDevice *device = timeline.device(d);
            QVERIFY(device->label.contains(QStringLiteral(" · ")));
            bands += qint64(device->allocations.size());
            for (uint32_t i : device->neverFreed)
                neverBytes += qint64(device->allocations[i].size);
            never += qint64(device->neverFreed.size());
            for (const ts::model::MemoryAllocation &a : device->allocations)
                before += (a.flags & ts::model::kAllocBeforeTrace) ? 1 : 0;
            // The curve is the running sum of the bands: at its peak, exactly the live ones.
            const auto axis = ts::model::MemoryAxis::Time;
            const ts::model::MemoryPeak peak = timeline.peakAllocated(d, axis);
            qint64 live = 0;
            for (uint32_t i : timeline.liveAt(d, axis, peak.x))
                live += qint64(device->allocations[i].size);
            QCOMPARE(live, peak.bytes);
        }
        QCOMPARE(bands, e.blocks + e.orphans);
        QCOMPARE(never, e.leaked);
        QCOMPARE(neverBytes, e.leakedBytes);
        QCOMPARE(before, e.orphans);
    }

    // An msmemscope_* output folder: every dump under device_*/dump/, the counts summed.
    void outputFolder()
    {
        const QStringList parts{samplePath(kCsvLeaks), samplePath(kCsvBaseline), samplePath(kDb)};
        for (const QString &p : parts)
            if (!QFileInfo::exists(p))
                QSKIP("../shared/samples is not here");
        if (appBinary().isEmpty())
            QSKIP("no app binary in this build");
        QTemporaryDir home;
        const QString root = home.filePath(QStringLiteral("msmemscope_1_20260101_ascend"));
        const QStringList targets{root + "/device_0/dump/memscope_dump_1.csv",
                                  root + "/device_1/dump/memscope_dump_2.csv",
                                  root + "/device_1/dump/memscope_dump_3.db"};
        Expected sum;
        for (int i = 0; i < parts.size(); ++i) {
            QVERIFY(QDir().mkpath(QFileInfo(targets[i]).path()));
            QVERIFY(QFile::copy(parts[i], targets[i]));
            QFile(targets[i]).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            const Expected e = pairByHand(i == 2 ? dbRows(parts[i]) : csvRows(parts[i]));
            sum.events += e.events;
            sum.blocks += e.blocks;
            sum.leaked += e.leaked;
            sum.leakedBytes += e.leakedBytes;
        }
        // msMemScope's own settings file at the top is not taken for a trace.
        QFile config(root + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{\"analysis\": \"leaks\"}");
        config.close();
        QString error, warnings;
        const QJsonObject o = importJson(root, home, &error, &warnings);
        QVERIFY2(!o.isEmpty(), qPrintable(error));
        QVERIFY2(!warnings.contains(QStringLiteral("traceEvents")), qPrintable(warnings));
        QCOMPARE(o.value("files").toInt(), 3);
        QCOMPARE(o.value("memory_events").toInteger(), sum.events);
        QCOMPARE(o.value("blocks").toInteger(), sum.blocks);
        QCOMPARE(o.value("leaked_blocks").toInteger(), sum.leaked);
        QCOMPARE(o.value("leaked_bytes").toInteger(), sum.leakedBytes);
    }
};

QTEST_GUILESS_MAIN(TestMemScopeImport)
#include "tst_memscopeimport.moc"

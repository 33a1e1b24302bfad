// The memory snapshot importer, run in-process over every real sample and over the small hostile
// pickles of tests/data/snapshot (make_snapshots.py): the stream must pass the app's
// RecordValidator, end in one Result or Error, and its counts must equal what CPython computes
// from the same file (tests/parsers/snapshot_reference.py, which shares no code with us).
#include "streamsummary.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <map>
#include <set>
#include <tuple>
#include <vector>

using namespace ts;

namespace {

using Imported = testing::StreamSummary;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Imported importFile(const QByteArray &bytes)
{
    return testing::importBytes(bytes.toStdString());
}

QJsonObject reference(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/parsers/snapshot_reference.py"), path});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QString dataDir()
{
    return QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/data/snapshot");
}

QString samplesDir()
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch");
}

const Imported &importCached(const QString &path)
{
    static std::map<QString, Imported> cache;
    auto it = cache.find(path);
    if (it == cache.end())
        it = cache.emplace(path, importFile(readFile(path))).first;
    return it->second;
}

} // namespace

class TestSnapshotImporter : public QObject
{
    Q_OBJECT

private slots:
    void matchesReference_data();
    void matchesReference();
    void errorsSayWhy_data();
    void errorsSayWhy();
    void legacyAddressesFollowOrder();
    void long1AddressesSurvive();
    void freesBeforeTheTraceAreKeptAndFlagged();
    void everyActionAndTheExtras();
    void badItemsAreSkippedWithReasons();
    void samplesTellTheirGeneration();
};

void TestSnapshotImporter::matchesReference_data()
{
    QTest::addColumn<QString>("path");
    const QDir data(dataDir());
    for (const QString &name :
         data.entryList({QStringLiteral("*.pickle")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << data.filePath(name);
    const QStringList samples{
        QStringLiteral("memsnap-llm_inference/oom_snapshot.pickle"),
        QStringLiteral("memsnap-select_n/snapshot.pickle"),
        QStringLiteral("memsnap-eor_nn/snapshot.pickle"),
        QStringLiteral("memsnap-silmont_a2/mem_snapshot.pickle"),
        QStringLiteral("memsnap-kkaitlyn_a2/memory_files/memory_ctx128_fullstep.pickle")};
    for (const QString &s : samples)
        QTest::newRow(qPrintable(s.section(QLatin1Char('/'), 0, 0)))
            << samplesDir() + QLatin1Char('/') + s;
}

void TestSnapshotImporter::matchesReference()
{
    QFETCH(QString, path);
    if (!QFile::exists(path))
        QSKIP("sample not present");
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 not found");
    const Imported &s = importCached(path);
    QVERIFY2(s.valid, s.violation.c_str());
    const QJsonObject ref = reference(path);
    QVERIFY2(!ref.isEmpty(), "the Python reference failed");
    if (ref.value(QStringLiteral("error")).toBool()) {
        QCOMPARE(s.exitCode, int(parsers::kExitInputError));
        QVERIFY(!s.hasResult);
        QVERIFY(!s.error.empty());
        return;
    }
    QCOMPARE(s.exitCode, int(parsers::kExitOk));
    QVERIFY(s.hasResult);
    QCOMPARE(s.format, std::string("pytorch-memory-snapshot"));
    const auto num = [&](const char *key) {
        return qint64(ref.value(QLatin1String(key)).toDouble());
    };
    QCOMPARE(s.memory.segments, num("segments"));
    QCOMPARE(s.memory.blocks, num("blocks"));
    QCOMPARE(s.memory.events, num("memory_events"));
    QCOMPARE(s.memory.frames, num("frames"));
    QCOMPARE(qint64(s.memory.frameKeys.size()),
             s.memory.frames); // each (name, file, line) sent once
    QCOMPARE(qint64(s.memory.devices.size()), num("devices"));
    QCOMPARE(s.memory.annotations, num("annotations"));
    QCOMPARE(s.memory.beforeTrace, num("before_trace"));
    QCOMPARE(s.memory.timed, num("timed"));
    // addr_sum can pass 2^53: compare the exact decimal text.
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral(TRACESCOPE_SOURCE_DIR "/tests/parsers/snapshot_reference.py"), path});
    QVERIFY(p.waitForFinished(120000));
    const QByteArray raw = p.readAllStandardOutput();
    const qsizetype at = raw.indexOf("\"addr_sum\": ");
    QVERIFY(at >= 0);
    const QByteArray digits = raw.mid(at + 12).split('}').value(0).trimmed();
    QCOMPARE(QByteArray::number(quint64(s.memory.addrSum)), digits);
    // Entries the importer did not import are all accounted for as skipped.
    uint64_t skippedEntries = 0;
    for (const auto &[reason, n] : s.skipped)
        if (reason.rfind("trace entry", 0) == 0 || reason.rfind("trace entries", 0) == 0)
            skippedEntries += n;
    QCOMPARE(qint64(skippedEntries) + s.memory.events, num("entries"));
}

void TestSnapshotImporter::errorsSayWhy_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("needle");
    QTest::newRow("top-level list") << "top_list"
                                    << "the top level is a list, not a dict";
    QTest::newRow("top-level int") << "top_int"
                                   << "the top level is a int, not a dict";
    QTest::newRow("missing keys") << "no_keys"
                                  << "neither \"segments\" nor \"device_traces\"";
    QTest::newRow("segments not a list") << "segments_not_list"
                                         << "\"segments\" is a int";
    QTest::newRow("global refused") << "global_refused"
                                    << "GLOBAL";
    QTest::newRow("truncated") << "truncated"
                               << "not a readable pickle";
}

void TestSnapshotImporter::errorsSayWhy()
{
    QFETCH(QString, file);
    QFETCH(QString, needle);
    const Imported &s =
        importCached(dataDir() + QLatin1Char('/') + file + QStringLiteral(".pickle"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.exitCode, int(parsers::kExitInputError));
    QVERIFY2(QString::fromStdString(s.error).contains(needle), s.error.c_str());
}

void TestSnapshotImporter::legacyAddressesFollowOrder()
{
    const Imported &s = importCached(dataDir() + QStringLiteral("/legacy_blocks.pickle"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.memory.blockRecs.size(), size_t(3));
    const uint64_t base = 0x7F0000000000;
    QCOMPARE(s.memory.blockRecs[0].address, base);
    QCOMPARE(s.memory.blockRecs[1].address, base + 1024);
    QCOMPARE(s.memory.blockRecs[2].address, base + 1536);
    QCOMPARE(s.memory.blockRecs[0].state, rec::BlockState::ActiveAllocated);
    QCOMPARE(s.memory.blockRecs[1].state, rec::BlockState::Inactive);
    QCOMPARE(s.memory.blockRecs[2].state, rec::BlockState::ActivePendingFree);
    QVERIFY(s.memory.blockRecs[0].stack != 0); // frames from the last history entry
    QCOMPARE(s.memory.blockRecs[1].stack, 0u); // empty history: no stack
    QCOMPARE(s.memory.segmentRecs[0].segmentType, rec::SegmentType::Small);
    QCOMPARE(s.metadata.at("snapshot_generation"), std::string("2.0"));
}

void TestSnapshotImporter::long1AddressesSurvive()
{
    const Imported &s = importCached(dataDir() + QStringLiteral("/long1_address.pickle"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.memory.segmentRecs.at(0).address, 0xFFFF800000000000ull);
    QCOMPARE(s.memory.blockRecs.at(1).address, 0xFFFF800000000800ull);
    QCOMPARE(s.memory.eventRecs.at(2).addr, 0xFFFFFFFFFFFFFF00ull);
    QCOMPARE(s.memory.eventRecs.at(0).timeNs, int64_t(1700000000000000) * 1000);
}

void TestSnapshotImporter::freesBeforeTheTraceAreKeptAndFlagged()
{
    const Imported &s = importCached(dataDir() + QStringLiteral("/free_before_alloc.pickle"));
    QVERIFY2(s.valid, s.violation.c_str());
    QCOMPARE(s.memory.eventRecs.size(), size_t(6));
    const std::vector<bool> flagged{true, true, false, false, false, true};
    for (size_t i = 0; i < flagged.size(); ++i) {
        QCOMPARE(bool(s.memory.eventRecs[i].flags & rec::kMemBeforeTrace), bool(flagged[i]));
        QCOMPARE(s.memory.eventRecs[i].sequence, uint64_t(i));
    }
    QCOMPARE(s.memory.eventRecs[0].action, rec::MemAction::FreeRequested);
    QCOMPARE(s.memory.eventRecs[5].action, rec::MemAction::SegmentFree);
}

void TestSnapshotImporter::everyActionAndTheExtras()
{
    const Imported &s = importCached(dataDir() + QStringLiteral("/all_actions.pickle"));
    QVERIFY2(s.valid, s.violation.c_str());
    std::set<rec::MemAction> actions;
    for (const rec::MemEventRec &e : s.memory.eventRecs)
        actions.insert(e.action);
    QCOMPARE(actions.size(), size_t(rec::kMaxMemAction));
    for (const rec::MemEventRec &e : s.memory.eventRecs) {
        if (e.action == rec::MemAction::Oom)
            QCOMPARE(e.deviceFree, uint64_t(12345));
        if (e.action == rec::MemAction::Alloc && e.device == 0)
            QVERIFY(e.category != 0);
    }
    QCOMPARE(s.memory.eventRecs.back().device, 2); // device_traces[2]; [1] is empty
    QCOMPARE(s.memory.segmentRecs.at(1).flags & rec::kSegmentExpandable,
             int(rec::kSegmentExpandable));
    QCOMPARE(s.memory.segmentRecs.at(0).flags & rec::kSegmentHasPoolId,
             int(rec::kSegmentHasPoolId));
    const QJsonDocument settings =
        QJsonDocument::fromJson(QByteArray::fromStdString(s.metadata.at("allocator_settings")));
    QVERIFY(settings.isObject());
    QCOMPARE(settings[QStringLiteral("garbage_collection_threshold")].toDouble(), 0.5);
    QCOMPARE(settings[QStringLiteral("max_split_size")].toInt(), -1);
    QCOMPARE(settings[QStringLiteral("roundup_power2_divisions")][QStringLiteral("2")].toInt(), 4);
    QCOMPARE(s.skipped.at("trace entry with an unknown action"), uint64_t(1));
    QCOMPARE(s.skipped.at("external annotation without a usable stage, name, device or time"),
             uint64_t(1));
}

void TestSnapshotImporter::badItemsAreSkippedWithReasons()
{
    const Imported &neg = importCached(dataDir() + QStringLiteral("/negative_sizes.pickle"));
    QVERIFY2(neg.valid, neg.violation.c_str());
    QCOMPARE(neg.exitCode, int(parsers::kExitOk));
    QCOMPARE(neg.skipped.at("segment with a missing, negative or absurd size"), uint64_t(1));
    QCOMPARE(neg.skipped.at("block with a missing, negative or absurd size"), uint64_t(1));
    QCOMPARE(neg.skipped.at("trace entry with a missing, negative or absurd size"), uint64_t(1));

    const Imported &wrong = importCached(dataDir() + QStringLiteral("/wrong_items.pickle"));
    QVERIFY2(wrong.valid, wrong.violation.c_str());
    QCOMPARE(wrong.skipped.at("segment that is not a dict"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("block outside its segment"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("device trace that is not a list"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("trace entry that is not a dict"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("trace entry without an action"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("trace entry without a usable addr"), uint64_t(1));
    QCOMPARE(wrong.skipped.at("stack frame that is not a dict (dropped from its stack)"),
             uint64_t(1));
    QCOMPARE(wrong.memory.eventRecs.at(0).timeNs,
             int64_t(-1)); // time_us "later": kept without time
    QVERIFY(!wrong.warnings.empty());

    const Imported &only = importCached(dataDir() + QStringLiteral("/segments_only.pickle"));
    QCOMPARE(only.exitCode, int(parsers::kExitOk));
    QVERIFY(!only.warnings.empty() && only.warnings[0].find("device_traces") != std::string::npos);
}

void TestSnapshotImporter::samplesTellTheirGeneration()
{
    const QString path = samplesDir() + QStringLiteral("/memsnap-kkaitlyn_a2/memory_files/"
                                                       "memory_ctx128_fullstep.pickle");
    if (!QFile::exists(path))
        QSKIP("sample not present");
    const Imported &s = importCached(path);
    QCOMPARE(s.metadata.at("snapshot_generation"), std::string("2.5+"));
    QCOMPARE(s.memory.annotations, qint64(4));
    // Stacks are interned: far fewer than the 19 342 entries that carry one.
    QVERIFY(s.memory.stacks > 0 && s.memory.stacks < s.memory.events / 2);
}

QTEST_GUILESS_MAIN(TestSnapshotImporter)
#include "tst_snapshotimporter.moc"

#include "cachewriter.h"

#include "ascend/ascendwriter.h"
#include "cache/batchpipe.h"
#include "cache/bulkinsert.h"
#include "cache/cacheschema.h"
#include "cache/cachetemp.h"
#include "cache/sliceplacer.h"
#include "communication/commwriter.h"
#include "memory/memorywriter.h"
#include "memscope/memscopewriter.h"
#include "timeline/slicepack.h"
#include "util/safefs.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace ts::model {

using rec::RecordType;

struct CacheWriter::Statements
{
    explicit Statements(const Database &db)
        : string(db, "INSERT INTO string(id, str) VALUES (?,?)"),
          stringLookup(db, "SELECT str FROM string WHERE id=?"),
          process(db, "INSERT OR REPLACE INTO process(id,pid,name_id,label_id,sort_index,rank) "
                      "VALUES (?,?,?,?,?,?)"),
          thread(db, "INSERT OR REPLACE INTO thread(id,process_id,tid,name_id,sort_index) "
                     "VALUES (?,?,?,?,?)"),
          track(db, "INSERT OR REPLACE INTO track(id,kind,flags,process_id,thread_id,name_id) "
                    "VALUES (?,?,?,?,?,?)"),
          metadata(db, "INSERT INTO metadata(key,value) VALUES (?,?)"),
          warning(db, "INSERT INTO warning(offset,message) VALUES (?,?)"),
          meta(db, "INSERT OR REPLACE INTO meta(key,value) VALUES (?,?)"),
          skipped(db, "INSERT OR REPLACE INTO skipped(reason,count) VALUES (?,?)"),
          maxDepth(db, "UPDATE track SET max_depth=? WHERE id=?")
    {}
    bool ok() const
    {
        for (const Statement *s : {&string, &stringLookup, &process, &thread, &track, &metadata,
                                   &warning, &meta, &skipped, &maxDepth})
            if (!s->ok())
                return false;
        return true;
    }
    Statement string, stringLookup, process, thread, track, metadata, warning, meta, skipped,
        maxDepth;
};

// The tables that get one row per event: written in batches (bulkinsert.h).
struct CacheWriter::Bulk
{
    explicit Bulk(sqlite3 *db)
        // No id columns: SQLite numbers the rows of an empty table 1, 2, 3… as they come, the
        // ids this writer hands out (checked at the end), and takes its append path for each.
        : args(db, "args", {"json"}), slice(db, "slice",
                                            {"track_id", "ts", "dur", "depth", "name_id",
                                             "category_id", "arg_set_id", "parent_id"}),
          instant(db, "instant",
                  {"track_id", "ts", "name_id", "category_id", "scope", "arg_set_id"}),
          counter(db, "counter", {"track_id", "ts", "value"}),
          flow(db, "flow", {"slice_out", "slice_in", "name_id", "category_id"})
    {}
    bool ok() const { return args.ok() && slice.ok() && instant.ok() && counter.ok() && flow.ok(); }
    bool flush()
    {
        return args.flush() && slice.flush() && instant.flush() && counter.flush() && flow.flush();
    }
    BulkInsert args, slice, instant, counter, flow;
};

CacheWriter::CacheWriter() = default;

CacheWriter::~CacheWriter()
{
    if (m_open)
        abort();
}

bool CacheWriter::begin(const QString &finalPath, QString *error)
{
    m_finalPath = finalPath;
    m_tempPath = CacheTemp::pathFor(finalPath);
    // Kept open: it starts the writeback of what SQLite wrote early and syncs the file at the end,
    // and it holds the lock that tells a later sweep this file is being written (cachetemp.h).
    m_fileFd = fs::createPrivateFile(m_tempPath, error);
    if (m_fileFd < 0)
        return false;
    m_open = true;
    if (!CacheTemp::lockForWriting(m_fileFd)) {
        if (error)
            *error = QStringLiteral("cannot lock %1 for writing").arg(m_tempPath);
        abort();
        return false;
    }
    QString sqlError;
    if (!m_db.openForWriting(m_tempPath, error) ||
        // The file is private and temporary: durability comes from fsync + rename at the end,
        // so the journal and per-statement syncs would only cost time. Large pages: fewer
        // pages to split and fill per row, and the timeline's packed blobs span fewer overflow
        // pages (64 KiB pages write the args table in a third of the time of 4 KiB ones).
        // A modest page cache is enough: rows arrive in rowid order; what the sorter of the
        // indexes built at the end does not hold in memory goes to a temporary file.
        !m_db.exec("PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                   "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-16384; "
                   "PRAGMA temp_store=FILE",
                   &sqlError) ||
        !m_db.exec(schemaSql(), &sqlError) || !m_db.exec("BEGIN", &sqlError)) {
        if (error && error->isEmpty())
            *error = QStringLiteral("cannot create its tables: %1").arg(sqlError);
        abort();
        return false;
    }
    if (m_cancel) {
        // Every SQLite statement, index builds included, stops soon after a cancel request.
        ::sqlite3_progress_handler(
            m_db.handle(), 10000,
            [](void *flag) { return static_cast<const std::atomic<bool> *>(flag)->load() ? 1 : 0; },
            const_cast<std::atomic<bool> *>(m_cancel));
    }
    m_stmts = std::make_unique<Statements>(m_db);
    m_bulk = std::make_unique<Bulk>(m_db.handle());
    m_pack = std::make_unique<SlicePackWriter>(m_db.handle());
    m_runs = std::make_unique<SliceRuns>(QFileInfo(finalPath).absolutePath());
    m_flows = std::make_unique<FlowEnds>(QFileInfo(finalPath).absolutePath());
    if (!m_stmts->ok() || !m_bulk->ok() || !m_pack->ok()) {
        if (error)
            *error = QStringLiteral("cannot prepare the cache: %1").arg(m_db.lastError());
        abort();
        return false;
    }
    m_memory = std::make_unique<MemoryWriter>(m_db);
    if (!m_memory->createTables(error)) {
        abort();
        return false;
    }
    m_ascend = std::make_unique<AscendWriter>(m_db);
    if (!m_ascend->createTables(error)) {
        abort();
        return false;
    }
    m_memscope = std::make_unique<MemScopeWriter>(m_db);
    if (!m_memscope->createTables(error)) {
        abort();
        return false;
    }
    m_comm = std::make_unique<CommWriter>(m_db);
    if (!m_comm->createTables(error)) {
        abort();
        return false;
    }
    return true;
}

void CacheWriter::abort()
{
    m_memory.reset(); // its statements are finalised before the database closes
    m_ascend.reset();
    m_memscope.reset();
    m_comm.reset();
    m_runs.reset();
    m_flows.reset();
    m_pack.reset();
    m_bulk.reset();
    m_stmts.reset();
    m_db.close();
    closeFile();
    if (!m_tempPath.isEmpty())
        QFile::remove(m_tempPath);
    m_open = false;
}

void CacheWriter::closeFile()
{
    if (m_fileFd >= 0)
        ::close(m_fileFd);
    m_fileFd = -1;
}

void CacheWriter::startWriteback()
{
#if defined(SYNC_FILE_RANGE_WRITE)
    // The final fsync would otherwise write the whole file at once, after everything else; this
    // hands what SQLite has written so far to the disk now, without waiting for it.
    if (m_fileFd >= 0)
        ::sync_file_range(m_fileFd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

bool CacheWriter::cancelled()
{
    m_sqlError = QStringLiteral("cancelled");
    return false;
}

bool CacheWriter::sqlFailed()
{
    m_sqlError = m_db.lastError();
    return false;
}

int64_t CacheWriter::insertArgs(std::string_view json)
{
    if (json.empty() || json == "{}")
        return 0;
    // The table starts empty and only this writes it: ids are assigned here, in order.
    const int64_t id = ++m_lastArgId;
    return m_bulk->args.addText(json).endRow() ? id : -1;
}

std::string CacheWriter::stringText(uint32_t id)
{
    Statement &s = m_stmts->stringLookup;
    s.bind(1, int64_t(id));
    std::string text;
    if (s.step())
        text = s.text(0).toStdString();
    s.reset();
    return text;
}

bool CacheWriter::apply(const rec::FrameSplitter::Frame &frame)
{
    if (MemoryWriter::handles(frame.type))
        return m_memory->apply(frame) || sqlFailed();
    if (AscendWriter::handles(frame.type))
        return m_ascend->apply(frame) || sqlFailed();
    if (MemScopeWriter::handles(frame.type))
        return m_memscope->apply(frame) || sqlFailed();
    if (CommWriter::handles(frame.type))
        return m_comm->apply(frame) || sqlFailed();
    Statements &st = *m_stmts;
    switch (frame.type) {
    case RecordType::String: {
        rec::StringRec r;
        rec::decode(frame.payload, r);
        return st.string.bind(1, int64_t(r.id)).bind(2, r.text).run() || sqlFailed();
    }
    case RecordType::Process: {
        rec::ProcessRec r;
        rec::decode(frame.payload, r);
        st.process.bind(1, int64_t(r.id)).bind(2, r.pid).bindId(3, r.name).bindId(4, r.label);
        st.process.bind(5, r.sortIndex);
        r.rank >= 0 ? st.process.bind(6, int64_t(r.rank)) : st.process.bindNull(6);
        return st.process.run() || sqlFailed();
    }
    case RecordType::Thread: {
        rec::ThreadRec r;
        rec::decode(frame.payload, r);
        st.thread.bind(1, int64_t(r.id)).bind(2, int64_t(r.process)).bind(3, r.tid);
        st.thread.bindId(4, r.name).bind(5, r.sortIndex);
        return st.thread.run() || sqlFailed();
    }
    case RecordType::Track: {
        rec::TrackRec r;
        rec::decode(frame.payload, r);
        if (m_trackFlags.size() <= r.id)
            m_trackFlags.resize(r.id + 1, 0);
        m_trackFlags[r.id] = r.flags;
        st.track.bind(1, int64_t(r.id)).bind(2, int64_t(r.kind)).bind(3, int64_t(r.flags));
        st.track.bindId(4, r.process).bindId(5, r.thread).bindId(6, r.name);
        return st.track.run() || sqlFailed();
    }
    case RecordType::Slice: {
        rec::SliceRec r;
        rec::decode(frame.payload, r);
        const int64_t argId = insertArgs(r.args);
        if (argId < 0)
            return sqlFailed();
        if (!m_runs->add({r.ts, r.dur, argId, r.track, r.name, r.category, m_sliceSequence++})) {
            m_sqlError = m_runs->error();
            return false;
        }
        return true;
    }
    case RecordType::Instant: {
        rec::InstantRec r;
        rec::decode(frame.payload, r);
        const int64_t argId = insertArgs(r.args);
        if (argId < 0)
            return sqlFailed();
        ++m_summary.instants;
        return m_bulk->instant.add(int64_t(r.track))
                   .add(r.ts)
                   .add(int64_t(r.name))
                   .addId(r.category)
                   .add(int64_t(r.scope))
                   .addId(argId)
                   .endRow() ||
               sqlFailed();
    }
    case RecordType::Counter: {
        rec::CounterRec r;
        rec::decode(frame.payload, r);
        if (!(m_trackFlags.size() > r.track && (m_trackFlags[r.track] & rec::kTrackDerived)))
            ++m_summary.counterSamples;
        return m_bulk->counter.add(int64_t(r.track)).add(r.ts).add(r.value).endRow() || sqlFailed();
    }
    case RecordType::Flow: {
        rec::FlowRec r;
        rec::decode(frame.payload, r);
        if (!m_flows->add(r)) {
            m_sqlError = m_flows->error();
            return false;
        }
        return true;
    }
    case RecordType::Metadata: {
        rec::MetadataRec r;
        rec::decode(frame.payload, r);
        const std::string key = stringText(r.key);
        if (key == "baseTimeNanoseconds")
            m_baseTimeNs = std::string(r.value);
        return st.metadata.bind(1, key).bind(2, r.value).run() || sqlFailed();
    }
    case RecordType::Progress:
        startWriteback(); // every few per cent of the input
        return true;
    case RecordType::Skipped: {
        rec::SkippedRec r;
        rec::decode(frame.payload, r);
        m_skipped[stringText(r.reason)] += r.count;
        return true;
    }
    case RecordType::Warning: {
        rec::WarningRec r;
        rec::decode(frame.payload, r);
        if (m_warnings.size() < 100)
            m_warnings << QString::fromUtf8(r.message.data(), qsizetype(r.message.size()));
        return st.warning.bind(1, int64_t(r.offset)).bind(2, r.message).run() || sqlFailed();
    }
    case RecordType::Result: {
        rec::ResultRec r;
        rec::decode(frame.payload, r);
        m_format = QString::fromStdString(stringText(r.format));
        m_hasResult = true;
        return true;
    }
    case RecordType::Error: {
        rec::ErrorRec r;
        rec::decode(frame.payload, r);
        m_hasError = true;
        m_errorText = QString::fromUtf8(r.message.data(), qsizetype(r.message.size()));
        // Say where once: the importer's message may already name the offset in its own words
        // (and whether it counts decompressed bytes).
        if (r.line > 0)
            m_errorText += QStringLiteral(" (line %1, column %2)").arg(r.line).arg(r.column);
        else if (r.offset != rec::kNoOffset &&
                 !m_errorText.contains(
                     QRegularExpression(QStringLiteral("\\bbyte offset %1\\b").arg(r.offset))))
            m_errorText += QStringLiteral(" (at byte offset %1)").arg(r.offset);
        return true;
    }
    case RecordType::StackFrame:
    case RecordType::Stack:
    case RecordType::MemSegment:
    case RecordType::MemBlock:
    case RecordType::MemEvent:
    case RecordType::MemAnnotation:
        break; // MemoryWriter took them above
    case RecordType::DeviceTask:
    case RecordType::Step:
    case RecordType::MemRecord:
    case RecordType::OpMemory:
        break; // AscendWriter took them above
    case RecordType::MemScopeEvent:
        break; // MemScopeWriter took them above
    case RecordType::CommOp:
    case RecordType::CommLink:
    case RecordType::CommMatrix:
        break; // CommWriter took them above
    }
    return true;
}

// The placer (sliceplacer.h) merges and nests on a thread of its own; this thread writes each
// batch it hands over: the slice rows, the packs per (track, depth) and each track's depth.
bool CacheWriter::writeSlices()
{
    SlicePlacer placer(*m_runs, *m_flows);
    placer.setCancelFlag(m_cancel);
    BatchPipe<PlacedSlice> pipe;
    std::thread worker([&placer, &pipe] {
        placer.run([&pipe] { return pipe.spare(); },
                   [&pipe](SlicePlacer::Batch &&batch) { return pipe.push(std::move(batch)); });
        pipe.close();
    });

    uint32_t currentTrack = 0;
    int64_t trackMaxDepth = 0;
    auto closeTrack = [&]() {
        return currentTrack == 0 ||
               (m_stmts->maxDepth.bind(1, trackMaxDepth).bind(2, int64_t(currentTrack)).run() &&
                m_pack->finishTrack(currentTrack));
    };
    BulkInsert &ins = m_bulk->slice;
    std::vector<PlacedSlice> batch;
    uint32_t id = 0;
    bool written = true;
    while (written && pipe.pop(batch, m_cancel)) {
        for (const PlacedSlice &s : batch) {
            // Rows are gathered in memory between statements: look for a cancel here too.
            if ((id & 0xfff) == 0 && cancelRequested()) {
                written = false;
                break;
            }
            ++id;
            if (s.track != currentTrack) {
                if (!(written = closeTrack()))
                    break;
                currentTrack = s.track;
                trackMaxDepth = 0;
            }
            trackMaxDepth = std::max<int64_t>(trackMaxDepth, s.depth);
            ins.add(int64_t(s.track)).add(s.ts).add(s.dur).add(int64_t(s.depth));
            ins.add(int64_t(s.name)).addId(s.category).addId(s.argId).addId(s.parent);
            if (!(written = ins.endRow()))
                break;
            if (!(written = m_pack->add(int64_t(currentTrack), s.depth, s.ts, s.dur, s.name, id)))
                break;
        }
        pipe.recycle(std::move(batch));
    }
    written = written && !cancelRequested();
    if (!written)
        pipe.cancel(); // the placer stops at its next batch
    worker.join();
    if (!written || !closeTrack())
        return cancelRequested() ? cancelled() : sqlFailed();
    if (id != placer.count() || !placer.error().isEmpty()) {
        m_sqlError = placer.error().isEmpty() ? QStringLiteral("slices were lost in placing")
                                              : placer.error();
        return false;
    }
    m_runs.reset();
    m_summary.slices = qint64(id);
    return true;
}

bool CacheWriter::writeFlows()
{
    BulkInsert &ins = m_bulk->flow;
    FlowEnds::Bound f;
    while (m_flows->nextFlow(&f)) {
        if ((m_summary.flows & 0xfff) == 0 && cancelRequested())
            return cancelled();
        if (!ins.add(int64_t(f.out)).add(int64_t(f.in)).addId(f.name).addId(f.category).endRow())
            return sqlFailed();
        ++m_summary.flows;
    }
    if (!m_flows->error().isEmpty()) {
        m_sqlError = m_flows->error();
        return false;
    }
    if (const uint64_t unbound = m_flows->flowCount() - uint64_t(m_summary.flows))
        m_skipped["flow end matches no slice"] += unbound;
    m_flows.reset();
    return true;
}

bool CacheWriter::idsAsAssigned()
{
    // Rows reference args and slices by the ids this writer counted; SQLite assigned them.
    const auto lastId = [this](const char *table) {
        Statement s(m_db, (std::string("SELECT coalesce(max(id), 0) FROM ") + table).c_str());
        return s.step() ? s.int64(0) : -1;
    };
    if (lastId("args") == m_lastArgId && lastId("slice") == m_summary.slices)
        return true;
    m_sqlError = QStringLiteral("row ids differ from the ones assigned");
    return false;
}

bool CacheWriter::writeMeta(const CacheMeta &meta)
{
    uint64_t skipped = 0;
    for (const auto &[reason, count] : m_skipped) {
        if (!m_stmts->skipped.bind(1, reason).bind(2, int64_t(count)).run())
            return sqlFailed();
        skipped += count;
    }
    m_summary.skipped = qint64(skipped);
    auto count = [this](const char *table) {
        Statement s(m_db, (std::string("SELECT count(*) FROM ") + table).c_str());
        return s.step() ? s.int64(0) : 0;
    };
    m_summary.processes = count("process");
    m_summary.threads = count("thread");
    m_summary.tracks = count("track");
    const AscendCounts &ascend = m_ascend->counts();
    m_summary.deviceTasks = ascend.deviceTasks;
    m_summary.steps = ascend.steps;
    m_summary.memRecords = ascend.memRecords;
    m_summary.opMemory = ascend.opMemory;

    const std::pair<const char *, QString> rows[] = {
        {"input_sha256", meta.inputSha256},
        {"input_name", meta.inputName},
        {"input_size", QString::number(meta.inputSize)},
        {"format", m_format},
        {"importer_version", QString::number(kImporterVersion)},
        {"schema_version", QString::number(kSchemaVersion)},
        {"base_time_ns", QString::fromStdString(m_baseTimeNs)},
        {"created_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"processes", QString::number(m_summary.processes)},
        {"threads", QString::number(m_summary.threads)},
        {"tracks", QString::number(m_summary.tracks)},
        {"slices", QString::number(m_summary.slices)},
        {"instants", QString::number(m_summary.instants)},
        {"counter_samples", QString::number(m_summary.counterSamples)},
        {"flows", QString::number(m_summary.flows)},
        {"skipped", QString::number(m_summary.skipped)},
        {"device_tasks", QString::number(m_summary.deviceTasks)},
        {"steps", QString::number(m_summary.steps)},
        {"memory_records", QString::number(m_summary.memRecords)},
        {"op_memory", QString::number(m_summary.opMemory)},
        {"complete", QStringLiteral("1")},
    };
    for (const auto &[key, value] : rows) {
        if (!m_stmts->meta.bind(1, std::string_view(key)).bind(2, value.toStdString()).run())
            return sqlFailed();
    }
    return true;
}

bool CacheWriter::writeTables(QString *error)
{
    if (m_tablesWritten)
        return true;
    if (!m_open) {
        if (error)
            *error = QStringLiteral("the cache was abandoned");
        return false;
    }
    QString sqlError;
    // No ANALYZE: every query the readers run has one obvious index, so statistics change no plan.
    // The flow indexes are built here, by SQLite's sorter, once their table is complete: far
    // cheaper than keeping them while rows arrive in id order (schema.sql's counter and instant
    // indexes, whose rows arrive nearly in key order, are kept instead).
    bool ok = (m_memory->finish() || sqlFailed()) && (m_ascend->finish() || sqlFailed()) &&
              (m_memscope->finish() || sqlFailed()) && (m_comm->finish() || sqlFailed()) &&
              writeSlices();
    startWriteback(); // the slice rows and packs, most of the file
    ok = ok && writeFlows() && (m_bulk->flush() || sqlFailed()) && idsAsAssigned() &&
         m_db.exec(indexSql(), &sqlError);
    if (!ok) {
        if (error)
            *error = sqlError.isEmpty() ? m_sqlError : sqlError;
        abort();
        return false;
    }
    m_tablesWritten = true;
    return true;
}

bool CacheWriter::finish(const CacheMeta &meta, QString *error)
{
    if (!writeTables(error))
        return false;
    QString sqlError;
    const bool ok =
        writeMeta(meta) &&
        m_db.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str(), &sqlError) &&
        m_db.exec(("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str(), &sqlError) &&
        m_db.exec("COMMIT", &sqlError);
    if (!ok) {
        if (error)
            *error = sqlError.isEmpty() ? m_sqlError : sqlError;
        abort();
        return false;
    }
    m_memory.reset();
    m_ascend.reset();
    m_memscope.reset();
    m_comm.reset();
    m_pack.reset();
    m_bulk.reset();
    m_stmts.reset();
    m_db.close();

    // Durable before visible: fsync the file, then rename it into place.
    ::fsync(m_fileFd);
    closeFile();
    const QByteArray temp = QFile::encodeName(m_tempPath);
    if (fs::isSymlink(m_finalPath)) {
        if (error)
            *error = QStringLiteral("refusing to write %1: it is a symbolic link").arg(m_finalPath);
        abort();
        return false;
    }
    if (::rename(temp.constData(), QFile::encodeName(m_finalPath).constData()) != 0) {
        if (error)
            *error = QStringLiteral("cannot move the cache into place: %1")
                         .arg(QString::fromLocal8Bit(strerror(errno)));
        abort();
        return false;
    }
    m_open = false;
    return true;
}

} // namespace ts::model

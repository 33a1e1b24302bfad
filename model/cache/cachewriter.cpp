#include "cachewriter.h"

#include "cache/cacheschema.h"
#include "timeline/slicepack.h"
#include "util/safefs.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>

#include <algorithm>

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
          args(db, "INSERT INTO args(json) VALUES (?)"),
          slice(db, "INSERT INTO slice(id,track_id,ts,dur,depth,name_id,category_id,arg_set_id,"
                    "parent_id) VALUES (?,?,?,?,?,?,?,?,?)"),
          instant(db, "INSERT INTO instant(track_id,ts,name_id,category_id,scope,arg_set_id) "
                      "VALUES (?,?,?,?,?,?)"),
          counter(db, "INSERT INTO counter(track_id,ts,value) VALUES (?,?,?)"),
          flow(db, "INSERT INTO flow(slice_out,slice_in,name_id,category_id) VALUES (?,?,?,?)"),
          metadata(db, "INSERT INTO metadata(key,value) VALUES (?,?)"),
          warning(db, "INSERT INTO warning(offset,message) VALUES (?,?)"),
          meta(db, "INSERT OR REPLACE INTO meta(key,value) VALUES (?,?)"),
          skipped(db, "INSERT OR REPLACE INTO skipped(reason,count) VALUES (?,?)"),
          maxDepth(db, "UPDATE track SET max_depth=? WHERE id=?")
    {
    }
    bool ok() const
    {
        for (const Statement *s : {&string, &stringLookup, &process, &thread, &track, &args,
                                   &slice, &instant, &counter, &flow, &metadata, &warning, &meta,
                                   &skipped, &maxDepth})
            if (!s->ok())
                return false;
        return true;
    }
    Statement string, stringLookup, process, thread, track, args, slice, instant, counter, flow,
        metadata, warning, meta, skipped, maxDepth;
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
    m_tempPath = QStringLiteral("%1.tmp-%2-%3")
                     .arg(finalPath)
                     .arg(::getpid())
                     .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const int fd = fs::createPrivateFile(m_tempPath, error);
    if (fd < 0)
        return false;
    ::close(fd);
    m_open = true;
    QString sqlError;
    if (!m_db.openForWriting(m_tempPath, error) ||
        // The file is private and temporary: durability comes from fsync + rename at the end,
        // so the journal and per-statement syncs would only cost time.
        !m_db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                   "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-65536; "
                   "PRAGMA temp_store=MEMORY",
                   &sqlError) ||
        !m_db.exec(schemaSql(), &sqlError) || !m_db.exec("BEGIN", &sqlError)) {
        if (error && error->isEmpty())
            *error = QStringLiteral("cannot create the cache: %1").arg(sqlError);
        abort();
        return false;
    }
    m_stmts = std::make_unique<Statements>(m_db);
    m_pack = std::make_unique<SlicePackWriter>(m_db.handle());
    if (!m_stmts->ok() || !m_pack->ok()) {
        if (error)
            *error = QStringLiteral("cannot prepare the cache: %1").arg(m_db.lastError());
        abort();
        return false;
    }
    return true;
}

void CacheWriter::abort()
{
    m_pack.reset();
    m_stmts.reset();
    m_db.close();
    if (!m_tempPath.isEmpty())
        QFile::remove(m_tempPath);
    m_open = false;
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
    if (!m_stmts->args.bind(1, json).run())
        return -1;
    return sqlite3_last_insert_rowid(m_db.handle());
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
        m_slices.push_back({r.ts, r.dur, argId, r.track, r.name, r.category,
                            uint32_t(m_slices.size())});
        return true;
    }
    case RecordType::Instant: {
        rec::InstantRec r;
        rec::decode(frame.payload, r);
        const int64_t argId = insertArgs(r.args);
        if (argId < 0)
            return sqlFailed();
        st.instant.bind(1, int64_t(r.track)).bind(2, r.ts).bind(3, int64_t(r.name));
        st.instant.bindId(4, r.category).bind(5, int64_t(r.scope)).bindId(6, argId);
        ++m_summary.instants;
        return st.instant.run() || sqlFailed();
    }
    case RecordType::Counter: {
        rec::CounterRec r;
        rec::decode(frame.payload, r);
        if (!(m_trackFlags.size() > r.track && (m_trackFlags[r.track] & rec::kTrackDerived)))
            ++m_summary.counterSamples;
        return st.counter.bind(1, int64_t(r.track)).bind(2, r.ts).bind(3, r.value).run() ||
               sqlFailed();
    }
    case RecordType::Flow: {
        rec::FlowRec r;
        rec::decode(frame.payload, r);
        m_flows.push_back(r);
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
        if (r.line > 0)
            m_errorText += QStringLiteral(" (line %1, column %2)").arg(r.line).arg(r.column);
        else
            m_errorText += QStringLiteral(" (at byte offset %1)").arg(r.offset);
        return true;
    }
    }
    return true;
}

bool CacheWriter::writeSlices(std::vector<uint32_t> &finalIds)
{
    std::sort(m_slices.begin(), m_slices.end(), [](const StagedSlice &a, const StagedSlice &b) {
        if (a.track != b.track)
            return a.track < b.track;
        if (a.ts != b.ts)
            return a.ts < b.ts;
        if (a.dur != b.dur)
            return a.dur > b.dur; // the longer one encloses the shorter at the same start
        return a.sequence < b.sequence;
    });
    finalIds.assign(m_slices.size(), 0);
    m_parents.assign(m_slices.size(), 0);
    m_trackRanges.assign(m_trackFlags.size(), {0, 0});

    struct Open
    {
        int64_t end;
        uint32_t id;
    };
    std::vector<Open> stack;
    uint32_t currentTrack = 0;
    int64_t trackMaxDepth = 0;
    auto closeTrack = [&]() {
        return currentTrack == 0 ||
               (m_stmts->maxDepth.bind(1, trackMaxDepth).bind(2, int64_t(currentTrack)).run() &&
                m_pack->finishTrack(currentTrack));
    };
    Statement &ins = m_stmts->slice;
    for (uint32_t i = 0; i < m_slices.size(); ++i) {
        const StagedSlice &s = m_slices[i];
        if (s.track != currentTrack) {
            if (!closeTrack())
                return sqlFailed();
            currentTrack = s.track;
            trackMaxDepth = 0;
            stack.clear();
            if (m_trackRanges.size() <= s.track)
                m_trackRanges.resize(s.track + 1, {0, 0});
            m_trackRanges[s.track].first = i;
        }
        m_trackRanges[s.track].second = i + 1;
        // Pop what ended before this starts. A slice that starts inside another but ends after
        // it (bad nesting) still stacks one deeper: it is drawn, never dropped.
        while (!stack.empty() && stack.back().end <= s.ts)
            stack.pop_back();
        const uint32_t id = i + 1;
        const int64_t depth = int64_t(stack.size());
        trackMaxDepth = std::max(trackMaxDepth, depth);
        ins.bind(1, int64_t(id)).bind(2, int64_t(s.track)).bind(3, s.ts).bind(4, s.dur);
        ins.bind(5, depth).bind(6, int64_t(s.name)).bindId(7, s.category).bindId(8, s.argId);
        stack.empty() ? ins.bindNull(9) : ins.bind(9, int64_t(stack.back().id));
        m_parents[i] = stack.empty() ? 0 : stack.back().id;
        if (!ins.run())
            return sqlFailed();
        m_pack->add(uint32_t(depth), s.ts, s.dur, s.name, id);
        finalIds[s.sequence] = id;
        stack.push_back({s.ts + s.dur, id});
    }
    if (!closeTrack())
        return sqlFailed();
    m_summary.slices = qint64(m_slices.size());
    return true;
}

// Returns the slice id (1-based position in sorted order) an endpoint binds to, or 0.
int64_t CacheWriter::bindEndpoint(const rec::FlowEndpoint &e,
                                  const std::vector<uint32_t> &finalIds) const
{
    if (e.bind == rec::FlowBind::Sequence)
        return e.sequence < finalIds.size() ? finalIds[e.sequence] : 0;
    if (e.track >= m_trackRanges.size())
        return 0;
    const auto [first, last] = m_trackRanges[e.track];
    if (first == last)
        return 0;
    const auto begin = m_slices.begin() + first;
    const auto end = m_slices.begin() + last;
    if (e.bind == rec::FlowBind::Next) {
        const auto it = std::lower_bound(begin, end, e.ts,
                                         [](const StagedSlice &s, int64_t t) { return s.ts < t; });
        return it == end ? 0 : int64_t(it - m_slices.begin()) + 1;
    }
    // Enclosing: the last slice starting at or before t is the deepest candidate (ties sort the
    // shortest last); if it does not cover t, only its ancestors can, so walk up the parents.
    const auto it = std::upper_bound(begin, end, e.ts,
                                     [](int64_t t, const StagedSlice &s) { return t < s.ts; });
    if (it == begin)
        return 0;
    uint32_t id = uint32_t(it - m_slices.begin()); // 1-based id of the candidate
    while (id != 0) {
        const StagedSlice &s = m_slices[id - 1];
        if (s.ts <= e.ts && e.ts <= s.ts + s.dur)
            return id;
        id = m_parents[id - 1];
    }
    return 0;
}

bool CacheWriter::writeFlows(const std::vector<uint32_t> &finalIds)
{
    Statement &ins = m_stmts->flow;
    uint64_t unbound = 0;
    for (const rec::FlowRec &f : m_flows) {
        const int64_t out = bindEndpoint(f.out, finalIds);
        const int64_t in = bindEndpoint(f.in, finalIds);
        if (out == 0 || in == 0) {
            ++unbound;
            continue;
        }
        ins.bind(1, out).bind(2, in).bindId(3, f.name).bindId(4, f.category);
        if (!ins.run())
            return sqlFailed();
        ++m_summary.flows;
    }
    if (unbound)
        m_skipped["flow end matches no slice"] += unbound;
    return true;
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
        {"complete", QStringLiteral("1")},
    };
    for (const auto &[key, value] : rows) {
        if (!m_stmts->meta.bind(1, std::string_view(key)).bind(2, value.toStdString()).run())
            return sqlFailed();
    }
    return true;
}

bool CacheWriter::finish(const CacheMeta &meta, QString *error)
{
    std::vector<uint32_t> finalIds;
    QString sqlError;
    const bool ok = writeSlices(finalIds) && writeFlows(finalIds) && writeMeta(meta) &&
                    m_db.exec(indexSql(), &sqlError) &&
                    m_db.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str(),
                              &sqlError) &&
                    m_db.exec("PRAGMA analysis_limit=400; ANALYZE; COMMIT", &sqlError);
    if (!ok) {
        if (error)
            *error = sqlError.isEmpty() ? m_sqlError : sqlError;
        abort();
        return false;
    }
    m_pack.reset();
    m_stmts.reset();
    m_db.close();
    std::vector<StagedSlice>().swap(m_slices);
    std::vector<uint32_t>().swap(m_parents);
    std::vector<rec::FlowRec>().swap(m_flows);

    // Durable before visible: fsync the file, then rename it into place.
    const QByteArray temp = QFile::encodeName(m_tempPath);
    const int fd = ::open(temp.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
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

#include "slicepack.h"

#include "records/recordformat.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>

namespace ts::model {

// The blob is TimelineSlice's memory on little-endian hosts: keep the struct honest.
static_assert(sizeof(TimelineSlice) == kPackRecordBytes);
static_assert(offsetof(TimelineSlice, ts) == 0 && offsetof(TimelineSlice, dur) == 8 &&
              offsetof(TimelineSlice, name) == 16 && offsetof(TimelineSlice, rowId) == 20);
constexpr bool kLittleEndian = std::endian::native == std::endian::little;

namespace {

template <typename T> T byteSwapped(T v)
{
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    std::reverse(b, b + sizeof(T));
    std::memcpy(&v, b, sizeof(T));
    return v;
}

void swapRecord(TimelineSlice &s)
{
    s.ts = byteSwapped(s.ts);
    s.dur = byteSwapped(s.dur);
    s.name = byteSwapped(s.name);
    s.rowId = byteSwapped(s.rowId);
}

class Query
{
public:
    Query(sqlite3 *db, const char *sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~Query() { sqlite3_finalize(m_stmt); }
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    sqlite3_stmt *get() const { return m_stmt; }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return m_stmt ? sqlite3_step(m_stmt) : SQLITE_ERROR; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

struct Chunk
{
    TimelineTrack *track;
    uint32_t depth;
    uint32_t first;
    uint32_t count;
};

bool inTimeRange(int64_t t)
{
    return t >= -rec::kMaxAbsTime && t <= rec::kMaxAbsTime;
}

bool checkedAdd(int64_t a, int64_t b, int64_t *sum)
{
    if ((b > 0 && a > std::numeric_limits<int64_t>::max() - b) ||
        (b < 0 && a < std::numeric_limits<int64_t>::lowest() - b))
        return false;
    *sum = a + b;
    return true;
}

} // namespace

SlicePackWriter::SlicePackWriter(sqlite3 *db)
{
    if (sqlite3_prepare_v3(db,
                           "INSERT INTO slice_pack(track_id, depth, first_index, count, data) "
                           "VALUES (?,?,?,?,?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr) != SQLITE_OK)
        m_insert = nullptr;
}

SlicePackWriter::~SlicePackWriter()
{
    sqlite3_finalize(m_insert);
}

bool SlicePackWriter::add(int64_t trackId, uint32_t depth, int64_t ts, int64_t dur, uint32_t name,
                          uint32_t sliceId)
{
    if (m_depths.size() <= depth)
        m_depths.resize(size_t(depth) + 1);
    Depth &d = m_depths[depth];
    d.pending.push_back(TimelineSlice{ts, dur, name, sliceId});
    return d.pending.size() < kPackChunk || writePack(trackId, depth, d);
}

bool SlicePackWriter::finishTrack(int64_t trackId)
{
    bool ok = true;
    for (size_t depth = 0; depth < m_depths.size(); ++depth) {
        Depth &d = m_depths[depth];
        ok = ok && (d.pending.empty() || writePack(trackId, uint32_t(depth), d));
        d.pending.clear();
        d.written = 0;
    }
    sqlite3_clear_bindings(m_insert);
    return ok;
}

// One pack row of the depth's pending slices, which follow the `written` ones of its array.
bool SlicePackWriter::writePack(int64_t trackId, uint32_t depth, Depth &d)
{
    const std::vector<TimelineSlice> &v = d.pending;
    const void *data = v.data();
    if constexpr (!kLittleEndian) {
        m_bytes.resize(v.size() * kPackRecordBytes);
        for (size_t i = 0; i < v.size(); ++i) {
            TimelineSlice s = v[i];
            swapRecord(s);
            std::memcpy(m_bytes.data() + i * kPackRecordBytes, &s, kPackRecordBytes);
        }
        data = m_bytes.data();
    }
    sqlite3_bind_int64(m_insert, 1, trackId);
    sqlite3_bind_int64(m_insert, 2, int64_t(depth));
    sqlite3_bind_int64(m_insert, 3, int64_t(d.written));
    sqlite3_bind_int64(m_insert, 4, int64_t(v.size()));
    sqlite3_bind_blob(m_insert, 5, data, int(v.size() * kPackRecordBytes), SQLITE_STATIC);
    const bool ok = sqlite3_step(m_insert) == SQLITE_DONE;
    sqlite3_reset(m_insert);
    d.written += v.size();
    d.pending.clear();
    return ok;
}

bool readSlicePacks(sqlite3 *db, const QHash<qint64, TimelineTrack *> &byTrackId,
                    const PackLimits &limits, int64_t *start, int64_t *end, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("damaged slice pack: %1").arg(why);
        return false;
    };
    auto sqlFail = [&]() { return fail(QString::fromUtf8(sqlite3_errmsg(db))); };

    // Pass 1: the layout, from the small columns only (SQLite reads a blob's length from the
    // row header, not its pages). Every (track, depth) array must be tiled in order, from 0.
    Query layout(db, "SELECT track_id, depth, first_index, count, length(data), "
                     "typeof(data) = 'blob' FROM slice_pack ORDER BY rowid");
    std::vector<Chunk> chunks;
    QHash<TimelineTrack *, std::vector<uint64_t>> sizes;
    const uint64_t cap = std::min<uint64_t>(limits.sliceCount, limits.fileBytes / kPackRecordBytes);
    uint64_t total = 0;
    int rc;
    while ((rc = layout.step()) == SQLITE_ROW) {
        sqlite3_stmt *s = layout.get();
        const qint64 trackId = sqlite3_column_int64(s, 0);
        const int64_t depth = sqlite3_column_int64(s, 1);
        const int64_t first = sqlite3_column_int64(s, 2);
        const int64_t count = sqlite3_column_int64(s, 3);
        TimelineTrack *track = byTrackId.value(trackId, nullptr);
        if (!track)
            return fail(QStringLiteral("track %1 is not a slice track").arg(trackId));
        std::vector<uint64_t> &sz = sizes[track];
        // Depths may come in any order (the writer packs a deep level as soon as it is full),
        // but every level holds a slice, so there are never more levels than slices.
        if (depth < 0 || uint64_t(depth) >= limits.sliceCount)
            return fail(QStringLiteral("track %1 has depth %2").arg(trackId).arg(depth));
        if (uint64_t(depth) >= sz.size())
            sz.resize(size_t(depth) + 1, 0);
        if (first < 0 || uint64_t(first) != sz[size_t(depth)])
            return fail(QStringLiteral("track %1 depth %2: chunk at %3, expected %4")
                            .arg(trackId)
                            .arg(depth)
                            .arg(first)
                            .arg(sz[size_t(depth)]));
        if (count < 1 || count > kPackChunk)
            return fail(QStringLiteral("chunk of %1 slices").arg(count));
        if (!sqlite3_column_int(s, 5) || sqlite3_column_int64(s, 4) != count * kPackRecordBytes)
            return fail(QStringLiteral("chunk size does not match its count"));
        total += uint64_t(count);
        if (total > cap)
            return fail(QStringLiteral("more slices packed than the cache holds"));
        sz[size_t(depth)] += uint64_t(count);
        chunks.push_back({track, uint32_t(depth), uint32_t(first), uint32_t(count)});
    }
    if (rc != SQLITE_DONE)
        return sqlFail();
    if (total != limits.sliceCount)
        return fail(QStringLiteral("%1 slices packed, the cache holds %2")
                        .arg(total)
                        .arg(limits.sliceCount));
    for (auto it = sizes.begin(); it != sizes.end(); ++it) {
        TimelineTrack *track = it.key();
        for (size_t d = 0; d < it->size(); ++d)
            if ((*it)[d] == 0)
                return fail(QStringLiteral("track %1 skips depth %2").arg(track->trackId).arg(d));
        track->depths.resize(it->size());
        for (size_t d = 0; d < it->size(); ++d)
            track->depths[d].resize(size_t((*it)[d]));
    }

    // Pass 2: the records, copied into the arrays sized above.
    Query data(db, "SELECT data FROM slice_pack ORDER BY rowid");
    for (const Chunk &c : chunks) {
        if ((rc = data.step()) != SQLITE_ROW)
            return rc == SQLITE_DONE ? fail(QStringLiteral("rows changed while reading"))
                                     : sqlFail();
        const void *blob = sqlite3_column_blob(data.get(), 0);
        const int bytes = sqlite3_column_bytes(data.get(), 0);
        std::vector<TimelineSlice> &v = c.track->depths[c.depth];
        if (bytes != int(c.count) * kPackRecordBytes || !blob ||
            size_t(c.first) + c.count > v.size())
            return fail(QStringLiteral("rows changed while reading"));
        std::memcpy(static_cast<void *>(v.data() + c.first), blob, size_t(bytes));
    }
    if ((rc = data.step()) != SQLITE_DONE)
        return rc == SQLITE_ROW ? fail(QStringLiteral("rows changed while reading")) : sqlFail();

    // Pass 3: every record. Within a depth slices must not overlap (so starts and ends are
    // both sorted: the views binary-search on either), and no time may overflow.
    for (auto it = sizes.begin(); it != sizes.end(); ++it) {
        TimelineTrack *track = it.key();
        for (size_t d = 0; d < it->size(); ++d)
            if ((*it)[d] == 0)
                return fail(QStringLiteral("track %1 skips depth %2").arg(track->trackId).arg(d));
        for (std::vector<TimelineSlice> &v : track->depths) {
            int64_t lastEnd = std::numeric_limits<int64_t>::lowest();
            for (TimelineSlice &s : v) {
                if constexpr (!kLittleEndian)
                    swapRecord(s);
                if (s.dur < 0 || !inTimeRange(s.dur) || !inTimeRange(s.ts))
                    return fail(QStringLiteral("slice %1: time out of range").arg(s.rowId));
                if (s.name < 1 || s.name > limits.stringCount)
                    return fail(
                        QStringLiteral("slice %1: unknown name id %2").arg(s.rowId).arg(s.name));
                if (s.rowId < 1 || s.rowId > limits.sliceCount)
                    return fail(QStringLiteral("slice id %1 out of range").arg(s.rowId));
                int64_t ts, e;
                if (!checkedAdd(s.ts, limits.offset, &ts) || !checkedAdd(ts, s.dur, &e))
                    return fail(QStringLiteral("slice %1: time out of range").arg(s.rowId));
                if (ts < lastEnd)
                    return fail(QStringLiteral("slice %1 overlaps the one before it at its depth")
                                    .arg(s.rowId));
                s.ts = ts;
                lastEnd = e;
                track->maxDur = std::max(track->maxDur, s.dur);
            }
            if (!v.empty()) {
                *start = std::min(*start, v.front().ts);
                *end = std::max(*end, lastEnd);
            }
        }
    }
    return true;
}

} // namespace ts::model

#include "memscopememory.h"

#include "cache/sqlite.h"
#include "memory/curvebuilding.h"
#include "memory/memorystacks.h"
#include "memscope/stringlookup.h"
#include "records/recordformat.h"

#include <QHash>
#include <QRegularExpression>

#include <array>
#include <map>
#include <tuple>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);

struct BlockRow
{
    int64_t allocTs = 0, freeTs = -1; // freeTs -1: leaked
    bool beforeRecording = false;     // an orphan FREE: allocated before recording
    uint64_t ptr = 0, size = 0;
    qint64 stackId = 0;
    QString owner;
    MemoryDevice::SourceEvents events;
    QString inefficient; // the MALLOC's Attr `inefficient`, empty when it names none
};

struct Series
{
    std::vector<BlockRow> blocks;
    // The time range of the dumps it comes from (a folder's dumps may be days apart).
    int64_t first = std::numeric_limits<int64_t>::max();
    int64_t last = std::numeric_limits<int64_t>::lowest();
};

// (device, allocator) in the order the view lists them: NPUs, then the host, then N/A.
using SeriesKey = std::tuple<int, QString>;

int deviceOrder(const QVariant &device)
{
    if (device.isNull())
        return 1 << 30;
    const int d = device.toInt();
    return d >= 0 ? d : (1 << 29) - d; // the host (-2) after every NPU
}

QString deviceLabel(int order)
{
    if (order == 1 << 30)
        return QStringLiteral("Device N/A");
    if (order >= 1 << 29)
        return QStringLiteral("Host");
    return QStringLiteral("NPU %1").arg(order);
}

// "path/a.py(174): __torch_dispatch__" and "lib.so(sym+0x1) [0xaddr]" as frames.
void appendFrames(QVector<MemoryFrame> &frames, const QString &stack, const QString &file)
{
    static const QRegularExpression python(QStringLiteral("^(.*)\\((\\d+)\\):\\s*(.*)$"));
    for (const QString &line : stack.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch m = python.match(line.trimmed());
        if (m.hasMatch())
            frames.append(MemoryFrame{m.captured(3), m.captured(1), m.captured(2).toInt()});
        else
            frames.append(MemoryFrame{line.trimmed(), file, 0});
    }
}

// Interns one block's stack — owner, the MALLOC's stacks, the FREE's — by the string ids of
// its cache; 0 when it has none.
class StackBuilder
{
public:
    explicit StackBuilder(MemoryStacks *stacks) : m_stacks(stacks) {}
    // ids: owner, MALLOC Python, MALLOC C, FREE Python, FREE C (0 = none); inefficient: the
    // MALLOC's Attr `inefficient`, shown first.
    qint64 of(int cache, const std::array<qint64, 5> &ids, const QString &inefficient,
              StringLookup &text)
    {
        if (ids == std::array<qint64, 5>{} && inefficient.isEmpty())
            return 0;
        qint64 &id = m_ids[{cache, ids, inefficient}];
        if (id)
            return id;
        id = qint64(m_ids.size());
        QVector<MemoryFrame> frames;
        if (!inefficient.isEmpty())
            frames.append(
                MemoryFrame{QStringLiteral("inefficient: %1").arg(inefficient), QString(), 0});
        if (ids[0])
            frames.append(MemoryFrame{QStringLiteral("owner %1").arg(text(ids[0])), QString(), 0});
        appendFrames(frames, text(ids[1]), QStringLiteral("Python"));
        appendFrames(frames, text(ids[2]), QStringLiteral("C"));
        if (ids[3] || ids[4]) {
            frames.append(MemoryFrame{QStringLiteral("— freed at —"), QString(), 0});
            appendFrames(frames, text(ids[3]), QStringLiteral("Python"));
            appendFrames(frames, text(ids[4]), QStringLiteral("C"));
        }
        m_stacks->addFrames(id, frames);
        return id;
    }

private:
    MemoryStacks *m_stacks;
    std::map<std::tuple<int, std::array<qint64, 5>, QString>, qint64> m_ids;
};

bool readCache(int cache, const QString &path, std::map<SeriesKey, Series> &series,
               StackBuilder &stacks, QString *error)
{
    Database db;
    if (!db.openReadOnly(path, error))
        return false;
    if (!hasMemScopeData(db))
        return true;
    int64_t first = std::numeric_limits<int64_t>::max(),
            last = std::numeric_limits<int64_t>::lowest();
    Statement range(db, "SELECT min(ts), max(ts) FROM memscope_event");
    if (range.ok() && range.step() && !range.isNull(0)) {
        first = range.int64(0);
        last = range.int64(1);
    }
    // Ids only: their texts are looked up once each (StringLookup).
    Statement q(
        db, "SELECT b.alloc_ts, b.free_ts, b.device, b.type_id, b.ptr, b.size, "
            "b.owner_id, a.py_stack_id, a.c_stack_id, f.py_stack_id, f.c_stack_id, "
            "b.alloc_event, b.free_event, "
            "CASE WHEN json_valid(a.attr) THEN json_extract(a.attr, '$.inefficient') END "
            "FROM memscope_block b JOIN memscope_event a ON a.id = b.alloc_event "
            "LEFT JOIN memscope_event f ON f.id = b.free_event "
            "UNION ALL SELECT NULL, e.ts, e.device, e.type_id, e.ptr, "
            "abs(coalesce(e.size, 0)), NULL, NULL, NULL, e.py_stack_id, e.c_stack_id, "
            "NULL, e.id, NULL FROM memscope_orphan_free o JOIN memscope_event e ON e.id = o.event");
    if (!q.ok()) {
        *error = db.lastError();
        return false;
    }
    StringLookup text(db);
    std::map<std::pair<int, qint64>, Series *> seriesOf; // (device order, type id) →
    while (q.step()) {
        BlockRow b;
        b.beforeRecording = q.isNull(0);
        b.allocTs = b.beforeRecording ? 0 : q.int64(0);
        b.freeTs = q.isNull(1) ? -1 : q.int64(1);
        b.ptr = uint64_t(q.int64(4));
        b.size = uint64_t(std::max<int64_t>(0, q.int64(5)));
        b.inefficient = q.isNull(13) ? QString() : q.text(13);
        b.stackId = stacks.of(cache, {q.int64(6), q.int64(7), q.int64(8), q.int64(9), q.int64(10)},
                              b.inefficient, text);
        b.owner = text(q.int64(6));
        b.events = {cache, q.isNull(11) ? -1 : q.int64(11), q.isNull(12) ? -1 : q.int64(12)};
        const int order = deviceOrder(q.isNull(2) ? QVariant() : QVariant(qint64(q.int64(2))));
        Series *&to = seriesOf[{order, q.int64(3)}];
        if (!to)
            to = &series[{order, text(q.int64(3))}];
        to->blocks.push_back(b);
        to->first = std::min(to->first, first);
        to->last = std::max(to->last, last);
    }
    return true;
}

} // namespace

bool hasMemScopeData(const Database &db)
{
    // Two indexed lookups, not counts: this runs on the GUI thread as a tab is made.
    Statement table(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                        "name='memscope_event'");
    if (!table.ok() || !table.step() || table.int64(0) == 0)
        return false;
    Statement any(db, "SELECT EXISTS (SELECT 1 FROM memscope_event)");
    return any.ok() && any.step() && any.int64(0) != 0;
}

bool loadMemScopeMemory(const MemScopeSources &sources, int firstKey,
                        std::vector<MemoryDevice> *out, MemoryStacks *stacks, QString *error)
{
    std::map<SeriesKey, Series> series;
    StackBuilder builder(stacks);
    for (int i = 0; i < sources.caches.size(); ++i) {
        if (!readCache(i, sources.caches[i], series, builder, error))
            return false;
    }
    int key = firstKey;
    for (auto &[k, s] : series) {
        SeqAxis seq;
        for (const BlockRow &b : s.blocks) {
            if (!b.beforeRecording)
                seq.add(b.allocTs);
            if (b.freeTs >= 0)
                seq.add(b.freeTs);
        }
        seq.finish();
        if (seq.empty())
            continue;
        MemoryDevice d;
        d.device = key++;
        const QString allocator = std::get<1>(k).isEmpty() ? QStringLiteral("?") : std::get<1>(k);
        d.label = QStringLiteral("%1 · %2").arg(deviceLabel(std::get<0>(k)), allocator);
        d.hasTime = true;
        d.start[kTime] = std::min(s.first, seq.first());
        d.end[kTime] = std::max(s.last, seq.last()) + 1;
        d.start[kSeq] = 0;
        d.end[kSeq] = seq.count();
        std::sort(s.blocks.begin(), s.blocks.end(), [](const BlockRow &a, const BlockRow &b) {
            return a.beforeRecording != b.beforeRecording ? a.beforeRecording
                                                          : a.allocTs < b.allocTs;
        });
        std::vector<CurveDelta> deltas[2];
        for (const BlockRow &b : s.blocks) {
            MemoryAllocation a;
            a.allocTime = b.beforeRecording ? d.start[kTime] : b.allocTs;
            a.allocSeq = b.beforeRecording ? 0 : seq.of(b.allocTs);
            a.freeTime = b.freeTs >= 0 ? b.freeTs : d.end[kTime];
            a.freeSeq = b.freeTs >= 0 ? seq.of(b.freeTs) : seq.count();
            a.freeRequestedTime = a.freeTime;
            a.freeRequestedSeq = a.freeSeq;
            a.address = b.ptr;
            a.size = b.size;
            a.stackId = b.stackId;
            a.flags = uint8_t((b.beforeRecording ? kAllocBeforeTrace : 0) |
                              (b.freeTs < 0 ? kAllocNeverFreed : 0));
            if (a.flags & kAllocNeverFreed)
                d.neverFreed.push_back(uint32_t(d.allocations.size()));
            if (!b.inefficient.isEmpty())
                d.inefficient.push_back(uint32_t(d.allocations.size()));
            for (int axis : {kTime, kSeq}) {
                deltas[axis].push_back({a.start(MemoryAxis(axis)), int64_t(a.size)});
                if (!(a.flags & kAllocNeverFreed))
                    deltas[axis].push_back({a.end(MemoryAxis(axis)), -int64_t(a.size)});
            }
            d.allocations.push_back(a);
            d.owners.push_back(b.owner);
            d.sourceEvents.push_back(b.events);
        }
        for (int axis : {kTime, kSeq}) {
            d.allocated[axis] = curveOfDeltas(std::move(deltas[axis]));
            d.allocated[axis].buildTree();
            d.reserved[axis].buildTree();
            d.peakAllocated[axis] = peakOf(d.allocated[axis]);
            d.peakReserved[axis] = peakOf(d.reserved[axis]);
        }
        out->push_back(std::move(d));
    }
    return true;
}

bool MemoryTimeline::loadMemScope(const MemScopeSources &sources, QString *error)
{
    *this = MemoryTimeline();
    auto stacks = std::make_shared<MemoryStacks>();
    std::vector<MemoryDevice> devices;
    if (!loadMemScopeMemory(sources, 0, &devices, stacks.get(), error))
        return false;
    if (devices.empty()) {
        *error = QStringLiteral("no MALLOC or FREE rows");
        return false;
    }
    addDevices(std::move(devices));
    std::promise<std::shared_ptr<const MemoryStacks>> ready;
    ready.set_value(std::move(stacks));
    m_stacks = ready.get_future().share();
    return true;
}

} // namespace ts::model

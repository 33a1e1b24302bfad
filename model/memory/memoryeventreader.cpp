#include "memoryeventreader.h"

#include "memory/blobstatement.h"
#include "records/recordformat.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace ts::model {

namespace {

bool isMarker(uint8_t action)
{
    return action < uint8_t(rec::MemAction::Alloc) ||
           action > uint8_t(rec::MemAction::SegmentUnmap);
}

// Device → its events, for the few devices a trace has.
class Devices
{
public:
    std::vector<MemoryEvent> &of(int device) { return entry(device).events; }
    DeviceEvents &entry(int device)
    {
        if (m_last && m_last->device == device)
            return *m_last;
        // m_last is set after every insertion, so it never points into a moved array.
        auto it = std::find_if(m_devices.begin(), m_devices.end(),
                               [device](const DeviceEvents &d) { return d.device == device; });
        if (it == m_devices.end())
            it = m_devices.insert(m_devices.end(), DeviceEvents{device, {}, {}});
        m_last = &*it;
        return *it;
    }
    void reserve(int device, size_t n) { of(device).reserve(n); }
    std::vector<DeviceEvents> take()
    {
        m_last = nullptr;
        return std::move(m_devices);
    }

private:
    std::vector<DeviceEvents> m_devices;
    DeviceEvents *m_last = nullptr;
};

QString damaged(const QString &what)
{
    return QStringLiteral("the cache's packed memory events are damaged (%1): not a usable cache")
        .arg(what);
}

bool hasPackTable(const Database &db)
{
    Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mem_event_pack'");
    return s.ok() && s.step();
}

// The packs, in id order from `firstId`; *nextId is the first id after them.
bool readPacks(const Database &db, int64_t firstId, int64_t lastId, size_t tailBound,
               Devices &devices, int64_t *nextId, QString *error)
{
    // Each device's array is sized once (packs, plus the rows after them), not grown by doubling.
    BlobStatement sizes(db, "SELECT device, sum(count) FROM mem_event_pack GROUP BY device");
    BlobStatement packs(db, "SELECT first_id, device, count, events FROM mem_event_pack "
                            "ORDER BY first_id");
    if (!sizes.ok() || !packs.ok()) {
        *error = db.lastError();
        return false;
    }
    const int64_t rows = lastId - firstId + 1;
    while (sizes.step()) {
        const int64_t device = sizes.int64(0), n = sizes.int64(1);
        if (device < 0 || device >= rec::kMaxDevice || n < 0 || n > rows) {
            *error = damaged(QStringLiteral("device %1 with %2 events").arg(device).arg(n));
            return false;
        }
        devices.reserve(int(device), size_t(n) + tailBound);
    }
    std::vector<MemoryEvent> buffer(static_cast<size_t>(kMaxPackedEvents));
    int64_t next = firstId;
    while (packs.step()) {
        const int64_t first = packs.int64(0), device = packs.int64(1), count = packs.int64(2);
        const std::string_view bytes = packs.blob(3);
        QString bad;
        if (first != next)
            bad = QStringLiteral("a pack starts at row %1 where %2 was expected")
                      .arg(first)
                      .arg(next);
        else if (count < 1 || count > kMaxPackedEvents || count > lastId - first + 1)
            bad = QStringLiteral("a pack of %1 events at row %2").arg(count).arg(first);
        else if (device < 0 || device >= rec::kMaxDevice)
            bad = QStringLiteral("device %1").arg(device);
        else if (bytes.size() != size_t(count) * kPackedEventBytes)
            bad = QStringLiteral("%1 bytes for %2 events").arg(bytes.size()).arg(count);
        else if (!unpackEvents(reinterpret_cast<const unsigned char *>(bytes.data()), size_t(count),
                               buffer.data()))
            bad = QStringLiteral("a record of the pack at row %1 is out of range").arg(first);
        if (!bad.isEmpty()) {
            *error = damaged(bad);
            return false;
        }
        DeviceEvents &to = devices.entry(int(device));
        for (auto e = buffer.begin(); e != buffer.begin() + count; ++e) {
            if (!isMarker(e->action))
                to.events.push_back(*e);
            else if (e->action == uint8_t(rec::MemAction::Oom))
                to.ooms.push_back(*e);
        }
        next = first + count;
    }
    if (packs.failed() || sizes.failed()) {
        *error = db.lastError();
        return false;
    }
    *nextId = next;
    return true;
}

} // namespace

bool readMemoryEvents(const Database &db, std::vector<DeviceEvents> *out, QString *error)
{
    out->clear();
    Statement bounds(db, "SELECT min(id) FROM mem_event");
    Statement last(db, "SELECT max(id) FROM mem_event");
    if (!bounds.ok() || !last.ok()) {
        *error = db.lastError();
        return false;
    }
    if (!bounds.step() || bounds.isNull(0) || !last.step())
        return true; // no events
    const int64_t firstId = bounds.int64(0), lastId = last.int64(0);

    Devices devices;
    int64_t nextId = firstId;
    // Unless the packs cover nearly all rows, their device arrays grow as the rest arrives.
    const size_t tailBound = size_t(std::min<int64_t>(lastId - firstId + 1, kMaxPackedEvents));
    if (hasPackTable(db) && !readPacks(db, firstId, lastId, tailBound, devices, &nextId, error))
        return false;

    // The rows after the last pack (the whole trace in a cache without packs), in table order:
    // the importer writes each device's trace in order; anything else is sorted below.
    BlobStatement rows(db, "SELECT device, seq, action, addr, size, stream, ts, before_trace, "
                           "stack_id FROM mem_event WHERE id >= ?1");
    if (!rows.ok()) {
        *error = db.lastError();
        return false;
    }
    rows.bind(1, nextId);
    while (rows.step()) {
        MemoryEvent e;
        const int64_t action = rows.int64(2);
        if (action < 0 || action > std::numeric_limits<uint8_t>::max())
            continue;
        e.action = uint8_t(action);
        const bool oom = action == int64_t(rec::MemAction::Oom);
        if (isMarker(e.action) && !oom)
            continue; // snapshot: a marker, not memory
        e.seq = rows.int64(1);
        e.addr = uint64_t(rows.int64(3));
        e.size = uint64_t(rows.int64(4));
        e.stream = uint64_t(rows.int64(5));
        if (!rows.isNull(6)) {
            e.time = rows.int64(6);
            e.flags |= kEventTimed;
        }
        if (rows.int64(7) != 0)
            e.flags |= kEventBeforeTrace;
        const int64_t stack = rows.int64(8);
        e.stack = stack > 0 && stack <= std::numeric_limits<uint32_t>::max() ? uint32_t(stack) : 0;
        DeviceEvents &to = devices.entry(int(rows.int64(0)));
        (oom ? to.ooms : to.events).push_back(e);
    }
    if (rows.failed()) {
        *error = db.lastError();
        return false;
    }

    *out = devices.take();
    std::sort(out->begin(), out->end(),
              [](const DeviceEvents &a, const DeviceEvents &b) { return a.device < b.device; });
    const auto bySeq = [](const MemoryEvent &a, const MemoryEvent &b) { return a.seq < b.seq; };
    for (DeviceEvents &d : *out) {
        if (d.events.size() > kMaxDeviceEvents) {
            *error = QStringLiteral("device %1 has more memory events than this version reads")
                         .arg(d.device);
            return false;
        }
        if (!std::is_sorted(d.events.begin(), d.events.end(), bySeq))
            std::stable_sort(d.events.begin(), d.events.end(), bySeq);
    }
    std::erase_if(*out, [](const DeviceEvents &d) { return d.events.empty(); });
    return true;
}

} // namespace ts::model

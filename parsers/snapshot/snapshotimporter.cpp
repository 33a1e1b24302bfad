#include "snapshotimporter.h"

#include "pickle/bytesource.h"
#include "picklejson.h"

#include <optional>

namespace ts::parsers {

namespace {

constexpr uint64_t kProgressStep = 16ull << 20;

const char *typeName(const PickleValue &v)
{
    using T = PickleValue::Type;
    switch (v.type()) {
    case T::Missing:
        return "nothing";
    case T::None:
        return "None";
    case T::Bool:
        return "bool";
    case T::Int:
    case T::UInt64:
    case T::BigInt:
        return "int";
    case T::Float:
        return "float";
    case T::String:
        return "str";
    case T::Bytes:
        return "bytes";
    case T::List:
        return "list";
    case T::Tuple:
        return "tuple";
    case T::Dict:
        return "dict";
    }
    return "?";
}

// A size or count field: a non-negative int up to kMaxMemBytes. Missing gives `dflt` when set.
enum class Field { Ok, Missing, Bad };
Field sizeField(const PickleValue &v, uint64_t &out, std::optional<uint64_t> dflt = {})
{
    if (v.isMissing()) {
        if (!dflt)
            return Field::Missing;
        out = *dflt;
        return Field::Ok;
    }
    const auto u = v.asUInt64();
    if (!u || *u > rec::kMaxMemBytes)
        return Field::Bad;
    out = *u;
    return Field::Ok;
}

// An address or stream: any int that fits in 64 bits unsigned (LONG1 of 9 bytes included).
std::optional<uint64_t> rawU64(const PickleValue &v)
{
    return v.asUInt64();
}

std::optional<int32_t> deviceIndex(const PickleValue &v)
{
    const auto d = v.asInt();
    if (!d || *d < 0 || *d >= rec::kMaxDevice)
        return std::nullopt;
    return int32_t(*d);
}

std::optional<rec::MemAction> actionOf(std::string_view a)
{
    using A = rec::MemAction;
    if (a == "alloc")
        return A::Alloc;
    if (a == "free_requested")
        return A::FreeRequested;
    if (a == "free_completed")
        return A::FreeCompleted;
    if (a == "segment_alloc")
        return A::SegmentAlloc;
    if (a == "segment_free")
        return A::SegmentFree;
    if (a == "segment_map")
        return A::SegmentMap;
    if (a == "segment_unmap")
        return A::SegmentUnmap;
    if (a == "oom")
        return A::Oom;
    if (a == "snapshot")
        return A::Snapshot;
    return std::nullopt;
}

rec::BlockState stateOf(std::string_view s)
{
    if (s == "active_allocated")
        return rec::BlockState::ActiveAllocated;
    if (s == "active_pending_free" || s == "active_awaiting_free")
        return rec::BlockState::ActivePendingFree;
    if (s == "inactive")
        return rec::BlockState::Inactive;
    return rec::BlockState::Unknown;
}

} // namespace

SnapshotImporter::SnapshotImporter(InputSource &source, RecordSink &sink, uint64_t inputSize,
                                   PickleLimits limits)
    : m_source(source), m_sink(sink), m_inputSize(inputSize), m_limits(limits),
      m_stacks(sink, m_skips)
{}

void SnapshotImporter::fail(uint64_t offset, const std::string &message)
{
    m_sink.put(rec::ErrorRec{offset, 0, 0, message});
}

bool SnapshotImporter::run()
{
    InputByteSource bytes(m_source);
    PickleReader reader(m_limits);
    reader.setProgress([this](uint64_t) {
        const uint64_t done = m_source.rawBytesRead();
        if (done >= m_nextProgress) {
            m_nextProgress = done + std::max<uint64_t>(kProgressStep, m_inputSize / 100);
            m_sink.put(rec::ProgressRec{done, m_inputSize, rec::Stage::Reading});
        }
        return !m_sink.failed();
    });
    const std::unique_ptr<PickleDocument> doc = reader.read(bytes);
    if (!doc) {
        const PickleError &e = reader.error();
        fail(e.offset, "not a readable pickle: " + (e.message.empty() ? bytes.error() : e.message));
        return false;
    }
    m_sink.put(rec::ProgressRec{m_source.rawBytesRead(), m_inputSize, rec::Stage::Finishing});
    return importDocument(doc->root());
}

bool SnapshotImporter::importDocument(const PickleValue &root)
{
    if (!root.isDict()) {
        fail(rec::kNoOffset,
             std::string("a pickle, but not a PyTorch memory snapshot: the top level is a ") +
                 typeName(root) + ", not a dict");
        return false;
    }
    const PickleValue segs = root["segments"];
    const PickleValue traces = root["device_traces"];
    if (segs.isMissing() && traces.isMissing()) {
        fail(rec::kNoOffset,
             "a pickle, but not a PyTorch memory snapshot: the top-level dict has neither "
             "\"segments\" nor \"device_traces\"");
        return false;
    }
    for (const auto &[key, value] :
         {std::pair{"segments", segs}, std::pair{"device_traces", traces}}) {
        if (!value.isMissing() && !value.isList()) {
            fail(rec::kNoOffset, std::string("not a valid memory snapshot: \"") + key + "\" is a " +
                                     typeName(value) + ", not a list");
            return false;
        }
        if (value.isMissing())
            m_sink.put(rec::WarningRec{0, std::string("the snapshot has no \"") + key +
                                              "\" key; read as empty"});
    }

    // Which PyTorch generation wrote it: the Memory view words its hints by it.
    const PickleValue firstBlock = segs.at(0)["blocks"].at(0);
    const char *generation = firstBlock.contains("history")           ? "2.0"
                             : root.contains("allocator_settings")    ? "2.5+"
                             : traces.at(0).at(0).contains("time_us") ? "2.2+"
                                                                      : "2.1";
    m_sink.put(rec::MetadataRec{m_sink.intern("snapshot_generation"), generation});
    m_sink.put(
        rec::MetadataRec{m_sink.intern("snapshot_device_traces"), std::to_string(traces.size())});
    allocatorSettings(root["allocator_settings"]);

    segments(segs);
    this->traces(traces);
    annotations(root["external_annotations"]);

    if (m_badTimes)
        m_sink.put(rec::WarningRec{0, std::to_string(m_badTimes) +
                                          " trace entries have an unusable time_us; "
                                          "kept without a time"});
    if (m_unknownStates)
        m_sink.put(rec::WarningRec{0, std::to_string(m_unknownStates) +
                                          " blocks have an unknown state; kept as unknown"});
    m_skips.sendTo(m_sink);
    m_sink.put(rec::ResultRec{m_sink.intern(kFormatName), m_entries});
    return true;
}

void SnapshotImporter::allocatorSettings(const PickleValue &settings)
{
    if (settings.isMissing())
        return;
    std::string json;
    if (!appendJson(settings, json, RecordSink::kMaxJsonBytes)) {
        m_skips.add("allocator_settings too large");
        return;
    }
    m_sink.put(
        rec::MetadataRec{m_sink.intern("allocator_settings"), m_sink.boundedJson(json, m_scratch)});
}

void SnapshotImporter::segments(const PickleValue &list)
{
    for (const PickleValue seg : list.items())
        segment(seg);
}

void SnapshotImporter::segment(const PickleValue &seg)
{
    if (!seg.isDict()) {
        m_skips.add("segment that is not a dict");
        return;
    }
    rec::MemSegmentRec s;
    const auto device = deviceIndex(seg["device"]);
    const auto address = rawU64(seg["address"]);
    if (!device || !address) {
        m_skips.add("segment without a usable device or address");
        return;
    }
    s.device = *device;
    s.address = *address;
    if (sizeField(seg["total_size"], s.totalSize) != Field::Ok ||
        sizeField(seg["allocated_size"], s.allocatedSize, 0) != Field::Ok ||
        sizeField(seg["active_size"], s.activeSize, 0) != Field::Ok ||
        sizeField(seg["requested_size"], s.requestedSize, 0) != Field::Ok) {
        m_skips.add("segment with a missing, negative or absurd size");
        return;
    }
    if (s.address > UINT64_MAX - s.totalSize) {
        m_skips.add("segment that wraps around the address space");
        return;
    }
    s.stream = rawU64(seg["stream"]).value_or(0);
    const std::string_view type = seg["segment_type"].asString().value_or("");
    s.segmentType = type == "large"   ? rec::SegmentType::Large
                    : type == "small" ? rec::SegmentType::Small
                                      : rec::SegmentType::Unknown;
    if (seg["is_expandable"].asBool().value_or(false))
        s.flags |= rec::kSegmentExpandable;
    const PickleValue pool = seg["segment_pool_id"];
    if (pool.isSequence() && pool.size() == 2 && pool.at(0).asInt() && pool.at(1).asInt()) {
        s.flags |= rec::kSegmentHasPoolId;
        s.poolId0 = *pool.at(0).asInt();
        s.poolId1 = *pool.at(1).asInt();
    }
    s.stack = m_stacks.stack(seg["frames"]);
    s.id = m_nextSegment++;
    m_sink.put(s);

    const PickleValue blocks = seg["blocks"];
    if (!blocks.isMissing() && !blocks.isSequence())
        m_skips.add("segment whose blocks are not a list");
    uint64_t offset = 0; // bytes of the blocks before this one (2.0 layout: the address)
    bool offsetKnown = true;
    for (const PickleValue b : blocks.items()) {
        if (!b.isDict()) {
            m_skips.add("block that is not a dict");
            offsetKnown = false;
            continue;
        }
        rec::MemBlockRec r;
        r.segment = s.id;
        const bool sizeOk = sizeField(b["size"], r.size) == Field::Ok;
        const bool requestedOk = sizeField(b["requested_size"], r.requestedSize, 0) == Field::Ok;
        const auto explicitAddress = rawU64(b["address"]);
        const bool haveAddress = explicitAddress || offsetKnown;
        const uint64_t address = explicitAddress ? *explicitAddress : s.address + offset;
        if (sizeOk)
            offset += r.size;
        else
            offsetKnown = false; // later 2.0-layout addresses cannot be known
        if (!sizeOk || !requestedOk) {
            m_skips.add("block with a missing, negative or absurd size");
            continue;
        }
        if (!haveAddress) {
            m_skips.add("block without an address after a bad block");
            continue;
        }
        r.address = address;
        if (r.address < s.address || r.address - s.address > s.totalSize ||
            r.size > s.totalSize - (r.address - s.address)) {
            m_skips.add("block outside its segment");
            continue;
        }
        r.state = stateOf(b["state"].asString().value_or(""));
        if (r.state == rec::BlockState::Unknown)
            ++m_unknownStates;
        PickleValue frames = b["frames"];
        if (frames.isMissing()) {
            const PickleValue history = b["history"];
            if (history.isSequence() && history.size() > 0)
                frames = history.at(history.size() - 1)["frames"];
        }
        r.stack = m_stacks.stack(frames);
        m_sink.put(r);
    }
}

bool SnapshotImporter::timeNs(const PickleValue &timeUs, int64_t &ns) const
{
    ns = -1;
    if (timeUs.isMissing() || timeUs.isNone())
        return true;
    const auto us = timeUs.asInt();
    if (!us || *us <= -rec::kMaxAbsTime / 1000 || *us >= rec::kMaxAbsTime / 1000)
        return false;
    ns = *us * 1000;
    return true;
}

void SnapshotImporter::traces(const PickleValue &list)
{
    int32_t device = 0;
    for (const PickleValue entries : list.items()) {
        if (device >= rec::kMaxDevice) {
            m_skips.add("trace entries of a device index beyond the limit", entries.size());
            m_entries += entries.size();
            continue;
        }
        if (!entries.isSequence()) {
            m_skips.add("device trace that is not a list");
        } else {
            m_liveBlocks.clear();
            m_liveSegments.clear();
            uint64_t sequence = 0;
            for (const PickleValue e : entries.items())
                traceEntry(device, sequence++, e);
        }
        ++device;
    }
}

void SnapshotImporter::traceEntry(int32_t device, uint64_t sequence, const PickleValue &e)
{
    ++m_entries;
    if (m_entries % 65536 == 0)
        m_sink.put(rec::ProgressRec{m_source.rawBytesRead(), m_inputSize, rec::Stage::Finishing});
    if (!e.isDict()) {
        m_skips.add("trace entry that is not a dict");
        return;
    }
    const auto actionText = e["action"].asString();
    const auto action = actionText ? actionOf(*actionText) : std::nullopt;
    if (!action) {
        m_skips.add(actionText ? "trace entry with an unknown action"
                               : "trace entry without an action");
        return;
    }
    rec::MemEventRec r;
    r.device = device;
    r.action = *action;
    r.sequence = sequence;
    const auto addr = rawU64(e["addr"]);
    if (!addr) {
        m_skips.add("trace entry without a usable addr");
        return;
    }
    r.addr = *addr;
    if (sizeField(e["size"], r.size) != Field::Ok) {
        m_skips.add("trace entry with a missing, negative or absurd size");
        return;
    }
    r.stream = rawU64(e["stream"]).value_or(0);
    if (!timeNs(e["time_us"], r.timeNs))
        ++m_badTimes;
    if (r.action == rec::MemAction::Oom)
        sizeField(e["device_free"], r.deviceFree, 0);
    if (const auto category = e["category"].asString(); category && !category->empty())
        r.category = m_sink.intern(*category);

    // A free with no alloc before it in this trace: the block was live when recording began
    // (the ring buffer may also have dropped the alloc). Kept, and flagged for the views.
    using A = rec::MemAction;
    switch (r.action) {
    case A::Alloc:
        m_liveBlocks[r.addr] = false;
        break;
    case A::FreeRequested: {
        const auto [it, inserted] = m_liveBlocks.try_emplace(r.addr, true);
        if (it->second)
            r.flags |= rec::kMemBeforeTrace;
        break;
    }
    case A::FreeCompleted: {
        const auto it = m_liveBlocks.find(r.addr);
        if (it == m_liveBlocks.end() || it->second)
            r.flags |= rec::kMemBeforeTrace;
        if (it != m_liveBlocks.end())
            m_liveBlocks.erase(it);
        break;
    }
    case A::SegmentAlloc:
        m_liveSegments[r.addr] = false;
        break;
    case A::SegmentFree: {
        const auto it = m_liveSegments.find(r.addr);
        if (it == m_liveSegments.end())
            r.flags |= rec::kMemBeforeTrace;
        else
            m_liveSegments.erase(it);
        break;
    }
    default:
        break;
    }
    r.stack = m_stacks.stack(e["frames"]);
    m_sink.put(r);
}

void SnapshotImporter::annotations(const PickleValue &list)
{
    if (list.isMissing())
        return;
    if (!list.isSequence()) {
        m_skips.add("external_annotations that are not a list");
        return;
    }
    for (const PickleValue a : list.items()) {
        const auto stage = a["stage"].asString();
        const auto name = a["name"].asString();
        const auto device = deviceIndex(a["device"]);
        rec::MemAnnotationRec r;
        if (!stage || (*stage != "START" && *stage != "END") || !name || !device ||
            !timeNs(a["time_us"], r.timeNs)) {
            m_skips.add("external annotation without a usable stage, name, device or time");
            continue;
        }
        r.device = *device;
        r.stage = *stage == "START" ? rec::AnnotationStage::Start : rec::AnnotationStage::End;
        r.name = m_sink.intern(*name);
        m_sink.put(r);
    }
}

} // namespace ts::parsers

#include "recordvalidator.h"

#include "utf8.h"

#include <cmath>

namespace ts::model {

using rec::RecordType;

const char *recordTypeName(RecordType type)
{
    switch (type) {
    case RecordType::String:
        return "String";
    case RecordType::Process:
        return "Process";
    case RecordType::Thread:
        return "Thread";
    case RecordType::Track:
        return "Track";
    case RecordType::Slice:
        return "Slice";
    case RecordType::Instant:
        return "Instant";
    case RecordType::Counter:
        return "Counter";
    case RecordType::Flow:
        return "Flow";
    case RecordType::Metadata:
        return "Metadata";
    case RecordType::Progress:
        return "Progress";
    case RecordType::Skipped:
        return "Skipped";
    case RecordType::Warning:
        return "Warning";
    case RecordType::Result:
        return "Result";
    case RecordType::Error:
        return "Error";
    case RecordType::StackFrame:
        return "StackFrame";
    case RecordType::Stack:
        return "Stack";
    case RecordType::MemSegment:
        return "MemSegment";
    case RecordType::MemBlock:
        return "MemBlock";
    case RecordType::MemEvent:
        return "MemEvent";
    case RecordType::MemAnnotation:
        return "MemAnnotation";
    case RecordType::DeviceTask:
        return "DeviceTask";
    case RecordType::Step:
        return "Step";
    case RecordType::MemRecord:
        return "MemRecord";
    case RecordType::OpMemory:
        return "OpMemory";
    case RecordType::MemScopeEvent:
        return "MemScopeEvent";
    case RecordType::CommOp:
        return "CommOp";
    case RecordType::CommLink:
        return "CommLink";
    case RecordType::CommMatrix:
        return "CommMatrix";
    }
    return "unknown";
}

bool RecordValidator::fail(RecordType type, const QString &why)
{
    m_error = QStringLiteral("record %1 (%2): %3")
                  .arg(m_records)
                  .arg(QLatin1String(recordTypeName(type)), why);
    return false;
}

bool RecordValidator::checkNewOrKnown(uint32_t id, uint32_t &count, RecordType type,
                                      const char *what)
{
    if (id >= 1 && id <= count)
        return true; // an update of a known one
    if (id == count + 1) {
        ++count;
        return true;
    }
    return fail(type, QStringLiteral("%1 id %2 is neither known nor the next (%3)")
                          .arg(QLatin1String(what))
                          .arg(id)
                          .arg(count + 1));
}

bool RecordValidator::endpointOk(const rec::FlowEndpoint &e) const
{
    switch (e.bind) {
    case rec::FlowBind::Enclosing:
    case rec::FlowBind::Next:
        return e.track >= 1 && e.track <= m_tracks && timeOk(e.ts);
    case rec::FlowBind::Sequence:
        return e.sequence < m_slices;
    }
    return false;
}

bool RecordValidator::checkMemory(const rec::FrameSplitter::Frame &frame)
{
    const RecordType type = frame.type;
    const auto undecodable = [&] {
        return fail(
            type, QStringLiteral("payload of %1 bytes does not decode").arg(frame.payload.size()));
    };
    const auto deviceOk = [](int32_t d) { return d >= 0 && d < rec::kMaxDevice; };
    switch (type) {
    case RecordType::StackFrame: {
        rec::StackFrameRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.id != m_frames + 1)
            return fail(type,
                        QStringLiteral("frame id %1, expected %2").arg(r.id).arg(m_frames + 1));
        if (!knownString(r.name, false) || !knownString(r.file, false))
            return fail(type, QStringLiteral("unknown string id"));
        ++m_frames;
        return true;
    }
    case RecordType::Stack: {
        rec::StackRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.id != m_stacks + 1)
            return fail(type,
                        QStringLiteral("stack id %1, expected %2").arg(r.id).arg(m_stacks + 1));
        if (r.count() == 0 || r.count() > rec::kMaxStackDepth)
            return fail(type, QStringLiteral("a stack of %1 frames").arg(r.count()));
        for (uint32_t i = 0; i < r.count(); ++i) {
            const uint32_t f = r.frame(i);
            if (f < 1 || f > m_frames)
                return fail(type, QStringLiteral("unknown frame id %1").arg(f));
        }
        ++m_stacks;
        return true;
    }
    case RecordType::MemSegment: {
        rec::MemSegmentRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.id != m_segments.size() + 1)
            return fail(
                type,
                QStringLiteral("segment id %1, expected %2").arg(r.id).arg(m_segments.size() + 1));
        if (!deviceOk(r.device) || uint8_t(r.segmentType) > 2 ||
            (r.flags & ~(rec::kSegmentExpandable | rec::kSegmentHasPoolId)))
            return fail(type, QStringLiteral("device, type or flags out of range"));
        if (r.totalSize > rec::kMaxMemBytes || r.allocatedSize > rec::kMaxMemBytes ||
            r.activeSize > rec::kMaxMemBytes || r.requestedSize > rec::kMaxMemBytes ||
            r.address > UINT64_MAX - r.totalSize)
            return fail(type, QStringLiteral("size out of range"));
        if (!knownStack(r.stack))
            return fail(type, QStringLiteral("unknown stack id %1").arg(r.stack));
        m_segments.emplace_back(r.address, r.totalSize);
        return true;
    }
    case RecordType::MemBlock: {
        rec::MemBlockRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.segment < 1 || r.segment > m_segments.size())
            return fail(type, QStringLiteral("unknown segment id %1").arg(r.segment));
        if (uint8_t(r.state) > 3 || r.size > rec::kMaxMemBytes ||
            r.requestedSize > rec::kMaxMemBytes)
            return fail(type, QStringLiteral("state or size out of range"));
        const auto [base, total] = m_segments[r.segment - 1];
        if (r.address < base || r.address - base > total || r.size > total - (r.address - base))
            return fail(type, QStringLiteral("block outside its segment"));
        if (!knownStack(r.stack))
            return fail(type, QStringLiteral("unknown stack id %1").arg(r.stack));
        return true;
    }
    case RecordType::MemEvent: {
        rec::MemEventRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!deviceOk(r.device) || uint8_t(r.action) < 1 ||
            uint8_t(r.action) > rec::kMaxMemAction || (r.flags & ~rec::kMemBeforeTrace))
            return fail(type, QStringLiteral("device, action or flags out of range"));
        if (r.size > rec::kMaxMemBytes || r.deviceFree > rec::kMaxMemBytes || !memTimeOk(r.timeNs))
            return fail(type, QStringLiteral("size or time out of range"));
        if (!knownStack(r.stack) || !knownString(r.category, true))
            return fail(type, QStringLiteral("unknown stack or string id"));
        return true;
    }
    case RecordType::MemAnnotation: {
        rec::MemAnnotationRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!deviceOk(r.device) || uint8_t(r.stage) < 1 || uint8_t(r.stage) > 2 ||
            !memTimeOk(r.timeNs) || !knownString(r.name, false))
            return fail(type, QStringLiteral("device, stage, time or name out of range"));
        return true;
    }
    default:
        break;
    }
    return fail(type, QStringLiteral("unknown record type"));
}

// A row's other columns: a JSON object text (or nothing), valid UTF-8 and of bounded size so
// one row cannot bloat the cache. The app does not parse it here: the readers that show it do,
// and treat a malformed one as absent.
bool RecordValidator::jsonObjectOk(std::string_view json)
{
    if (json.empty())
        return true;
    return json.size() <= kMaxColumnsJsonBytes && json.front() == '{' && json.back() == '}' &&
           isValidUtf8(json);
}

bool RecordValidator::checkAscend(const rec::FrameSplitter::Frame &frame)
{
    const RecordType type = frame.type;
    const auto undecodable = [&] {
        return fail(
            type, QStringLiteral("payload of %1 bytes does not decode").arg(frame.payload.size()));
    };
    // -1: the source names no device; a real one is an NPU index.
    const auto deviceOk = [](int32_t d) { return d >= -1 && d < rec::kMaxDevice; };
    // -1: not recorded. Compared without b + 1, which overflows for INT64_MAX.
    const auto sizeOk = [](int64_t b) {
        return b == -1 || (b >= 0 && uint64_t(b) < rec::kMaxMemBytes);
    };
    switch (type) {
    case RecordType::DeviceTask: {
        rec::DeviceTaskRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!deviceOk(r.device) || uint8_t(r.kind) > rec::kMaxTaskKind)
            return fail(
                type,
                QStringLiteral("device %1 or kind %2 out of range").arg(r.device).arg(int(r.kind)));
        if (!timeOk(r.ts) || !timeOk(r.dur) || r.dur < -1 || !memTimeOk(r.wait) || r.wait < -1)
            return fail(type, QStringLiteral("time out of range (ts %1, dur %2, wait %3)")
                                  .arg(r.ts)
                                  .arg(r.dur)
                                  .arg(r.wait));
        if (r.stream < -1 || r.taskId < -1)
            return fail(
                type,
                QStringLiteral("stream %1 or task id %2 out of range").arg(r.stream).arg(r.taskId));
        if (!knownString(r.name, true) || !knownString(r.opType, true) ||
            !knownString(r.core, true))
            return fail(type, QStringLiteral("unknown string id"));
        if (!jsonObjectOk(r.columns))
            return fail(type, QStringLiteral("columns are not a bounded UTF-8 JSON object"));
        return true;
    }
    case RecordType::Step: {
        rec::StepRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.step < -1 || !deviceOk(r.device) || !memTimeOk(r.startNs) || !memTimeOk(r.endNs) ||
            (r.startNs != -1 && r.endNs != -1 && r.endNs < r.startNs))
            return fail(type, QStringLiteral("step %1, device %2 or times out of range")
                                  .arg(r.step)
                                  .arg(r.device));
        if (!jsonObjectOk(r.metrics))
            return fail(type, QStringLiteral("metrics are not a bounded UTF-8 JSON object"));
        return true;
    }
    case RecordType::MemRecord: {
        rec::MemRecordRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!deviceOk(r.device) || !timeOk(r.ts))
            return fail(
                type, QStringLiteral("device %1 or time %2 out of range").arg(r.device).arg(r.ts));
        if (!sizeOk(r.allocated) || !sizeOk(r.reserved) || !sizeOk(r.active))
            return fail(type, QStringLiteral("size out of range"));
        if (!knownString(r.component, false))
            return fail(type, QStringLiteral("unknown component string id %1").arg(r.component));
        return true;
    }
    case RecordType::OpMemory: {
        rec::OpMemoryRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!deviceOk(r.device))
            return fail(type, QStringLiteral("device %1 out of range").arg(r.device));
        // A negative size is a release whose allocation fell before the window.
        if (r.size <= -int64_t(rec::kMaxMemBytes) || r.size >= int64_t(rec::kMaxMemBytes))
            return fail(type, QStringLiteral("size %1 out of range").arg(r.size));
        if (!memTimeOk(r.allocTs) || !memTimeOk(r.releaseTs) || !memTimeOk(r.activeReleaseTs) ||
            r.allocTs < -1 || r.releaseTs < -1 || r.activeReleaseTs < -1)
            return fail(type, QStringLiteral("time out of range"));
        if (!knownString(r.name, false))
            return fail(type, QStringLiteral("unknown name string id %1").arg(r.name));
        return true;
    }
    default:
        break;
    }
    return fail(type, QStringLiteral("unknown record type"));
}

bool RecordValidator::check(const rec::FrameSplitter::Frame &frame)
{
    ++m_records;
    const RecordType type = frame.type;
    if (m_finished)
        return fail(type, QStringLiteral("a record after the final Result or Error"));
    const auto undecodable = [&] {
        return fail(
            type, QStringLiteral("payload of %1 bytes does not decode").arg(frame.payload.size()));
    };
    switch (type) {
    case RecordType::String: {
        rec::StringRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.id != m_strings + 1)
            return fail(type,
                        QStringLiteral("string id %1, expected %2").arg(r.id).arg(m_strings + 1));
        if (r.text.size() > rec::kMaxStringBytes)
            return fail(type,
                        QStringLiteral("string of %1 bytes is over the limit").arg(r.text.size()));
        if (!isValidUtf8(r.text))
            return fail(type, QStringLiteral("string %1 is not valid UTF-8").arg(r.id));
        ++m_strings;
        return true;
    }
    case RecordType::Process: {
        rec::ProcessRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!knownString(r.name, true) || !knownString(r.label, true))
            return fail(type, QStringLiteral("unknown string id"));
        return checkNewOrKnown(r.id, m_processes, type, "process");
    }
    case RecordType::Thread: {
        rec::ThreadRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.process < 1 || r.process > m_processes)
            return fail(type, QStringLiteral("unknown process id %1").arg(r.process));
        if (!knownString(r.name, true))
            return fail(type, QStringLiteral("unknown string id"));
        return checkNewOrKnown(r.id, m_threads, type, "thread");
    }
    case RecordType::Track: {
        rec::TrackRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (uint8_t(r.kind) < 1 || uint8_t(r.kind) > 4 || (r.flags & ~rec::kTrackDerived))
            return fail(type, QStringLiteral("kind %1 / flags %2 out of range")
                                  .arg(int(r.kind))
                                  .arg(int(r.flags)));
        if (r.process > m_processes || r.thread > m_threads || !knownString(r.name, true))
            return fail(type, QStringLiteral("unknown process, thread or string id"));
        if (r.kind == rec::TrackKind::Thread && r.thread == 0)
            return fail(type, QStringLiteral("a thread track without a thread"));
        return checkNewOrKnown(r.id, m_tracks, type, "track");
    }
    case RecordType::Slice: {
        rec::SliceRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.track < 1 || r.track > m_tracks)
            return fail(type, QStringLiteral("unknown track id %1").arg(r.track));
        if (!timeOk(r.ts) || !timeOk(r.dur) || r.dur < 0)
            return fail(type,
                        QStringLiteral("time out of range (ts %1, dur %2)").arg(r.ts).arg(r.dur));
        if (!knownString(r.name, false) || !knownString(r.category, true))
            return fail(type, QStringLiteral("unknown string id"));
        if (!isValidUtf8(r.args))
            return fail(type, QStringLiteral("args are not valid UTF-8"));
        ++m_slices;
        return true;
    }
    case RecordType::Instant: {
        rec::InstantRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.track < 1 || r.track > m_tracks || !timeOk(r.ts) || uint8_t(r.scope) > 2)
            return fail(type, QStringLiteral("bad track, time or scope"));
        if (!knownString(r.name, false) || !knownString(r.category, true))
            return fail(type, QStringLiteral("unknown string id"));
        if (!isValidUtf8(r.args))
            return fail(type, QStringLiteral("args are not valid UTF-8"));
        return true;
    }
    case RecordType::Counter: {
        rec::CounterRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.track < 1 || r.track > m_tracks || !timeOk(r.ts) || !std::isfinite(r.value))
            return fail(type, QStringLiteral("bad track, time or value"));
        return true;
    }
    case RecordType::Flow: {
        rec::FlowRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!endpointOk(r.out) || !endpointOk(r.in))
            return fail(type, QStringLiteral("flow endpoint names no known track or slice"));
        if (!knownString(r.name, true) || !knownString(r.category, true))
            return fail(type, QStringLiteral("unknown string id"));
        return true;
    }
    case RecordType::Metadata: {
        rec::MetadataRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!knownString(r.key, false) || !isValidUtf8(r.value))
            return fail(type, QStringLiteral("unknown key or value not UTF-8"));
        return true;
    }
    case RecordType::Progress: {
        rec::ProgressRec r;
        if (!rec::decode(frame.payload, r) || uint8_t(r.stage) > 1)
            return undecodable();
        return true;
    }
    case RecordType::Skipped: {
        rec::SkippedRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!knownString(r.reason, false))
            return fail(type, QStringLiteral("unknown reason string"));
        // The cache sums the counts; a sum that wraps would report a lie.
        if (r.count > UINT64_MAX - m_skipped)
            return fail(type, QStringLiteral("skipped counts overflow"));
        m_skipped += r.count;
        return true;
    }
    case RecordType::Warning: {
        rec::WarningRec r;
        if (!rec::decode(frame.payload, r) || !isValidUtf8(r.message))
            return undecodable();
        return true;
    }
    case RecordType::Result: {
        rec::ResultRec r;
        if (!rec::decode(frame.payload, r) || !knownString(r.format, false))
            return undecodable();
        m_finished = true;
        return true;
    }
    case RecordType::Error: {
        rec::ErrorRec r;
        if (!rec::decode(frame.payload, r) || !isValidUtf8(r.message))
            return undecodable();
        m_finished = true;
        return true;
    }
    case RecordType::StackFrame:
    case RecordType::Stack:
    case RecordType::MemSegment:
    case RecordType::MemBlock:
    case RecordType::MemEvent:
    case RecordType::MemAnnotation:
        return checkMemory(frame);
    case RecordType::DeviceTask:
    case RecordType::Step:
    case RecordType::MemRecord:
    case RecordType::OpMemory:
        return checkAscend(frame);
    case RecordType::MemScopeEvent:
        return checkMemScope(frame);
    case RecordType::CommOp:
    case RecordType::CommLink:
    case RecordType::CommMatrix:
        return checkCommunication(frame);
    }
    return fail(type, QStringLiteral("unknown record type"));
}

} // namespace ts::model

#include "recordvalidator.h"

#include "utf8.h"

#include <cmath>

namespace ts::model {

using rec::RecordType;

const char *recordTypeName(RecordType type)
{
    switch (type) {
    case RecordType::String: return "String";
    case RecordType::Process: return "Process";
    case RecordType::Thread: return "Thread";
    case RecordType::Track: return "Track";
    case RecordType::Slice: return "Slice";
    case RecordType::Instant: return "Instant";
    case RecordType::Counter: return "Counter";
    case RecordType::Flow: return "Flow";
    case RecordType::Metadata: return "Metadata";
    case RecordType::Progress: return "Progress";
    case RecordType::Skipped: return "Skipped";
    case RecordType::Warning: return "Warning";
    case RecordType::Result: return "Result";
    case RecordType::Error: return "Error";
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

bool RecordValidator::check(const rec::FrameSplitter::Frame &frame)
{
    ++m_records;
    const RecordType type = frame.type;
    if (m_finished)
        return fail(type, QStringLiteral("a record after the final Result or Error"));
    const auto undecodable = [&] {
        return fail(type, QStringLiteral("payload of %1 bytes does not decode")
                              .arg(frame.payload.size()));
    };
    switch (type) {
    case RecordType::String: {
        rec::StringRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (r.id != m_strings + 1)
            return fail(type, QStringLiteral("string id %1, expected %2").arg(r.id).arg(m_strings + 1));
        if (r.text.size() > rec::kMaxStringBytes)
            return fail(type, QStringLiteral("string of %1 bytes is over the limit").arg(r.text.size()));
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
                                  .arg(int(r.kind)).arg(int(r.flags)));
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
            return fail(type, QStringLiteral("time out of range (ts %1, dur %2)").arg(r.ts).arg(r.dur));
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
    }
    return fail(type, QStringLiteral("unknown record type"));
}

} // namespace ts::model

// RecordValidator's checks of the msMemScope family (memscoperecords.h), apart from the others
// so each family's rules read in one place.
#include "recordvalidator.h"

namespace ts::model {

bool RecordValidator::checkMemScope(const rec::FrameSplitter::Frame &frame)
{
    const rec::RecordType type = frame.type;
    rec::MemScopeEventRec r;
    if (!rec::decode(frame.payload, r))
        return fail(
            type, QStringLiteral("payload of %1 bytes does not decode").arg(frame.payload.size()));
    if (r.device < rec::kMemScopeHost || r.device >= rec::kMaxDevice)
        return fail(type, QStringLiteral("device %1 out of range").arg(r.device));
    if (uint8_t(r.kind) > rec::kMaxMemScopeKind ||
        (r.flags & ~(rec::kMemScopeHasPtr | rec::kMemScopeHasSize)))
        return fail(
            type,
            QStringLiteral("kind %1 or flags %2 out of range").arg(int(r.kind)).arg(int(r.flags)));
    if (!timeOk(r.ts))
        return fail(type, QStringLiteral("time %1 out of range").arg(r.ts));
    // Compared without negating INT64_MIN.
    if (r.size <= -int64_t(rec::kMaxMemBytes) || r.size >= int64_t(rec::kMaxMemBytes))
        return fail(type, QStringLiteral("size %1 out of range").arg(r.size));
    if (r.pid < -1 || r.tid < -1 || r.rowId < -1)
        return fail(type, QStringLiteral("process, thread or row id below -1"));
    if (!knownString(r.event, false) || !knownString(r.eventType, true) ||
        !knownString(r.name, true) || !knownString(r.owner, true) ||
        !knownString(r.pyStack, true) || !knownString(r.cStack, true))
        return fail(type, QStringLiteral("unknown string id"));
    if (!jsonObjectOk(r.attr))
        return fail(type, QStringLiteral("attr is not a bounded UTF-8 JSON object"));
    return true;
}

} // namespace ts::model

// RecordValidator's checks of the communication family (commrecords.h), apart from the others so
// each family's rules read in one place.
#include "recordvalidator.h"

#include <cmath>

namespace ts::model {

namespace {

// -1: the source has none; otherwise a duration within the time bound.
bool durationOk(int64_t d)
{
    return d == -1 || (d >= 0 && d < rec::kMaxAbsTime);
}
bool sizeOk(int64_t b)
{
    return b == -1 || (b >= 0 && uint64_t(b) < rec::kMaxMemBytes);
}
bool ratioOk(double r)
{
    return r == -1 || (r >= 0 && r <= 1);
}
// GB/s: a link faster than a petabyte per second is no measurement.
bool bandwidthOk(double b)
{
    return b == -1 || (std::isfinite(b) && b >= 0 && b < 1e6);
}

} // namespace

bool RecordValidator::checkCommunication(const rec::FrameSplitter::Frame &frame)
{
    const rec::RecordType type = frame.type;
    const auto undecodable = [&] {
        return fail(
            type, QStringLiteral("payload of %1 bytes does not decode").arg(frame.payload.size()));
    };
    const auto keyOk = [this](const rec::CommKey &k) {
        return k.rank >= -1 && knownString(k.step, false) && knownString(k.scope, false) &&
               knownString(k.op, false) && knownString(k.group, true);
    };
    switch (type) {
    case rec::RecordType::CommOp: {
        rec::CommOpRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!keyOk(r.key))
            return fail(type,
                        QStringLiteral("rank %1 or a string id out of range").arg(r.key.rank));
        if ((r.startNs != -1 && !timeOk(r.startNs)) || !durationOk(r.elapse) ||
            !durationOk(r.transit) || !durationOk(r.wait) || !durationOk(r.sync) ||
            !durationOk(r.idle))
            return fail(type, QStringLiteral("time out of range"));
        if (!ratioOk(r.waitRatio) || !ratioOk(r.syncRatio))
            return fail(type, QStringLiteral("ratio out of range"));
        return true;
    }
    case rec::RecordType::CommLink: {
        rec::CommLinkRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!keyOk(r.key) || !knownString(r.link, false))
            return fail(type,
                        QStringLiteral("rank %1 or a string id out of range").arg(r.key.rank));
        if (!sizeOk(r.size) || !durationOk(r.time) || !bandwidthOk(r.bandwidth) ||
            !ratioOk(r.largePacketRatio))
            return fail(type, QStringLiteral("size, time, bandwidth or ratio out of range"));
        if (!jsonObjectOk(r.distribution))
            return fail(type, QStringLiteral("distribution is not a bounded UTF-8 JSON object"));
        return true;
    }
    case rec::RecordType::CommMatrix: {
        rec::CommMatrixRec r;
        if (!rec::decode(frame.payload, r))
            return undecodable();
        if (!keyOk(r.key) || r.srcRank < 0 || r.dstRank < 0 || !knownString(r.transport, false) ||
            !knownString(r.opName, true))
            return fail(type, QStringLiteral("rank or a string id out of range"));
        if (!sizeOk(r.size) || !durationOk(r.time) || !bandwidthOk(r.bandwidth))
            return fail(type, QStringLiteral("size, time or bandwidth out of range"));
        return true;
    }
    default:
        break;
    }
    return fail(type, QStringLiteral("unknown record type"));
}

} // namespace ts::model

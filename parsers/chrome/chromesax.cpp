#include "chromesax.h"

namespace ts::parsers {

void ChromeSax::beginCapture(Capture what)
{
    m_capture = what;
    m_captureDepth = 0;
    if (what == Capture::RootMember) {
        m_buffer.Clear();
        m_writer.Reset(m_buffer);
    } else if (what == Capture::Args) {
        m_stream.beginRaw(m_argsCap); // the '{' is the next byte to be taken
        // The events whose meaning is in their args, when what they are is known already.
        m_collectScalars = m_event.ph == 'C' || m_event.ph == 'M' || m_event.name == "[memory]";
        m_event.scalars.clear();
    }
}

namespace {

// The first n bytes of p as a little-endian integer, and the same of a literal: keys compare
// as one integer each instead of through memcmp (this runs for every key of every event).
template <size_t N> uint64_t word(const char *p)
{
    uint64_t w = 0;
    for (size_t i = 0; i < N; ++i)
        w |= uint64_t(uint8_t(p[i])) << (8 * i);
    return w;
}
template <size_t N> constexpr uint64_t lit(const char (&s)[N])
{
    uint64_t w = 0;
    for (size_t i = 0; i + 1 < N; ++i)
        w |= uint64_t(uint8_t(s[i])) << (8 * i);
    return w;
}

} // namespace

ChromeSax::Field ChromeSax::fieldOf(std::string_view k)
{
    const char *p = k.data();
    switch (k.size()) {
    case 1:
        return p[0] == 's' ? Field::Scope : Field::Other;
    case 2:
        switch (word<2>(p)) {
        case lit("ph"):
            return Field::Ph;
        case lit("ts"):
            return Field::Ts;
        case lit("id"):
            return Field::Id;
        case lit("bp"):
            return Field::Bp;
        default:
            return Field::Other;
        }
    case 3:
        switch (word<3>(p)) {
        case lit("pid"):
            return Field::Pid;
        case lit("tid"):
            return Field::Tid;
        case lit("dur"):
            return Field::Dur;
        case lit("cat"):
            return Field::Cat;
        default:
            return Field::Other;
        }
    case 4:
        switch (word<4>(p)) {
        case lit("name"):
            return Field::Name;
        case lit("args"):
            return Field::Args;
        default:
            return Field::Other;
        }
    case 7:
        switch (word<7>(p)) {
        case lit("bind_id"):
            return Field::BindId;
        case lit("flow_in"):
            return Field::FlowIn;
        default:
            return Field::Other;
        }
    case 8:
        return word<8>(p) == lit("flow_out") ? Field::FlowOut : Field::Other;
    default:
        return Field::Other;
    }
}

bool ChromeSax::Key(const char *s, rapidjson::SizeType n, bool)
{
    if (m_capture != Capture::None) {
        if (writing())
            m_writer.Key(s, n);
        else if (m_collectScalars && m_captureDepth == 1)
            m_argKey.assign(s, n);
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1)
        m_field = fieldOf({s, n});
    else
        m_key.assign(s, n);
    return true;
}

void ChromeSax::setEventField(std::string_view text, bool isString)
{
    switch (m_field) {
    case Field::Ph:
        m_event.hasPh = !text.empty();
        m_event.ph = text.size() == 1 ? text[0] : '?';
        break;
    case Field::Ts:
        m_event.ts = microsTextToNs(text);
        m_event.hasTs = true;
        break;
    case Field::Dur:
        m_event.dur = microsTextToNs(text);
        m_event.hasDur = true;
        break;
    case Field::Pid:
        m_event.pid.set(text, isString);
        break;
    case Field::Tid:
        m_event.tid.set(text, isString);
        break;
    case Field::Name:
        m_event.name.assign(text);
        m_event.hasName = true;
        break;
    case Field::Cat:
        m_event.cat.assign(text);
        break;
    case Field::Id:
        m_event.id.assign(text);
        m_event.hasId = true;
        break;
    case Field::Bp:
        m_event.bp.assign(text);
        break;
    case Field::Scope:
        m_event.scope.assign(text);
        break;
    case Field::BindId:
        m_event.bindId.assign(text);
        m_event.hasBindId = true;
        break;
    default:
        break;
    }
}

bool ChromeSax::scalar(std::string_view text, bool isString, bool isNull)
{
    if (m_capture != Capture::None) {
        if (writing()) {
            if (isNull)
                m_writer.Null();
            else if (isString)
                m_writer.String(text.data(), rapidjson::SizeType(text.size()));
            else
                m_writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
        } else if (m_collectScalars && m_captureDepth == 1 && !isNull) {
            m_event.scalars.add(m_argKey, text, isString);
        }
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1) {
        if (!isNull)
            setEventField(text, isString);
        return true;
    }
    if (m_eventsDepth && m_depth == m_eventsDepth) {
        m_onNonObjectEvent();
        return true;
    }
    if (m_rootIsObject && m_depth == 1 && !isNull)
        m_onMember(m_key, std::string(text), isString);
    return true;
}

bool ChromeSax::boolean(bool b)
{
    if (m_capture != Capture::None) {
        if (writing())
            m_writer.Bool(b);
        else if (m_collectScalars && m_captureDepth == 1)
            m_event.scalars.add(m_argKey, b ? "true" : "false", false);
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1) {
        if (m_field == Field::FlowIn)
            m_event.flowIn = b;
        else if (m_field == Field::FlowOut)
            m_event.flowOut = b;
        return true;
    }
    if (m_eventsDepth && m_depth == m_eventsDepth) {
        m_onNonObjectEvent();
        return true;
    }
    if (m_rootIsObject && m_depth == 1)
        m_onMember(m_key, b ? "true" : "false", false);
    return true;
}

bool ChromeSax::start(bool object)
{
    if (m_capture != Capture::None) {
        ++m_captureDepth;
        if (m_captureDepth > kMaxArgsDepth) {
            if (m_capture == Capture::Args)
                m_event.argsTooDeep = true;
        } else if (writing()) {
            object ? m_writer.StartObject() : m_writer.StartArray();
        }
        return true;
    }
    if (m_depth == 0) {
        m_rootIsObject = object;
        if (!object) {
            m_eventsDepth = 1;
            m_sawEvents = true;
        }
        m_depth = 1;
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1) {
        beginCapture(object && m_field == Field::Args ? Capture::Args : Capture::Discard);
        return start(object);
    }
    if (m_eventsDepth && m_depth == m_eventsDepth) {
        if (object) {
            m_inEvent = true;
            m_event.clear();
            ++m_depth;
        } else {
            m_onNonObjectEvent();
            beginCapture(Capture::Discard);
            return start(object);
        }
        return true;
    }
    if (m_rootIsObject && m_depth == 1) {
        if (!object && m_key == "traceEvents") {
            m_depth = 2;
            m_eventsDepth = 2;
            m_sawEvents = true;
            return true;
        }
        beginCapture(Capture::RootMember);
        return start(object);
    }
    // Anything else (e.g. nested inside an unexpected place) is read and dropped.
    beginCapture(Capture::Discard);
    return start(object);
}

bool ChromeSax::finish(bool object, rapidjson::SizeType members)
{
    if (m_capture != Capture::None) {
        if (m_captureDepth <= kMaxArgsDepth && writing())
            object ? m_writer.EndObject() : m_writer.EndArray();
        if (--m_captureDepth > 0)
            return true;
        const Capture done = m_capture;
        m_capture = Capture::None;
        if (done == Capture::Args) {
            m_event.hasScalars = m_collectScalars;
            m_collectScalars = false;
            uint64_t size = 0;
            const std::string_view text = m_stream.endRaw(&size); // the '}' is still to come
            // An empty object is no args at all, as it was when args were re-serialised. The
            // check on the braces guards against a RapidJSON that calls its handler at another
            // point of the stream (the tests would say so; the cache never gets a broken text).
            if (!m_event.argsTooDeep && members > 0) {
                if (size > m_argsCap)
                    m_event.argsTooLong = size;
                else if (text.size() >= 2 && text.front() == '{' && text.back() == '}')
                    m_event.args.assign(text);
            }
        } else if (done == Capture::RootMember) {
            m_onMember(m_key, std::string(m_buffer.GetString(), m_buffer.GetSize()), false);
        }
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1) {
        m_inEvent = false;
        --m_depth;
        m_onEvent(m_event);
        return true;
    }
    if (m_eventsDepth && m_depth == m_eventsDepth) {
        m_eventsDepth = 0; // the events array closed; root members may follow
        --m_depth;
        return true;
    }
    --m_depth;
    return true;
}

} // namespace ts::parsers

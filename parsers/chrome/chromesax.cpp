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
    }
}

bool ChromeSax::Key(const char *s, rapidjson::SizeType n, bool)
{
    if (m_capture != Capture::None) {
        if (writing())
            m_writer.Key(s, n);
        return true;
    }
    m_key.assign(s, n);
    return true;
}

void ChromeSax::setEventField(std::string_view text, bool isString)
{
    // Dispatch on length first: one compare per event field instead of a chain of them.
    const std::string_view k = m_key;
    switch (k.size()) {
    case 1:
        if (k == "s")
            m_event.scope.assign(text);
        break;
    case 2:
        if (k == "ph") {
            m_event.hasPh = !text.empty();
            m_event.ph = text.size() == 1 ? text[0] : '?';
        } else if (k == "ts") {
            m_event.ts.assign(text);
            m_event.hasTs = true;
        } else if (k == "id") {
            m_event.id.assign(text);
            m_event.hasId = true;
        } else if (k == "bp") {
            m_event.bp.assign(text);
        }
        break;
    case 3:
        if (k == "pid") {
            m_event.pid.set(text, isString);
        } else if (k == "tid") {
            m_event.tid.set(text, isString);
        } else if (k == "dur") {
            m_event.dur.assign(text);
            m_event.hasDur = true;
        } else if (k == "cat") {
            m_event.cat.assign(text);
        }
        break;
    case 4:
        if (k == "name") {
            m_event.name.assign(text);
            m_event.hasName = true;
        }
        break;
    case 7:
        if (k == "bind_id") {
            m_event.bindId.assign(text);
            m_event.hasBindId = true;
        }
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
        return true;
    }
    if (m_inEvent && m_depth == m_eventsDepth + 1) {
        if (m_key == "flow_in")
            m_event.flowIn = b;
        else if (m_key == "flow_out")
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
        beginCapture(object && m_key == "args" ? Capture::Args : Capture::Discard);
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

#include "chromesax.h"

namespace ts::parsers {

namespace {
constexpr size_t kMaxArgScalars = 64;
}

void ChromeSax::beginCapture(Capture what)
{
    m_capture = what;
    m_captureDepth = 0;
    m_captureKey.clear();
    if (what == Capture::RootMember)
        m_rootScalars.argScalarCount = 0;
    m_buffer.Clear();
    m_writer.Reset(m_buffer);
}

bool ChromeSax::Key(const char *s, rapidjson::SizeType n, bool)
{
    if (m_capture != Capture::None) {
        if (m_captureDepth == 1)
            m_captureKey.assign(s, n);
        if (m_capture != Capture::Discard && m_captureDepth <= kMaxArgsDepth)
            m_writer.Key(s, n);
        return true;
    }
    m_key.assign(s, n);
    return true;
}

void ChromeSax::noteCapturedScalar(std::string_view text, bool isString)
{
    if (m_captureDepth != 1)
        return;
    ChromeEvent &target = m_capture == Capture::Args ? m_event : m_rootScalars;
    if (target.argScalarCount >= kMaxArgScalars)
        return;
    if (target.argScalars.size() <= target.argScalarCount)
        target.argScalars.emplace_back();
    ScalarMember &m = target.argScalars[target.argScalarCount++];
    m.key = m_captureKey;
    m.value.assign(text);
    m.isString = isString;
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
            m_event.pid = isString ? TraceId::fromString(text) : TraceId::fromNumberText(text);
        } else if (k == "tid") {
            m_event.tid = isString ? TraceId::fromString(text) : TraceId::fromNumberText(text);
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
        if (m_capture != Capture::Discard && m_captureDepth <= kMaxArgsDepth) {
            if (isNull)
                m_writer.Null();
            else if (isString)
                m_writer.String(text.data(), rapidjson::SizeType(text.size()));
            else
                m_writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
        }
        if (!isNull)
            noteCapturedScalar(text, isString);
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
        m_onMember(m_key, std::string(text), isString, ChromeEvent{});
    return true;
}

bool ChromeSax::boolean(bool b)
{
    if (m_capture != Capture::None) {
        if (m_capture != Capture::Discard && m_captureDepth <= kMaxArgsDepth)
            m_writer.Bool(b);
        noteCapturedScalar(b ? "true" : "false", false);
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
        m_onMember(m_key, b ? "true" : "false", false, ChromeEvent{});
    return true;
}

bool ChromeSax::start(bool object)
{
    if (m_capture != Capture::None) {
        ++m_captureDepth;
        if (m_captureDepth > kMaxArgsDepth) {
            if (m_capture == Capture::Args)
                m_event.argsTooDeep = true;
        } else if (m_capture != Capture::Discard) {
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

bool ChromeSax::finish(bool object)
{
    if (m_capture != Capture::None) {
        if (m_captureDepth <= kMaxArgsDepth && m_capture != Capture::Discard)
            object ? m_writer.EndObject() : m_writer.EndArray();
        if (--m_captureDepth > 0)
            return true;
        const Capture done = m_capture;
        m_capture = Capture::None;
        if (done == Capture::Args && !m_event.argsTooDeep)
            m_event.args.assign(m_buffer.GetString(), m_buffer.GetSize());
        else if (done == Capture::RootMember)
            m_onMember(m_key, std::string(m_buffer.GetString(), m_buffer.GetSize()), false,
                       m_rootScalars);
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

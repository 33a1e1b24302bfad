#pragma once
// The structural half of the Chrome trace reader: a RapidJSON SAX handler that finds the events
// (in {"traceEvents": [...]} with keys in any order, or a bare array), collects each event's
// fields into a ChromeEvent, re-serialises "args" as compact JSON (to depth kMaxArgsDepth), and
// hands top-level members over as metadata. What events mean is ChromeImporter's business.

#include "chromeevent.h"

#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <string>

namespace ts::parsers {

class ChromeSax
{
public:
    static constexpr int kMaxArgsDepth = 64;
    using EventSink = std::function<void(ChromeEvent &)>;
    // key, value as JSON text (strings without quotes), top-level scalars of an object value
    using MemberSink = std::function<void(const std::string &, const std::string &, bool isString,
                                          const ChromeEvent &scalars)>;

    ChromeSax(EventSink onEvent, MemberSink onMember, std::function<void()> onNonObjectEvent)
        : m_onEvent(std::move(onEvent)), m_onMember(std::move(onMember)),
          m_onNonObjectEvent(std::move(onNonObjectEvent))
    {
    }

    bool sawEventsArray() const { return m_sawEvents; }

    // RapidJSON handler interface.
    bool Null() { return scalar("null", false, true); }
    bool Bool(bool b) { return boolean(b); }
    bool Int(int) { return true; }
    bool Uint(unsigned) { return true; }
    bool Int64(int64_t) { return true; }
    bool Uint64(uint64_t) { return true; }
    bool Double(double) { return true; }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool) { return scalar({s, n}, false, false); }
    bool String(const char *s, rapidjson::SizeType n, bool) { return scalar({s, n}, true, false); }
    bool Key(const char *s, rapidjson::SizeType n, bool);
    bool StartObject() { return start(true); }
    bool EndObject(rapidjson::SizeType) { return finish(true); }
    bool StartArray() { return start(false); }
    bool EndArray(rapidjson::SizeType) { return finish(false); }

private:
    enum class Capture { None, Args, RootMember, Discard };

    bool scalar(std::string_view text, bool isString, bool isNull);
    bool boolean(bool b);
    bool start(bool object);
    bool finish(bool object);
    void setEventField(std::string_view text, bool isString);
    void noteCapturedScalar(std::string_view text, bool isString);
    void beginCapture(Capture what);

    EventSink m_onEvent;
    MemberSink m_onMember;
    std::function<void()> m_onNonObjectEvent;

    int m_depth = 0;           // nesting of the value being read; the root value is depth 1
    bool m_rootIsObject = false;
    int m_eventsDepth = 0;     // depth of the events array, 0 until found
    bool m_sawEvents = false;
    bool m_inEvent = false;
    std::string m_key;         // last key at the event level or the root level
    std::string m_captureKey;  // last key at depth 1 inside a capture

    Capture m_capture = Capture::None;
    int m_captureDepth = 0;
    rapidjson::StringBuffer m_buffer;
    rapidjson::Writer<rapidjson::StringBuffer> m_writer;
    ChromeEvent m_event;
    ChromeEvent m_rootScalars; // top-level scalars of a root member object (distributedInfo)
};

} // namespace ts::parsers

#pragma once
// The structural half of the Chrome trace reader: a RapidJSON SAX handler that finds the events
// (in {"traceEvents": [...]} with keys in any order, or a bare array), collects each event's
// fields into a ChromeEvent, keeps "args" as the text it was written as (JsonStream's raw
// capture, to depth kMaxArgsDepth), and hands top-level members over as metadata (objects and
// arrays re-serialised compactly: they are few). What events mean is ChromeImporter's business.

#include "chromeevent.h"
#include "jsonstream.h"

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
    // key, value as JSON text (strings without quotes)
    using MemberSink = std::function<void(const std::string &, const std::string &, bool isString)>;

    // `stream` is the one the reader parses: "args" texts are captured from it. An args text
    // longer than argsCap is not kept (the event says how long it was).
    ChromeSax(JsonStream &stream, size_t argsCap, EventSink onEvent, MemberSink onMember,
              std::function<void()> onNonObjectEvent)
        : m_stream(stream), m_argsCap(argsCap), m_onEvent(std::move(onEvent)),
          m_onMember(std::move(onMember)), m_onNonObjectEvent(std::move(onNonObjectEvent))
    {}

    bool sawEventsArray() const { return m_sawEvents; }

    // RapidJSON handler interface.
    bool Null() { return scalar("null", false, true); }
    bool Bool(bool b) { return boolean(b); }
    bool Int(int) { return true; }
    bool Uint(unsigned) { return true; }
    bool Int64(int64_t) { return true; }
    bool Uint64(uint64_t) { return true; }
    bool Double(double) { return true; }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool)
    {
        return scalar({s, n}, false, false);
    }
    bool String(const char *s, rapidjson::SizeType n, bool) { return scalar({s, n}, true, false); }
    bool Key(const char *s, rapidjson::SizeType n, bool);

    // The event fields this reader looks at; keys are told apart once, as they arrive, and
    // only the kind is kept (no copy of the key text for every field of every event).
    enum class Field : uint8_t {
        Other,
        Ph,
        Ts,
        Dur,
        Pid,
        Tid,
        Name,
        Cat,
        Id,
        Bp,
        Scope,
        BindId,
        FlowIn,
        FlowOut,
        Args
    };
    static Field fieldOf(std::string_view key);
    bool StartObject() { return start(true); }
    bool EndObject(rapidjson::SizeType members) { return finish(true, members); }
    bool StartArray() { return start(false); }
    bool EndArray(rapidjson::SizeType) { return finish(false, 0); }

private:
    // Args: raw capture, only the depth is followed. RootMember: re-serialised by m_writer.
    enum class Capture { None, Args, RootMember, Discard };

    bool scalar(std::string_view text, bool isString, bool isNull);
    bool boolean(bool b);
    bool start(bool object);
    bool finish(bool object, rapidjson::SizeType members);
    void setEventField(std::string_view text, bool isString);
    void beginCapture(Capture what);
    bool writing() const { return m_capture == Capture::RootMember; }

    JsonStream &m_stream;
    size_t m_argsCap;
    EventSink m_onEvent;
    MemberSink m_onMember;
    std::function<void()> m_onNonObjectEvent;

    int m_depth = 0; // nesting of the value being read; the root value is depth 1
    bool m_rootIsObject = false;
    int m_eventsDepth = 0; // depth of the events array, 0 until found
    bool m_sawEvents = false;
    bool m_inEvent = false;
    Field m_field = Field::Other; // last key at the event level
    std::string m_key;            // last key at the root level

    Capture m_capture = Capture::None;
    int m_captureDepth = 0;
    bool m_collectScalars = false; // of the args being captured, into m_event.scalars
    std::string m_argKey;          // last key at the top of those args
    rapidjson::StringBuffer m_buffer;
    rapidjson::Writer<rapidjson::StringBuffer> m_writer;
    ChromeEvent m_event;
};

} // namespace ts::parsers

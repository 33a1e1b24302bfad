#include "chromeimporter.h"

#include "chromesax.h"
#include "jsonstream.h"
#include "timestamp.h"

#include <rapidjson/error/en.h>

#include <cmath>
#include <cstdlib>

namespace ts::parsers {

namespace {

constexpr uint64_t kProgressStep = 16ull << 20;

bool parseNumber(const std::string &text, double &out)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(out);
}

std::string phaseName(char ph)
{
    return ph >= 0x20 && ph < 0x7f ? std::string(1, ph) : std::string("?");
}

} // namespace

ChromeImporter::ChromeImporter(InputSource &source, RecordSink &sink, uint64_t inputSize)
    : m_source(source), m_sink(sink), m_inputSize(inputSize), m_tracks(sink), m_flows(sink, m_skips)
{}

void ChromeImporter::fail(uint64_t offset, const std::string &message)
{
    m_sink.put(rec::ErrorRec{offset, 0, 0, message});
}

void ChromeImporter::maybeProgress()
{
    const uint64_t done = m_source.rawBytesRead();
    if (done < m_nextProgress)
        return;
    m_nextProgress = done + std::max<uint64_t>(kProgressStep, m_inputSize / 100);
    m_sink.put(rec::ProgressRec{done, m_inputSize, rec::Stage::Reading});
}

bool ChromeImporter::parseTime(const ParsedTime &t, int64_t &ns, const char *what)
{
    switch (t.status) {
    case ParsedTime::Status::Exact:
        break;
    case ParsedTime::Status::Lossy:
        ++m_lossyTimes;
        break;
    case ParsedTime::Status::Invalid:
        m_skips.add(std::string("invalid ") + what);
        return false;
    case ParsedTime::Status::OutOfRange:
        m_skips.add(std::string(what) + " out of range");
        return false;
    }
    ns = t.ns;
    return true;
}

const ArgScalars &ChromeImporter::scalarsOf(const ChromeEvent &e)
{
    if (e.hasScalars)
        return e.scalars;
    m_scalars.read(e.args);
    return m_scalars;
}

std::string_view ChromeImporter::argsOf(const ChromeEvent &e)
{
    return e.argsTooLong ? m_sink.omittedJson(e.argsTooLong, m_scratch)
                         : m_sink.boundedJson(e.args, m_scratch);
}

void ChromeImporter::emitSlice(uint32_t track, int64_t ts, int64_t dur, uint32_t name, uint32_t cat,
                               std::string_view args, std::string_view bindId, bool flowIn,
                               bool flowOut)
{
    m_sink.put(rec::SliceRec{track, ts, dur, name, cat, args});
    const uint64_t sequence = m_sink.nextSliceSequence();
    if (!bindId.empty()) {
        if (flowOut)
            m_flows.bindOut(bindId, sequence);
        if (flowIn)
            m_flows.bindIn(bindId, sequence);
    }
}

void ChromeImporter::completeSlice(const ChromeEvent &e)
{
    int64_t ts = 0, dur = 0;
    if (!e.hasDur) {
        m_skips.add("X event without dur");
        return;
    }
    if (!parseTime(e.ts, ts, "ts") || !parseTime(e.dur, dur, "dur"))
        return;
    if (dur < 0) {
        m_skips.add("negative duration");
        return;
    }
    const uint32_t track = m_tracks.threadTrack(e.pid, e.tid);
    const uint32_t name = m_sink.intern(e.name);
    const uint32_t cat = e.cat.empty() ? 0 : m_sink.intern(e.cat);
    emitSlice(track, ts, dur, name, cat, argsOf(e), e.hasBindId ? e.bindId : std::string_view(),
              e.flowIn, e.flowOut);
}

void ChromeImporter::beginSlice(const ChromeEvent &e)
{
    int64_t ts = 0;
    if (!parseTime(e.ts, ts, "ts"))
        return;
    const uint32_t track = m_tracks.threadTrack(e.pid, e.tid);
    const uint32_t name = m_sink.intern(e.name);
    const uint32_t cat = e.cat.empty() ? 0 : m_sink.intern(e.cat);
    m_open[track].push_back({ts, name, cat, std::string(argsOf(e)),
                             e.hasBindId ? e.bindId : std::string(), e.flowIn, e.flowOut});
}

void ChromeImporter::endSlice(const ChromeEvent &e)
{
    int64_t ts = 0;
    if (!parseTime(e.ts, ts, "ts"))
        return;
    const uint32_t track = m_tracks.threadTrack(e.pid, e.tid);
    auto it = m_open.find(track);
    if (it == m_open.end() || it->second.empty()) {
        m_skips.add("E without matching B");
        return;
    }
    OpenSlice b = std::move(it->second.back());
    it->second.pop_back();
    // The B was counted when it arrived; the pair is one slice, so this E is its other half.
    if (ts < b.ts) {
        m_skips.add("E before its B (negative duration)");
        return;
    }
    emitSlice(track, b.ts, ts - b.ts, b.name, b.category, b.args, b.bindId, b.flowIn, b.flowOut);
}

void ChromeImporter::memoryCounters(const ChromeEvent &e, int64_t ts)
{
    double deviceType = 0, deviceId = -1, value = 0;
    const ArgScalars &args = scalarsOf(e);
    const ScalarMember *type = args.find("Device Type");
    const ScalarMember *id = args.find("Device Id");
    if (type)
        parseNumber(type->value, deviceType);
    if (id)
        parseNumber(id->value, deviceId);
    // A GPU's [memory] events sit on the allocating CPU thread; its series belong to the
    // device, whose Kineto pid is the device index.
    uint32_t process = 0;
    if (deviceType >= 1 && deviceId >= 0) {
        TraceId device;
        device.number = int64_t(deviceId);
        process = m_tracks.process(device);
    } else {
        process = m_tracks.process(e.pid);
    }
    bool any = false;
    for (const char *series : {"Total Allocated", "Total Reserved"}) {
        const ScalarMember *m = args.find(series);
        if (m && parseNumber(m->value, value)) {
            m_sink.put(rec::CounterRec{m_tracks.counterTrack(process, series, true), ts, value});
            any = true;
        }
    }
    const ScalarMember *bytes = args.find("Bytes");
    if (!any && bytes && parseNumber(bytes->value, value)) {
        // The 2021 schema has no totals: accumulate per device.
        double &total = m_legacyAllocated[process];
        total = std::max(0.0, total + value);
        m_sink.put(
            rec::CounterRec{m_tracks.counterTrack(process, "Total Allocated", true), ts, total});
    }
}

void ChromeImporter::instant(const ChromeEvent &e)
{
    int64_t ts = 0;
    if (!parseTime(e.ts, ts, "ts"))
        return;
    uint32_t track;
    rec::InstantScope scope = rec::InstantScope::Thread;
    if (e.scope == "g") {
        track = m_tracks.globalTrack();
        scope = rec::InstantScope::Global;
    } else if (e.scope == "p") {
        track = m_tracks.processTrack(e.pid);
        scope = rec::InstantScope::Process;
    } else {
        track = m_tracks.threadTrack(e.pid, e.tid);
    }
    const uint32_t name = m_sink.intern(e.name);
    const uint32_t cat = e.cat.empty() ? 0 : m_sink.intern(e.cat);
    m_sink.put(rec::InstantRec{track, ts, name, cat, scope, argsOf(e)});
    if (e.name == "[memory]")
        memoryCounters(e, ts);
}

void ChromeImporter::counter(const ChromeEvent &e)
{
    int64_t ts = 0;
    if (!parseTime(e.ts, ts, "ts"))
        return;
    const uint32_t process = m_tracks.process(e.pid);
    int samples = 0;
    const ArgScalars &args = scalarsOf(e);
    for (size_t i = 0; i < args.size(); ++i) {
        const ScalarMember &m = args[i];
        double value = 0;
        if (m.isString || !parseNumber(m.value, value))
            continue;
        const std::string series = m.key == "value" ? e.name : e.name + " " + m.key;
        m_sink.put(rec::CounterRec{m_tracks.counterTrack(process, series, false), ts, value});
        ++samples;
    }
    if (samples == 0)
        m_skips.add("C event without numeric args");
}

void ChromeImporter::flowEnd(const ChromeEvent &e)
{
    int64_t ts = 0;
    if (!e.hasId) {
        m_skips.add("flow event without id");
        return;
    }
    if (!parseTime(e.ts, ts, "ts"))
        return;
    rec::FlowEndpoint at;
    at.track = m_tracks.threadTrack(e.pid, e.tid);
    at.ts = ts;
    m_flowKey.assign(e.cat).append(1, '\x1f').append(e.id);
    if (e.ph == 's') {
        at.bind = rec::FlowBind::Enclosing;
        m_flows.start(m_flowKey, at, m_sink.intern(e.name),
                      e.cat.empty() ? 0 : m_sink.intern(e.cat));
    } else {
        at.bind = e.bp == "e" ? rec::FlowBind::Enclosing : rec::FlowBind::Next;
        m_flows.end(m_flowKey, at);
    }
}

void ChromeImporter::metadataEvent(const ChromeEvent &e)
{
    const ScalarMember *arg = nullptr;
    double number = 0;
    const ArgScalars &args = scalarsOf(e);
    if (e.name == "process_name" && (arg = args.find("name")))
        m_tracks.setProcessName(e.pid, arg->value);
    else if (e.name == "process_labels" && (arg = args.find("labels")))
        m_tracks.setProcessLabel(e.pid, arg->value);
    else if (e.name == "process_sort_index" && (arg = args.find("sort_index")) &&
             parseNumber(arg->value, number))
        m_tracks.setProcessSortIndex(e.pid, int64_t(number));
    else if (e.name == "thread_name" && (arg = args.find("name")))
        m_tracks.setThreadName(e.pid, e.tid, arg->value);
    else if (e.name == "thread_sort_index" && (arg = args.find("sort_index")) &&
             parseNumber(arg->value, number))
        m_tracks.setThreadSortIndex(e.pid, e.tid, int64_t(number));
    else
        m_skips.add("metadata event not used");
}

void ChromeImporter::onEvent(ChromeEvent &e)
{
    ++m_events;
    maybeProgress();
    if (!e.hasPh) {
        m_skips.add("event without ph");
        return;
    }
    if (e.argsTooDeep) {
        m_skips.add("args nested too deeply");
        return;
    }
    const bool needsTs = e.ph != 'M';
    if (needsTs && !e.hasTs) {
        m_skips.add("event without ts");
        return;
    }
    switch (e.ph) {
    case 'X':
        completeSlice(e);
        break;
    case 'B':
        beginSlice(e);
        break;
    case 'E':
        endSlice(e);
        break;
    case 'i':
    case 'I':
        instant(e);
        break;
    case 'C':
        counter(e);
        break;
    case 's':
    case 'f':
        flowEnd(e);
        break;
    case 'M':
        metadataEvent(e);
        break;
    default:
        m_skips.add("unsupported phase " + phaseName(e.ph));
        break;
    }
}

void ChromeImporter::onMember(const std::string &key, const std::string &value, bool isString)
{
    if (key == "traceEvents") {
        m_traceEventsNotArray = true; // reported at the end, unless an array one comes too
        return;
    }
    if (key == "distributedInfo" && !isString) {
        double rank = 0;
        m_scalars.read(value);
        if (const ScalarMember *r = m_scalars.find("rank"); r && parseNumber(r->value, rank))
            m_tracks.setRankForAll(int32_t(rank));
    }
    // Strings arrive unquoted (a cut keeps them a string), objects and arrays as compact JSON.
    const uint32_t keyId = m_sink.intern(key);
    const std::string_view text =
        isString ? m_sink.boundedText(value, RecordSink::kMaxJsonBytes, m_scratch)
                 : m_sink.boundedJson(value, m_scratch);
    m_sink.put(rec::MetadataRec{keyId, text});
}

bool ChromeImporter::run()
{
    JsonStream stream(m_source);
    ChromeSax sax(
        stream, RecordSink::kMaxJsonBytes, [this](ChromeEvent &e) { onEvent(e); },
        [this](const std::string &k, const std::string &v, bool s) { onMember(k, v, s); },
        [this] {
            ++m_events;
            m_skips.add("event is not an object");
        });
    rapidjson::Reader reader;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                     rapidjson::kParseStopWhenDoneFlag>(stream, sax);
    if (stream.failed()) {
        fail(m_source.rawBytesRead(), stream.error());
        return false;
    }
    if (result.IsError()) {
        const bool atEnd = result.Offset() >= m_source.bytesProduced();
        std::string message =
            atEnd ? std::string("the JSON ends too early (truncated file?)")
                  : std::string("invalid JSON: ") + rapidjson::GetParseError_En(result.Code());
        message += " at byte offset " + std::to_string(result.Offset());
        if (m_source.compression() != InputSource::Compression::None)
            message += std::string(" of the ") + m_source.compressionName() + "-decompressed data";
        fail(result.Offset(), message);
        return false;
    }
    if (!sax.sawEventsArray()) {
        fail(0, m_traceEventsNotArray
                    ? "not a Chrome trace: its traceEvents is not an array"
                    : "not a Chrome trace: the JSON object has no traceEvents array");
        return false;
    }
    for (auto &[track, open] : m_open)
        if (!open.empty())
            m_skips.add("B without matching E", open.size());
    m_flows.finish();
    m_skips.sendTo(m_sink);
    if (stream.repairedControlChars())
        m_sink.put(rec::WarningRec{
            stream.firstRepairOffset(),
            std::to_string(stream.repairedControlChars()) +
                " raw control characters inside strings were replaced by spaces (first at byte " +
                std::to_string(stream.firstRepairOffset()) + ")"});
    if (m_lossyTimes)
        m_sink.put(rec::WarningRec{0, std::to_string(m_lossyTimes) +
                                          " times were written in exponent form and may have "
                                          "lost precision"});
    if (m_sink.repairedStrings())
        m_sink.put(rec::WarningRec{0, std::to_string(m_sink.repairedStrings()) +
                                          " strings were not valid UTF-8; bad bytes were "
                                          "replaced by U+FFFD"});
    if (m_sink.omittedJsonTexts())
        m_sink.put(rec::WarningRec{0, std::to_string(m_sink.omittedJsonTexts()) +
                                          " args or top-level values were larger than " +
                                          std::to_string(RecordSink::kMaxJsonBytes) +
                                          " bytes and were left out"});
    m_sink.put(rec::ProgressRec{m_source.rawBytesRead(), m_inputSize, rec::Stage::Finishing});
    m_sink.put(rec::ResultRec{m_sink.intern("chrome-trace"), m_events});
    return true;
}

} // namespace ts::parsers

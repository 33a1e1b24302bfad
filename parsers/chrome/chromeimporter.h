#pragma once
// Chrome trace-event JSON (PyTorch Profiler / Kineto and every other producer of the format)
// into records. ChromeSax finds the events; this class decides what each one is — slice,
// instant, counter sample, flow end, metadata — or counts it as skipped with a reason, so every
// event is accounted for exactly once. Kineto's [memory] instants also feed per-device
// "Total Allocated" / "Total Reserved" series.

#include "argscalars.h"
#include "chromeevent.h"
#include "common/flowtracker.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "common/skipcounter.h"
#include "common/tracktracker.h"

#include <map>
#include <string>
#include <vector>

namespace ts::parsers {

class ChromeImporter
{
public:
    ChromeImporter(InputSource &source, RecordSink &sink, uint64_t inputSize);

    // Streams the whole input. On success the last record is Result; on failure an Error
    // record says what and where. Returns true on success.
    bool run();

private:
    struct OpenSlice
    {
        int64_t ts;
        uint32_t name, category;
        std::string args;
        std::string bindId;
        bool flowIn, flowOut;
    };

    void onEvent(ChromeEvent &e);
    void onMember(const std::string &key, const std::string &value, bool isString);
    bool parseTime(const ParsedTime &t, int64_t &ns, const char *what);
    std::string_view argsOf(const ChromeEvent &e); // valid UTF-8, within the JSON cap
    const ArgScalars &scalarsOf(const ChromeEvent &e);
    void emitSlice(uint32_t track, int64_t ts, int64_t dur, uint32_t name, uint32_t cat,
                   std::string_view args, std::string_view bindId, bool flowIn, bool flowOut);
    void completeSlice(const ChromeEvent &e);
    void beginSlice(const ChromeEvent &e);
    void endSlice(const ChromeEvent &e);
    void instant(const ChromeEvent &e);
    void memoryCounters(const ChromeEvent &e, int64_t ts);
    void counter(const ChromeEvent &e);
    void flowEnd(const ChromeEvent &e);
    void metadataEvent(const ChromeEvent &e);
    void maybeProgress();
    void fail(uint64_t offset, const std::string &message);

    InputSource &m_source;
    RecordSink &m_sink;
    uint64_t m_inputSize;
    TrackTracker m_tracks;
    SkipCounter m_skips;
    FlowTracker m_flows;
    std::map<uint32_t, std::vector<OpenSlice>> m_open; // B events waiting for E, per track
    std::map<uint32_t, double> m_legacyAllocated;      // [memory] without totals: running sum
    uint64_t m_events = 0;
    uint64_t m_lossyTimes = 0;
    bool m_traceEventsNotArray = false;
    uint64_t m_nextProgress = 0;
    std::string m_scratch;
    std::string m_flowKey;
    ArgScalars m_scalars; // read from an event's args when the reader did not collect them
};

} // namespace ts::parsers

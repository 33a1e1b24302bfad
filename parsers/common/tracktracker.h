#pragma once
// Maps the ids a trace uses (pid/tid as numbers or strings) to the record stream's processes,
// threads and tracks, creating each on first use and re-sending a Process or Thread record when
// metadata (names, labels, sort indexes, rank) changes it. Format code asks for a track; it
// never builds records for these itself.

#include "recordsink.h"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ts::parsers {

// A pid or tid as written: an integer, or a string that is not one ("Spans", "stream 7", "").
struct TraceId
{
    bool isNumber = true;
    int64_t number = 0;
    std::string text;

    static TraceId fromNumberText(std::string_view text); // "25738", "7.0"
    static TraceId fromString(std::string_view text);     // numeric strings become numbers
    // Either of the above, in place (keeps the text's capacity: called for every event).
    void set(std::string_view text, bool isString);
    std::string key() const { return isNumber ? "n" + std::to_string(number) : "s" + text; }
};

class TrackTracker
{
public:
    explicit TrackTracker(RecordSink &sink) : m_sink(sink) {}

    uint32_t process(const TraceId &pid);
    uint32_t threadTrack(const TraceId &pid, const TraceId &tid);
    uint32_t processTrack(const TraceId &pid); // process-scoped instants
    uint32_t globalTrack();                    // global instants
    uint32_t counterTrack(uint32_t process, std::string_view series, bool derived);

    void setProcessName(const TraceId &pid, std::string_view name);
    void setProcessLabel(const TraceId &pid, std::string_view label);
    void setProcessSortIndex(const TraceId &pid, int64_t index);
    void setThreadName(const TraceId &pid, const TraceId &tid, std::string_view name);
    void setThreadSortIndex(const TraceId &pid, const TraceId &tid, int64_t index);
    void setRankForAll(int32_t rank); // distributedInfo.rank: every process of this file

private:
    struct Process
    {
        rec::ProcessRec rec;
        uint32_t processTrack = 0;
    };
    struct Thread
    {
        rec::ThreadRec rec;
        uint32_t track = 0;
    };
    Process &processState(const TraceId &pid);
    Thread &threadState(const TraceId &pid, const TraceId &tid);
    uint32_t newTrack(rec::TrackKind kind, uint8_t flags, uint32_t process, uint32_t thread,
                      std::string_view name);

    RecordSink &m_sink;
    std::map<std::string, Process> m_processes;
    std::vector<Process *> m_processById; // index = id - 1
    std::map<std::pair<uint32_t, std::string>, Thread> m_threads;
    // The lookup nearly every event makes, for numeric pid and tid, without building the keys
    // above. A thread's track never changes, so this only ever grows.
    struct PairHash
    {
        size_t operator()(const std::pair<int64_t, int64_t> &p) const
        {
            return std::hash<uint64_t>{}(uint64_t(p.first) * 0x9e3779b97f4a7c15ull ^
                                         uint64_t(p.second));
        }
    };
    std::unordered_map<std::pair<int64_t, int64_t>, uint32_t, PairHash> m_numericThreadTracks;
    std::map<std::pair<uint32_t, std::string>, uint32_t> m_counterTracks;
    uint32_t m_globalTrack = 0;
    uint32_t m_nextThread = 1;
    uint32_t m_nextTrack = 1;
    int64_t m_nextSyntheticPid = -1;
    int32_t m_rank = -1;
};

} // namespace ts::parsers

#include "tracktracker.h"

#include <charconv>

namespace ts::parsers {

void TraceId::set(std::string_view t, bool isString)
{
    // A number may be written "7.0"; a string "25738" is the same thread as the number 25738
    // (legacy Kineto writes CPU tids as strings on slices but numbers on their flows).
    // A number's fraction or exponent is ignored: the digits before it are the id.
    int64_t v = 0;
    const char *end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, v);
    const bool whole = ptr == end || (!isString && (*ptr == '.' || *ptr == 'e' || *ptr == 'E'));
    if (!t.empty() && ec == std::errc() && whole) {
        isNumber = true;
        number = v;
        text.clear();
    } else {
        isNumber = false;
        number = 0;
        text.assign(t);
    }
}

TraceId TraceId::fromNumberText(std::string_view text)
{
    TraceId id;
    id.set(text, false);
    return id;
}

TraceId TraceId::fromString(std::string_view text)
{
    TraceId id;
    id.set(text, true);
    return id;
}

TrackTracker::Process &TrackTracker::processState(const TraceId &pid)
{
    const std::string key = pid.key();
    auto it = m_processes.find(key);
    if (it != m_processes.end())
        return it->second;
    Process p;
    p.rec.id = uint32_t(m_processes.size() + 1);
    if (pid.isNumber) {
        p.rec.pid = pid.number;
        p.rec.sortIndex = pid.number;
    } else {
        // A named pseudo-process ("Spans", "Traces"): a synthetic pid, its string as the name,
        // and sorted after the real ones.
        p.rec.pid = m_nextSyntheticPid--;
        p.rec.name = m_sink.intern(pid.text.empty() ? std::string_view("(no pid)") : pid.text);
        p.rec.sortIndex = int64_t(1) << 40;
    }
    p.rec.rank = m_rank;
    it = m_processes.emplace(key, p).first;
    m_processById.push_back(&it->second);
    m_sink.put(it->second.rec);
    return it->second;
}

uint32_t TrackTracker::process(const TraceId &pid)
{
    return processState(pid).rec.id;
}

TrackTracker::Thread &TrackTracker::threadState(const TraceId &pid, const TraceId &tid)
{
    Process &p = processState(pid);
    const auto key = std::make_pair(p.rec.id, tid.key());
    auto it = m_threads.find(key);
    if (it != m_threads.end())
        return it->second;
    Thread t;
    t.rec.id = m_nextThread++;
    t.rec.process = p.rec.id;
    t.rec.tid = tid.isNumber ? tid.number : 0;
    t.rec.sortIndex = tid.isNumber ? tid.number : 0;
    if (!tid.isNumber)
        t.rec.name = m_sink.intern(tid.text.empty() ? std::string_view("(no tid)") : tid.text);
    m_sink.put(t.rec);
    t.track = newTrack(rec::TrackKind::Thread, 0, p.rec.id, t.rec.id, {});
    return m_threads.emplace(key, t).first->second;
}

uint32_t TrackTracker::threadTrack(const TraceId &pid, const TraceId &tid)
{
    if (!pid.isNumber || !tid.isNumber)
        return threadState(pid, tid).track;
    const auto key = std::make_pair(pid.number, tid.number);
    if (const auto it = m_numericThreadTracks.find(key); it != m_numericThreadTracks.end())
        return it->second;
    const uint32_t track = threadState(pid, tid).track;
    m_numericThreadTracks.emplace(key, track);
    return track;
}

uint32_t TrackTracker::newTrack(rec::TrackKind kind, uint8_t flags, uint32_t process,
                                uint32_t thread, std::string_view name)
{
    rec::TrackRec t;
    t.id = m_nextTrack++;
    t.kind = kind;
    t.flags = flags;
    t.process = process;
    t.thread = thread;
    t.name = name.empty() ? 0 : m_sink.intern(name);
    m_sink.put(t);
    return t.id;
}

uint32_t TrackTracker::processTrack(const TraceId &pid)
{
    Process &p = processState(pid);
    if (!p.processTrack)
        p.processTrack = newTrack(rec::TrackKind::Process, 0, p.rec.id, 0, "Process events");
    return p.processTrack;
}

uint32_t TrackTracker::globalTrack()
{
    if (!m_globalTrack)
        m_globalTrack = newTrack(rec::TrackKind::Global, 0, 0, 0, "Global events");
    return m_globalTrack;
}

uint32_t TrackTracker::counterTrack(uint32_t process, std::string_view series, bool derived)
{
    const auto key = std::make_pair(process, std::string(series));
    if (const auto it = m_counterTracks.find(key); it != m_counterTracks.end())
        return it->second;
    const uint32_t id =
        newTrack(rec::TrackKind::Counter, derived ? rec::kTrackDerived : 0, process, 0, series);
    m_counterTracks.emplace(key, id);
    return id;
}

void TrackTracker::setProcessName(const TraceId &pid, std::string_view name)
{
    Process &p = processState(pid);
    p.rec.name = m_sink.intern(name);
    m_sink.put(p.rec);
}

void TrackTracker::setProcessLabel(const TraceId &pid, std::string_view label)
{
    Process &p = processState(pid);
    p.rec.label = m_sink.intern(label);
    m_sink.put(p.rec);
}

void TrackTracker::setProcessSortIndex(const TraceId &pid, int64_t index)
{
    Process &p = processState(pid);
    p.rec.sortIndex = index;
    m_sink.put(p.rec);
}

void TrackTracker::setThreadName(const TraceId &pid, const TraceId &tid, std::string_view name)
{
    // Kineto names GPU streams "stream 7 " with a trailing space.
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
        name.remove_suffix(1);
    Thread &t = threadState(pid, tid);
    t.rec.name = m_sink.intern(name);
    m_sink.put(t.rec);
}

void TrackTracker::setThreadSortIndex(const TraceId &pid, const TraceId &tid, int64_t index)
{
    Thread &t = threadState(pid, tid);
    t.rec.sortIndex = index;
    m_sink.put(t.rec);
}

void TrackTracker::setRankForAll(int32_t rank)
{
    m_rank = rank;
    for (Process *p : m_processById) {
        if (p->rec.rank != rank) {
            p->rec.rank = rank;
            m_sink.put(p->rec);
        }
    }
}

} // namespace ts::parsers

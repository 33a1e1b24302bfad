#pragma once
// Bad or unsupported events are counted by reason and the import goes on (Perfetto's stats
// idea); the counts become Skipped records at the end.

#include "recordsink.h"

#include <map>
#include <string>

namespace ts::parsers {

class SkipCounter
{
public:
    void add(const std::string &reason, uint64_t n = 1) { m_counts[reason] += n; }
    uint64_t total() const
    {
        uint64_t t = 0;
        for (const auto &[reason, n] : m_counts)
            t += n;
        return t;
    }
    void sendTo(RecordSink &sink) const
    {
        for (const auto &[reason, n] : m_counts)
            sink.put(rec::SkippedRec{sink.intern(reason), n});
    }
    const std::map<std::string, uint64_t> &counts() const { return m_counts; }

private:
    std::map<std::string, uint64_t> m_counts;
};

} // namespace ts::parsers

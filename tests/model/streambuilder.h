#pragma once
// Builds record streams for the model tests with the contract's own encoders: no child needed.

#include "records/recordformat.h"

#include <algorithm>
#include <string>
#include <type_traits>

namespace ts::testing {

class StreamBuilder
{
public:
    StreamBuilder() { rec::encodeMagic(m_bytes); }
    template <typename R> StreamBuilder &add(const R &r)
    {
        if constexpr (std::is_same_v<R, rec::StringRec>)
            m_strings = std::max(m_strings, r.id);
        rec::encode(m_bytes, r);
        return *this;
    }
    StreamBuilder &raw(const std::string &bytes)
    {
        m_bytes += bytes;
        return *this;
    }
    // One process (1) with one thread (1) and its track (1), names "p", "t", slice name "s".
    StreamBuilder &basics()
    {
        add(rec::StringRec{1, "p"});
        add(rec::StringRec{2, "t"});
        add(rec::StringRec{3, "s"});
        add(rec::ProcessRec{1, 100, 1, 0, 0, -1});
        add(rec::ThreadRec{1, 1, 7, 2, 0});
        add(rec::TrackRec{1, rec::TrackKind::Thread, 0, 1, 1, 0});
        return *this;
    }
    StreamBuilder &slice(int64_t ts, int64_t dur, uint32_t track = 1)
    {
        return add(rec::SliceRec{track, ts, dur, 3, 0, {}});
    }
    StreamBuilder &result()
    {
        const uint32_t format = m_strings + 1;
        return add(rec::StringRec{format, "chrome-trace"}).add(rec::ResultRec{format, 0});
    }
    const std::string &bytes() const { return m_bytes; }

private:
    std::string m_bytes;
    uint32_t m_strings = 3;
};

} // namespace ts::testing

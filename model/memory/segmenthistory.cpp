#include "segmenthistory.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace ts::model {

namespace {

// mem_event.action
constexpr int kSegmentAlloc = 4;
constexpr int kSegmentFree = 5;
constexpr int kSegmentMap = 6;
constexpr int kSegmentUnmap = 7;

uint64_t endOf(uint64_t address, uint64_t size)
{
    return address > UINT64_MAX - size ? UINT64_MAX : address + size;
}

// A range reserved after the moment being undone, keyed by its address.
struct Open
{
    uint64_t end = 0;
    uint64_t stream = 0;
    int64_t until = INT64_MAX; // the event that releases it
    bool expandable = false;
};
using LiveMap = std::map<uint64_t, Open>; // never overlapping

// Takes every range overlapping [a, b) out of `live`.
std::vector<std::pair<uint64_t, Open>> takeOverlapping(LiveMap &live, uint64_t a, uint64_t b)
{
    std::vector<std::pair<uint64_t, Open>> out;
    auto it = live.upper_bound(a);
    if (it != live.begin() && std::prev(it)->second.end > a)
        --it;
    while (it != live.end() && it->first < b) {
        out.emplace_back(*it);
        it = live.erase(it);
    }
    return out;
}

bool overlapsAny(const LiveMap &live, uint64_t a, uint64_t b)
{
    const auto it = live.upper_bound(a);
    return (it != live.end() && it->first < b) ||
           (it != live.begin() && std::prev(it)->second.end > a);
}

} // namespace

SegmentHistory replaySegments(const std::vector<SegmentPiece> &atDump,
                              std::vector<SegmentChange> changes)
{
    SegmentHistory h;
    auto emit = [&h](uint64_t a, uint64_t b, const Open &o, int64_t begin) {
        if (b > a)
            h.pieces.push_back(SegmentPiece{a, b - a, o.stream, begin, o.until, o.expandable});
    };

    LiveMap live;
    for (const SegmentPiece &s : atDump) {
        const uint64_t b = endOf(s.address, s.size);
        const Open o{b, s.stream, INT64_MAX, s.expandable};
        if (overlapsAny(live, s.address, b))
            emit(s.address, b, o, -1); // the dump contradicts itself: shown as it says
        else if (b > s.address)
            live.emplace(s.address, o);
    }

    std::stable_sort(changes.begin(), changes.end(),
                     [](const SegmentChange &x, const SegmentChange &y) { return x.seq < y.seq; });
    for (auto c = changes.rbegin(); c != changes.rend(); ++c) {
        if (c->action < kSegmentAlloc || c->action > kSegmentUnmap)
            continue;
        const uint64_t a = c->address, b = endOf(c->address, c->size);
        if (b <= a)
            continue;
        const bool release = c->action == kSegmentFree || c->action == kSegmentUnmap;
        const bool expandable = c->action == kSegmentMap || c->action == kSegmentUnmap;
        std::vector<std::pair<uint64_t, Open>> overlapping = takeOverlapping(live, a, b);
        if (release) {
            for (const auto &[address, o] : overlapping) {
                emit(address, o.end, o, c->seq);
                ++h.segmentsWithoutAlloc;
            }
            live.emplace(a, Open{b, c->stream, c->seq, expandable});
            continue;
        }
        // Reserved here: what overlaps began now; what lies beside it stays reserved from before.
        const Open unreleased{b, c->stream, INT64_MAX, expandable};
        uint64_t covered = a;
        for (const auto &[address, o] : overlapping) {
            const uint64_t lo = std::max(address, a), hi = std::min(o.end, b);
            if (address < lo)
                live.emplace(address, Open{lo, o.stream, o.until, o.expandable});
            if (hi < o.end)
                live.emplace(hi, o);
            emit(lo, hi, o, c->seq);
            if (lo > covered) {
                emit(covered, lo, unreleased, c->seq);
                ++h.segmentsWithoutFree;
            }
            covered = std::max(covered, hi);
        }
        if (covered < b) {
            emit(covered, b, unreleased, c->seq);
            ++h.segmentsWithoutFree;
        }
    }
    for (const auto &[address, o] : live)
        emit(address, o.end, o, -1);

    std::sort(h.pieces.begin(), h.pieces.end(), [](const SegmentPiece &x, const SegmentPiece &y) {
        return x.address != y.address ? x.address < y.address : x.begin < y.begin;
    });
    return h;
}

} // namespace ts::model

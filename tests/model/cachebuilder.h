#pragma once
// Builds small caches for the timeline tests through the app's real path (record stream →
// RecordValidator → CacheWriter), and random but reproducible slice sets to check against.

#include "cache/importsession.h"
#include "streambuilder.h"

#include <QRandomGenerator>
#include <QString>

#include <string>
#include <vector>

namespace ts::testing {

inline bool buildCache(const std::string &bytes, const QString &file, QString *error = nullptr)
{
    model::ImportSession session;
    QString e;
    const bool ok =
        session.begin(file, &e) && session.feed(bytes.data(), bytes.size()) &&
        session.finish(model::CacheMeta{QStringLiteral("abc"), QStringLiteral("t.json"), 42}, &e);
    if (!ok && error)
        *error = e.isEmpty() ? session.errorText() : e;
    return ok;
}

struct TestSlice
{
    uint32_t track;
    int64_t ts, dur;
    uint32_t name; // string id
};

// A stream with `tracks` thread tracks (ids 1..tracks, threads of process 1), slice names
// `names` (string ids kFirstName …), and `perTrack` slices on each: half of them nested
// trees, the rest random intervals (partial overlaps, zero lengths, equal starts), so the
// writer's nesting sees good and bad traces alike. Returns the slices in arrival order.
inline constexpr uint32_t kFirstName = 3;
inline constexpr int kNames = 6;
inline const char *const kNameText[kNames] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};

inline std::vector<TestSlice> randomSlices(StreamBuilder &b, int tracks, int perTrack, quint32 seed,
                                           const std::vector<const char *> &names)
{
    QRandomGenerator rng(seed);
    b.add(rec::StringRec{1, "p"}).add(rec::StringRec{2, "t"});
    for (size_t i = 0; i < names.size(); ++i)
        b.add(rec::StringRec{kFirstName + uint32_t(i), names[i]});
    b.add(rec::ProcessRec{1, 100, 1, 0, 0, -1});
    for (int t = 1; t <= tracks; ++t) {
        b.add(rec::ThreadRec{uint32_t(t), 1, 7 + t, 2, t});
        b.add(rec::TrackRec{uint32_t(t), rec::TrackKind::Thread, 0, 1, uint32_t(t), 0});
    }
    std::vector<TestSlice> out;
    auto name = [&]() { return kFirstName + uint32_t(rng.bounded(int(names.size()))); };
    for (int t = 1; t <= tracks; ++t) {
        int64_t cursor = 0;
        int made = 0;
        while (made < perTrack / 2) {
            // A tree: a parent and up to 3 levels of children strictly inside.
            const int64_t len = 200 + rng.bounded(2000);
            std::vector<std::pair<int64_t, int64_t>> level{{cursor, len}};
            for (int depth = 0; depth < 4 && !level.empty() && made < perTrack / 2; ++depth) {
                std::vector<std::pair<int64_t, int64_t>> nextLevel;
                for (auto [s, l] : level) {
                    out.push_back({uint32_t(t), s, l, name()});
                    ++made;
                    int64_t c = s;
                    while (l > 8 && c < s + l && rng.bounded(4) != 0) {
                        const int64_t gap = rng.bounded(int(l / 4) + 1);
                        const int64_t cl = rng.bounded(int(l / 2) + 1);
                        if (c + gap + cl > s + l)
                            break;
                        nextLevel.push_back({c + gap, cl});
                        c += gap + cl;
                    }
                }
                level = std::move(nextLevel);
            }
            cursor += len + rng.bounded(300);
        }
        for (int i = made; i < perTrack; ++i) {
            const int pick = rng.bounded(10);
            const int64_t dur = pick == 0 ? 0 : pick < 6 ? rng.bounded(50) : rng.bounded(3000);
            out.push_back({uint32_t(t), int64_t(rng.bounded(int(cursor + 1))), dur, name()});
        }
    }
    // Arrival order is not time order in a real trace either.
    for (size_t i = out.size(); i > 1; --i)
        std::swap(out[i - 1], out[rng.bounded(int(i))]);
    for (const TestSlice &s : out)
        b.add(rec::SliceRec{s.track, s.ts, s.dur, s.name, 0, {}});
    return out;
}

// The same with the names "alpha" … "zeta".
inline std::vector<TestSlice> randomSlices(StreamBuilder &b, int tracks, int perTrack, quint32 seed)
{
    return randomSlices(b, tracks, perTrack, seed, {std::begin(kNameText), std::end(kNameText)});
}

} // namespace ts::testing

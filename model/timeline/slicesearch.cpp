#include "slicesearch.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <vector>

namespace ts::model {

namespace {

// SQLite's LIKE folds ASCII only; folding more would find names the old search did not.
char16_t foldAscii(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c - u'A' + u'a') : c;
}

QString foldedAscii(const QString &text)
{
    QString out = text;
    for (QChar &c : out)
        c = QChar(foldAscii(c.unicode()));
    return out;
}

bool containsFolded(QStringView name, QStringView foldedText)
{
    return std::search(name.begin(), name.end(), foldedText.begin(), foldedText.end(),
                       [](QChar a, QChar b) { return foldAscii(a.unicode()) == b.unicode(); }) !=
           name.end();
}

// One bit per name id: checking a slice is an index, not a string comparison or a hash.
std::vector<bool> matchingNames(const TimelineData &data, const QString &text)
{
    const QString folded = foldedAscii(text);
    const QStringList &names = data.names();
    std::vector<bool> matches(size_t(names.size()), false);
    for (qsizetype i = 0; i < names.size(); ++i)
        matches[size_t(i)] = containsFolded(names[i], folded);
    return matches;
}

struct Hit
{
    int64_t ts;
    SliceRef ref;
};

bool earlier(const Hit &a, const Hit &b)
{
    return std::tie(a.ts, a.ref.track, a.ref.depth, a.ref.index) <
           std::tie(b.ts, b.ref.track, b.ref.depth, b.ref.index);
}

} // namespace

QList<SliceRef> searchSlices(const TimelineData &data, const QString &text, int limit)
{
    QList<SliceRef> out;
    if (text.isEmpty() || limit <= 0)
        return out;
    const std::vector<bool> matches = matchingNames(data, text);
    if (std::find(matches.begin(), matches.end(), true) == matches.end())
        return out;

    // Only the earliest `limit` hits are kept, so a text that matches millions of slices costs
    // neither their memory nor their sort: whenever twice the limit has gathered, the earliest
    // `limit` stay and their latest start becomes a cut-off. Slices are walked in (track, depth,
    // index) order, so one found later that starts at the cut-off ranks after all kept ones;
    // and since each depth is sorted by start, the walk of a depth ends at the cut-off.
    const size_t keep = size_t(limit);
    std::vector<Hit> hits;
    int64_t cutoff = std::numeric_limits<int64_t>::max();
    auto keepEarliest = [&]() {
        std::nth_element(hits.begin(), hits.begin() + ptrdiff_t(keep - 1), hits.end(), earlier);
        hits.resize(keep);
        cutoff = hits.back().ts; // nth_element put the latest of the kept ones there
    };
    const std::vector<TimelineTrack> &tracks = data.tracks();
    for (size_t t = 0; t < tracks.size(); ++t) {
        for (size_t d = 0; d < tracks[t].depths.size(); ++d) {
            const std::vector<TimelineSlice> &slices = tracks[t].depths[d];
            for (size_t i = 0; i < slices.size() && slices[i].ts < cutoff; ++i) {
                if (!matches[slices[i].name])
                    continue;
                hits.push_back({slices[i].ts, SliceRef{int(t), int(d), uint32_t(i)}});
                if (hits.size() >= 2 * keep)
                    keepEarliest();
            }
        }
    }
    if (hits.size() > keep)
        keepEarliest();
    std::sort(hits.begin(), hits.end(), earlier);
    out.reserve(qsizetype(hits.size()));
    for (const Hit &h : hits)
        out.append(h.ref);
    return out;
}

} // namespace ts::model

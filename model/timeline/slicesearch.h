#pragma once
// Slice search over what the timeline already holds in memory, so the cache needs no index on
// slice names and a search reads no cache at all. The name table is scanned once for the names
// that contain the text; then every slice is checked against that set with one bit lookup.
//
// A match is what the cache's SQL `LIKE '%text%' ESCAPE '\'` used to find: a substring, with
// ASCII letters compared regardless of case and every other character (`%`, `_`, `\`, anything
// beyond ASCII) taken literally.

#include "timeline/timelinedata.h"

#include <QList>
#include <QString>

namespace ts::model {

inline constexpr int kSearchLimit = 100000;

// The slices whose name contains `text`, ordered by start time (equal starts by track, depth,
// index), at most `limit` of them: the earliest. None for an empty text.
QList<SliceRef> searchSlices(const TimelineData &data, const QString &text,
                             int limit = kSearchLimit);

} // namespace ts::model

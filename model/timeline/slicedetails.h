#pragma once
// What the details pane shows for one slice: read from the cache on demand (a few indexed
// lookups), never kept for every slice.

#include <QList>
#include <QPair>
#include <QString>

namespace ts::model {

class CacheReader;

struct FlowEnd
{
    qint64 sliceId = 0; // the slice at the other end
    qint64 trackId = 0;
    qint64 ts = 0; // as stored in the cache (TimelineData::find takes it as is)
    QString name;
    bool outgoing = false; // true: this slice starts the arrow
    int depth = 0;
};

struct SliceDetails
{
    bool valid = false;
    qint64 id = 0, trackId = 0, ts = 0, dur = 0, selfTime = 0;
    int depth = 0;
    QString name, category, trackName;
    QList<QPair<QString, QString>> args; // top-level keys, values as JSON text
    QList<FlowEnd> flows;
};

SliceDetails loadSliceDetails(const CacheReader &reader, qint64 sliceId);

} // namespace ts::model

#include "slicedetails.h"

#include "cache/cachereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ts::model {

SliceDetails loadSliceDetails(const CacheReader &reader, qint64 sliceId)
{
    SliceDetails d;
    Statement s(
        reader.database(),
        "SELECT s.id, s.track_id, s.ts, s.dur, s.depth, n.str, c.str, a.json, "
        "coalesce(tn.str, thn.str, '') FROM slice s "
        "LEFT JOIN string n ON n.id = s.name_id LEFT JOIN string c ON c.id = s.category_id "
        "LEFT JOIN args a ON a.id = s.arg_set_id LEFT JOIN track t ON t.id = s.track_id "
        "LEFT JOIN thread th ON th.id = t.thread_id "
        "LEFT JOIN string tn ON tn.id = t.name_id LEFT JOIN string thn ON thn.id = th.name_id "
        "WHERE s.id = ?");
    s.bind(1, int64_t(sliceId));
    if (!s.step())
        return d;
    d.valid = true;
    d.id = s.int64(0);
    d.trackId = s.int64(1);
    d.ts = s.int64(2);
    d.dur = s.int64(3);
    d.depth = int(s.int64(4));
    d.name = s.text(5);
    d.category = s.text(6);
    d.trackName = s.text(8);
    const QJsonObject args = QJsonDocument::fromJson(s.text(7).toUtf8()).object();
    for (auto it = args.begin(); it != args.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isString())
            text = v.toString();
        else if (v.isObject())
            text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isArray())
            text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        else
            text = v.toVariant().toString();
        d.args << qMakePair(it.key(), text);
    }

    // Self time: what the direct children do not cover (children do not overlap each other).
    // The children are the slices one level deeper that start inside this one, and ids follow
    // (track, ts): so they are among the ids right after it, and the walk stops at the first
    // slice starting at or after its end — a rowid range, no index needed.
    Statement after(reader.database(),
                    "SELECT track_id, ts, dur, depth FROM slice WHERE id > ? ORDER BY id");
    after.bind(1, int64_t(sliceId));
    qint64 childTime = 0;
    while (after.step() && after.int64(0) == d.trackId && after.int64(1) < d.ts + d.dur) {
        if (after.int64(3) == d.depth + 1)
            childTime += after.int64(2);
    }
    d.selfTime = d.dur - childTime;

    Statement flows(
        reader.database(),
        "SELECT f.slice_out = ?1, o.id, o.track_id, o.ts, n.str, o.depth FROM flow f "
        "JOIN slice o ON o.id = CASE WHEN f.slice_out = ?1 THEN f.slice_in ELSE f.slice_out END "
        "LEFT JOIN string n ON n.id = o.name_id "
        "WHERE f.slice_out = ?1 OR f.slice_in = ?1");
    flows.bind(1, int64_t(sliceId));
    while (flows.step()) {
        FlowEnd e;
        e.outgoing = flows.int64(0) != 0;
        e.sliceId = flows.int64(1);
        e.trackId = flows.int64(2);
        e.ts = flows.int64(3);
        e.name = flows.text(4);
        e.depth = int(flows.int64(5));
        d.flows << e;
    }
    return d;
}

} // namespace ts::model

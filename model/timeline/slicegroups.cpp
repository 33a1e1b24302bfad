#include "slicegroups.h"

#include "cache/cachereader.h"

#include <QHash>

namespace ts::model {

namespace {

// Each slice's group as (a string id, the shapes text or empty): few distinct pairs, so each is
// turned into a label once.
const char *scanSql(SliceGrouping grouping)
{
    switch (grouping) {
    case SliceGrouping::Category:
        return "SELECT id, category_id, NULL FROM slice WHERE category_id IS NOT NULL";
    case SliceGrouping::NameAndShapes:
        // json_valid first: an args row is our own compact JSON, but a cache is a file on disk.
        return "SELECT s.id, s.name_id, CASE WHEN json_valid(a.json) THEN "
               "coalesce(json_extract(a.json, '$.\"Input Dims\"'), "
               "json_extract(a.json, '$.\"Input Shapes\"')) END "
               "FROM slice s LEFT JOIN args a ON a.id = s.arg_set_id";
    }
    return "";
}

} // namespace

QString nameWithShapes(const QString &name, const QString &shapes)
{
    return shapes.isEmpty() ? name : name + QLatin1Char(' ') + shapes;
}

bool loadSliceGroups(const TimelineData &data, SliceGrouping grouping, SliceGroups *out,
                     QString *error, const std::atomic<bool> *cancel)
{
    out->grouping = grouping;
    out->labels = QStringList{grouping == SliceGrouping::Category ? QStringLiteral("(no category)")
                                                                  : QStringLiteral("(unnamed)")};
    out->byCache.assign(size_t(data.cachePaths().size()), {});
    QHash<QString, uint32_t> labelOf;
    for (int c = 0; c < data.cachePaths().size(); ++c) {
        CacheReader reader;
        if (!reader.open(data.cachePaths()[c], error))
            return false;
        Statement count(reader.database(), "SELECT coalesce(max(id), 0) FROM slice");
        if (!count.step() || count.int64(0) < 0 || count.int64(0) > int64_t(UINT32_MAX)) {
            *error = QStringLiteral("%1: slice ids out of range").arg(data.cachePaths()[c]);
            return false;
        }
        std::vector<uint32_t> &byId = out->byCache[size_t(c)];
        byId.assign(size_t(count.int64(0)) + 1, 0);
        QHash<int64_t, QString> stringOf; // string ids are few: each looked up once
        Statement text(reader.database(), "SELECT str FROM string WHERE id = ?");
        auto string = [&](int64_t id) -> const QString & {
            auto it = stringOf.find(id);
            if (it == stringOf.end()) {
                text.reset();
                text.bind(1, id);
                it = stringOf.insert(id, text.step() ? text.text(0) : QString());
            }
            return *it;
        };
        QHash<QPair<int64_t, QString>, uint32_t> labelOfPair;
        Statement rows(reader.database(), scanSql(grouping));
        for (uint64_t n = 0; rows.step(); ++n) {
            if ((n & 0xffff) == 0 && cancel && cancel->load())
                return false;
            const int64_t id = rows.int64(0);
            if (id <= 0 || size_t(id) >= byId.size())
                continue;
            const QPair<int64_t, QString> key{rows.int64(1), rows.text(2)};
            auto known = labelOfPair.constFind(key);
            if (known == labelOfPair.constEnd()) {
                const QString label = nameWithShapes(string(key.first), key.second);
                auto it = labelOf.constFind(label);
                if (it == labelOf.constEnd()) {
                    it = labelOf.insert(label, uint32_t(out->labels.size()));
                    out->labels << label;
                }
                known = labelOfPair.insert(key, *it);
            }
            byId[size_t(id)] = *known;
        }
    }
    return true;
}

} // namespace ts::model

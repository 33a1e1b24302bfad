#include "kerneldetails.h"

#include "cache/cachereader.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace ts::model {

namespace {

bool hasDeviceTasks(const Database &db)
{
    Statement s(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='device_task'");
    return s.ok() && s.step();
}

void addDistinct(QString &joined, const QString &value)
{
    if (value.isEmpty())
        return;
    const QStringList seen = joined.split(QStringLiteral(" / "), Qt::SkipEmptyParts);
    if (!seen.contains(value))
        joined = seen.isEmpty() ? value : joined + QStringLiteral(" / ") + value;
}

struct MetricSum
{
    double sum = 0;
    qint64 count = 0;
};

} // namespace

bool isIdColumn(const QString &column)
{
    // "Step Id", "Model ID", "Context ID", "Task ID", "Stream ID", "Device_id", "Op Id"…
    static const QRegularExpression id(QStringLiteral("(^|[ _])(id|ID|Id)$"));
    return id.match(column).hasMatch();
}

bool loadKernelDetails(const QStringList &cachePaths, KernelDetails *out, QString *error,
                       const std::atomic<bool> *cancel)
{
    *out = {};
    QHash<QString, QHash<QString, MetricSum>> sums; // name → metric → sum
    QHash<QString, int> metricIndex;
    for (const QString &path : cachePaths) {
        if (cancel && cancel->load())
            return false;
        CacheReader reader;
        if (!reader.open(path, error))
            return false;
        const Database &db = reader.database();
        if (!hasDeviceTasks(db))
            continue;
        Statement kinds(db, "SELECT n.str, o.str, c.str, count(*) FROM device_task t "
                            "JOIN string n ON n.id = t.name_id "
                            "LEFT JOIN string o ON o.id = t.op_type_id "
                            "LEFT JOIN string c ON c.id = t.core_id "
                            "GROUP BY t.name_id, t.op_type_id, t.core_id");
        while (kinds.step()) {
            KernelDetail &d = out->byName[kinds.text(0)];
            addDistinct(d.type, kinds.text(1));
            addDistinct(d.core, kinds.text(2));
            d.tasks += kinds.int64(3);
        }
        // json_valid first: the columns are our own JSON, but a cache is a file on disk.
        Statement metrics(db, "SELECT n.str, j.key, sum(j.value), count(*) FROM device_task t "
                              "JOIN string n ON n.id = t.name_id, "
                              "json_each(CASE WHEN json_valid(t.columns) THEN t.columns "
                              "ELSE '{}' END) j "
                              "WHERE j.type IN ('integer', 'real') "
                              "GROUP BY t.name_id, j.key ORDER BY min(t.id), min(j.id)");
        for (int n = 0; metrics.step(); ++n) {
            if ((n & 0xfff) == 0 && cancel && cancel->load())
                return false;
            const QString metric = metrics.text(1);
            if (isIdColumn(metric))
                continue;
            if (!metricIndex.contains(metric)) {
                metricIndex.insert(metric, int(out->metrics.size()));
                out->metrics << metric;
            }
            MetricSum &s = sums[metrics.text(0)][metric];
            s.sum += metrics.real(2);
            s.count += metrics.int64(3);
        }
    }
    const double none = std::numeric_limits<double>::quiet_NaN();
    for (auto it = out->byName.begin(); it != out->byName.end(); ++it) {
        it->means = QVector<double>(out->metrics.size(), none);
        const QHash<QString, MetricSum> &mine = sums.value(it.key());
        for (auto m = mine.cbegin(); m != mine.cend(); ++m) {
            if (m->count > 0)
                it->means[metricIndex.value(m.key())] = m->sum / double(m->count);
        }
    }
    return true;
}

} // namespace ts::model

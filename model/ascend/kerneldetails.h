#pragma once
// What Ascend's kernel table says of each kernel name (kernel_details.csv / the DB's compute and
// communication tasks, the cache's device_task), for the Operators table's device rows: its
// op type and accelerator core, how many tasks, and the mean of every numeric column the rows
// carry (PMU metrics such as aicore_time(us), aic_mac_ratio, and Block Dim), summed over every
// rank's cache. Id-like columns (Step Id, Model ID, Context ID, …) are left out: their mean says
// nothing. Read with SQLite's JSON functions in one grouped pass per cache: run it in a worker.

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>

namespace ts::model {

struct KernelDetail
{
    QString type; // op type; several joined with " / " when one name has more
    QString core; // accelerator core (AI_CORE, AI_VECTOR_CORE, MIX_AIC, …), the same way
    qint64 tasks = 0;
    QVector<double> means; // one per KernelDetails::metrics; NaN where no row had it
};

struct KernelDetails
{
    QStringList metrics; // numeric column names, in the order the rows first carried them
    QHash<QString, KernelDetail> byName;
    bool isEmpty() const { return byName.isEmpty(); }
};

// Caches without Ascend tables contribute nothing. false with *error when a cache cannot be
// read; false without one when *cancel became true.
bool loadKernelDetails(const QStringList &cachePaths, KernelDetails *out, QString *error,
                       const std::atomic<bool> *cancel = nullptr);

// Whether a numeric column is an identifier rather than a measure.
bool isIdColumn(const QString &column);

} // namespace ts::model

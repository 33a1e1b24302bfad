#include "devicetaskmatch.h"

#include "ascend/ascendreader.h"
#include "cache/sqlite.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

namespace ts::model {

namespace {

bool argNumber(const SliceDetails &slice, const QString &key, qint64 *out)
{
    for (const auto &[k, v] : slice.args) {
        if (k == key) {
            bool ok = false;
            *out = v.toLongLong(&ok);
            return ok && *out >= 0;
        }
    }
    return false;
}

QString nsText(qint64 ns)
{
    return ns < 0 ? QStringLiteral("—") : QStringLiteral("%1 ns").arg(ns);
}

} // namespace

bool deviceTaskKey(const SliceDetails &slice, qint64 *stream, qint64 *taskId)
{
    if (!argNumber(slice, QStringLiteral("Task Id"), taskId))
        return false;
    if (!argNumber(slice, QStringLiteral("Physic Stream Id"), stream))
        *stream = -1; // any stream: the task id and the start still have to match
    return true;
}

QList<QPair<QString, QString>> matchingDeviceTask(const SliceDetails &slice, qint64 tsNs,
                                                  const QList<const Database *> &rankCaches)
{
    QList<QPair<QString, QString>> rows;
    qint64 stream = -1, taskId = -1;
    if (!deviceTaskKey(slice, &stream, &taskId))
        return rows;
    // Both sides write the same µs text with ns digits; a microsecond covers any rounding a
    // producer might do.
    constexpr qint64 kToleranceNs = 1000;
    std::vector<DeviceTaskRow> best;
    for (const Database *db : rankCaches) {
        std::vector<DeviceTaskRow> found =
            deviceTasksNear(*db, stream, taskId, tsNs, kToleranceNs, 1);
        if (!found.empty() &&
            (best.empty() || std::llabs(found[0].ts - tsNs) < std::llabs(best[0].ts - tsNs)))
            best = std::move(found);
    }
    if (best.empty())
        return rows;
    const DeviceTaskRow &r = best[0];
    const QString k = QCoreApplication::translate("DeviceTaskMatch", "Kernel · %1");
    rows << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Name")), r.name)
         << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Type")), r.opType)
         << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Accelerator Core")),
                      r.core)
         << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Start")), nsText(r.ts))
         << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Duration")),
                      nsText(r.dur))
         << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Wait")),
                      nsText(r.wait));
    if (r.device >= 0)
        rows << qMakePair(k.arg(QCoreApplication::translate("DeviceTaskMatch", "Device")),
                          QString::number(r.device));
    const QJsonObject columns = QJsonDocument::fromJson(r.columnsJson.toUtf8()).object();
    for (auto it = columns.begin(); it != columns.end(); ++it)
        rows << qMakePair(k.arg(it.key()), it.value().isString()
                                               ? it.value().toString()
                                               : it.value().toVariant().toString());
    return rows;
}

} // namespace ts::model

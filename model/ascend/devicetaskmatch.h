#pragma once
// The kernel_details / op_summary row of a timeline slice. An Ascend Hardware slice of
// trace_view.json / msprof_*.json names its stream ("Physic Stream Id") and task ("Task Id") in
// its args and starts where the row starts; the row lives in another cache of the same rank (the
// CSV's). What it finds is shown among the slice's details as "Kernel · <column>" rows, every
// column the row carries.

#include "timeline/slicedetails.h"

#include <QList>
#include <QPair>
#include <QString>

namespace ts::model {

class Database;

// stream and task of a slice from its args; false when it names no task.
bool deviceTaskKey(const SliceDetails &slice, qint64 *stream, qint64 *taskId);

// The rows of the nearest matching device task in `rankCaches` (the caches of the slice's rank),
// for a slice starting at tsNs (absolute ns, as the CSV times are). Empty when none matches.
QList<QPair<QString, QString>> matchingDeviceTask(const SliceDetails &slice, qint64 tsNs,
                                                  const QList<const Database *> &rankCaches);

} // namespace ts::model

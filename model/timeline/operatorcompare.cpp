#include "operatorcompare.h"

#include "timeline/timelinedata.h"

#include <QHash>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace ts::model {

QVector<OperatorDelta> compareOperators(const QVector<OperatorStats> &base,
                                        const QVector<OperatorStats> &next)
{
    QHash<QString, int> rowOf;
    QVector<OperatorDelta> out;
    auto row = [&](const QString &name) -> OperatorDelta & {
        auto it = rowOf.constFind(name);
        if (it == rowOf.constEnd()) {
            it = rowOf.insert(name, int(out.size()));
            out.append(OperatorDelta{name});
        }
        return out[*it];
    };
    for (const OperatorStats &s : base) {
        OperatorDelta &d = row(s.name);
        d.countBase += s.count;
        d.totalBaseNs += s.totalNs;
        d.selfBaseNs += s.selfNs;
    }
    for (const OperatorStats &s : next) {
        OperatorDelta &d = row(s.name);
        d.countNew += s.count;
        d.totalNewNs += s.totalNs;
        d.selfNewNs += s.selfNs;
    }
    std::sort(out.begin(), out.end(), [](const OperatorDelta &a, const OperatorDelta &b) {
        const qint64 da = std::llabs(a.deltaNs()), db = std::llabs(b.deltaNs());
        return da != db ? da > db : a.name < b.name;
    });
    return out;
}

namespace {

bool runOperators(const RunCaches &run, QVector<OperatorStats> *rows, QString *error)
{
    TimelineData data;
    if (!data.load(run.caches, error, run.groupTitles)) {
        *error = QStringLiteral("%1: %2").arg(run.path, *error);
        return false;
    }
    OperatorQuery query;
    query.splitSides = false; // a name is lined up with its namesake, wherever it ran
    *rows = operatorStats(data, query);
    return true;
}

} // namespace

bool compareRuns(const RunCaches &base, const RunCaches &next, QVector<OperatorDelta> *rows,
                 QString *error)
{
    QVector<OperatorStats> a, b;
    QString baseError, nextError;
    bool baseOk = false;
    std::thread baseThread([&] { baseOk = runOperators(base, &a, &baseError); });
    const bool nextOk = runOperators(next, &b, &nextError);
    baseThread.join();
    if (!baseOk || !nextOk) {
        *error = !baseOk ? baseError : nextError;
        return false;
    }
    *rows = compareOperators(a, b);
    return true;
}

} // namespace ts::model

#include "operatorcompare.h"

#include <QHash>

#include <algorithm>
#include <cstdlib>

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

} // namespace ts::model

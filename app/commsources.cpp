#include "commsources.h"

#include <QHash>

namespace ts::app {

QList<model::CommSource> communicationSources(const InputOutcome &outcome)
{
    QHash<QString, int> rankOf;
    for (const RankOutcome &rank : outcome.ranks)
        for (const QString &cache : rank.caches)
            rankOf.insert(cache, rank.rank);
    QList<model::CommSource> sources;
    for (const QString &cache : outcome.cachePaths())
        if (model::hasCommunicationData(cache))
            sources << model::CommSource{cache, rankOf.value(cache, -1)};
    return sources;
}

} // namespace ts::app

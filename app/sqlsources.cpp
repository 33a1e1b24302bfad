#include "sqlsources.h"

#include "cache/cachereader.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <climits>

namespace ts::app {

namespace {

// A Kineto trace of a distributed run names its rank in distributedInfo (process.rank).
int rankInCache(const QString &cache)
{
    model::CacheReader reader;
    int rank = INT_MAX;
    if (reader.open(cache, nullptr)) {
        for (const model::ProcessInfo &p : reader.processes()) {
            if (p.rank >= 0)
                rank = std::min(rank, p.rank);
        }
    }
    return rank == INT_MAX ? -1 : rank;
}

// "kernel_details.csv" -> "kernel_details": a name that needs no quoting in SQL.
QString stemIdentifier(const QString &inputPath)
{
    static const QRegularExpression other(QStringLiteral("[^a-z0-9_]+"));
    QString stem = QFileInfo(inputPath).fileName().toLower();
    stem = stem.left(stem.indexOf(QLatin1Char('.')) > 0 ? stem.indexOf(QLatin1Char('.'))
                                                        : stem.size());
    return stem.replace(other, QStringLiteral("_"));
}

} // namespace

QList<model::SqlSource> sqlSourcesFor(const InputOutcome &outcome)
{
    const QStringList caches = outcome.cachePaths();
    const QStringList groups = outcome.groupTitles();
    QHash<QString, QString> inputOf;
    for (const ImportOutcome &f : outcome.files)
        inputOf.insert(f.cachePath, f.inputPath);
    QHash<QString, int> ascendRankOf;
    for (const RankOutcome &r : outcome.ranks) {
        for (const QString &cache : r.caches)
            ascendRankOf.insert(cache, r.rank);
    }

    QList<model::SqlSource> sources;
    QHash<QString, int> uses; // base name -> caches that would take it
    for (qsizetype i = 0; i < caches.size(); ++i) {
        const QString &cache = caches[i];
        const QString input = inputOf.value(cache);
        QString label = QFileInfo(input).fileName();
        if (!groups.value(i).isEmpty())
            label = groups[i] + QStringLiteral(" — ") + label;
        QString base;
        if (caches.size() > 1) {
            const int rank =
                ascendRankOf.contains(cache) ? ascendRankOf.value(cache) : rankInCache(cache);
            base =
                rank >= 0 ? QStringLiteral("rank%1").arg(rank) : QStringLiteral("input%1").arg(i);
        } else {
            base = QStringLiteral("main");
        }
        ++uses[base];
        sources << model::SqlSource{base, cache, label};
    }
    // A rank with several caches (its DB fell back to text files, or several traces name it).
    QHash<QString, int> taken;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        model::SqlSource &s = sources[i];
        if (uses.value(s.schema) > 1)
            s.schema += QLatin1Char('_') + stemIdentifier(inputOf.value(s.cachePath));
        if (taken[s.schema]++ > 0)
            s.schema += QStringLiteral("_%1").arg(i);
    }
    return sources;
}

} // namespace ts::app

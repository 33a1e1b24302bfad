#include "commstats.h"

#include "util/csv.h"

#include <QCollator>
#include <QHash>
#include <QMap>

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

bool inStep(const CommKeyValues &k, const QString &step)
{
    return step.isEmpty() || k.step == step;
}
bool isTotal(const QString &op)
{
    return op == QLatin1String(kTotalOpInfo);
}
double ratio(qint64 part, qint64 transit)
{
    if (part < 0 || transit < 0 || part + transit <= 0)
        return -1;
    return double(part) / double(part + transit);
}
double bandwidthOf(qint64 bytes, qint64 ns)
{
    return ns > 0 && bytes >= 0 ? double(bytes) / double(ns) : -1;
}
qint64 orZero(qint64 v)
{
    return v < 0 ? 0 : v;
}

// Sums rows into cells per (src, dst, transport).
QList<CommMatrixCell> cellsOf(const QList<const CommMatrixRow *> &rows)
{
    QMap<std::tuple<int, int, QString>, CommMatrixCell> cells;
    for (const CommMatrixRow *r : rows) {
        CommMatrixCell &c = cells[{r->src, r->dst, r->transport}];
        c.src = r->src;
        c.dst = r->dst;
        c.transport = r->transport;
        c.size += orZero(r->size);
        c.time += orZero(r->time);
    }
    QList<CommMatrixCell> out;
    for (CommMatrixCell &c : cells) {
        c.bandwidth = bandwidthOf(c.size, c.time);
        out.append(c);
    }
    return out;
}

} // namespace

QStringList CommunicationStats::steps(const CommunicationData &data)
{
    QStringList steps;
    const auto add = [&steps](const CommKeyValues &k) {
        if (!steps.contains(k.step))
            steps.append(k.step);
    };
    for (const CommOpRow &r : data.ops)
        add(r);
    for (const CommMatrixRow &r : data.matrix)
        add(r);
    QCollator natural;
    natural.setNumericMode(true);
    std::sort(steps.begin(), steps.end(), natural);
    return steps;
}

QList<CommMatrixCell> CommunicationStats::matrixOf(const CommunicationData &data,
                                                   const QString &step, const QString &op)
{
    QList<const CommMatrixRow *> rows;
    if (!op.isEmpty()) {
        for (const CommMatrixRow &r : data.matrix)
            if (inStep(r, step) && r.op == op)
                rows.append(&r);
        return cellsOf(rows);
    }
    // Totals: per (step, scope), its "Total Op Info" rows, else its "-total" rows, else all.
    QHash<QString, int> best; // step + scope → 2 Total Op Info, 1 -total, 0 none
    const auto kindOf = [](const CommMatrixRow &r) {
        return isTotal(r.op) ? 2 : r.op.endsWith(QLatin1String("-total")) ? 1 : 0;
    };
    const auto scopeKey = [](const CommMatrixRow &r) {
        return r.step + QLatin1Char('\n') + r.scope;
    };
    for (const CommMatrixRow &r : data.matrix)
        if (inStep(r, step))
            best[scopeKey(r)] = std::max(best.value(scopeKey(r)), kindOf(r));
    for (const CommMatrixRow &r : data.matrix)
        if (inStep(r, step) && kindOf(r) == best.value(scopeKey(r)))
            rows.append(&r);
    return cellsOf(rows);
}

CommunicationStats CommunicationStats::compute(const CommunicationData &data, const QString &step)
{
    CommunicationStats s;
    QMap<int, CommRankStat> ranks;
    for (const CommOpRow &r : data.ops) {
        if (!inStep(r, step) || isTotal(r.op))
            continue;
        CommOpStat o;
        o.rank = r.rank;
        o.step = r.step;
        o.scope = r.scope;
        o.op = r.op;
        o.group = r.group;
        o.start = r.start;
        o.elapse = r.elapse;
        o.transit = r.transit;
        o.wait = r.wait;
        o.sync = r.sync;
        o.idle = r.idle;
        o.waitRatio = ratio(r.wait, r.transit);
        o.syncRatio = ratio(r.sync, r.transit);
        s.ops.append(o);
        CommRankStat &k = ranks[r.rank];
        k.rank = r.rank;
        ++k.ops;
        k.elapse += orZero(r.elapse);
        k.transit += orZero(r.transit);
        k.wait += orZero(r.wait);
        k.sync += orZero(r.sync);
        k.idle += orZero(r.idle);
    }
    std::stable_sort(s.ops.begin(), s.ops.end(), [](const CommOpStat &a, const CommOpStat &b) {
        return std::tie(a.rank, a.step, a.start) < std::tie(b.rank, b.step, b.start);
    });
    for (CommRankStat &k : ranks) {
        k.waitRatio = ratio(k.wait, k.transit);
        s.ranks.append(k);
    }

    QMap<std::pair<int, QString>, CommLinkStat> links;
    for (const CommLinkRow &r : data.links) {
        if (!inStep(r, step) || isTotal(r.op) || r.size <= 0)
            continue;
        CommLinkStat &l = links[{r.rank, r.link}];
        l.rank = r.rank;
        l.link = r.link;
        l.size += r.size;
        l.time += orZero(r.time);
    }
    for (CommLinkStat &l : links) {
        l.bandwidth = bandwidthOf(l.size, l.time);
        s.links.append(l);
    }

    s.matrix = matrixOf(data, step, {});
    for (const CommMatrixRow &r : data.matrix)
        if (inStep(r, step) && !s.matrixOps.contains(r.op))
            s.matrixOps.append(r.op);
    QCollator natural;
    natural.setNumericMode(true);
    std::sort(s.matrixOps.begin(), s.matrixOps.end(), natural);

    CommSlowest &w = s.slowest;
    if (s.ranks.size() >= 2) {
        const auto byWait = [](const CommRankStat &a, const CommRankStat &b) {
            return a.wait < b.wait;
        };
        const auto least = std::min_element(s.ranks.cbegin(), s.ranks.cend(), byWait);
        const auto most = std::max_element(s.ranks.cbegin(), s.ranks.cend(), byWait);
        w.rank = least->rank;
        w.rankWait = least->wait;
        w.mostWaiting = most->rank;
        w.mostWait = most->wait;
    }
    double lowest = std::numeric_limits<double>::max();
    for (const CommMatrixCell &c : s.matrix) {
        if (c.src == c.dst || c.transport == QLatin1String("LOCAL") || c.bandwidth <= 0)
            continue;
        if (c.bandwidth < lowest) {
            lowest = c.bandwidth;
            w.link = c;
            w.hasLink = w.linkFromMatrix = true;
        }
    }
    if (!w.hasLink) {
        for (const CommLinkStat &l : s.links) {
            if (l.bandwidth > 0 && l.bandwidth < lowest) {
                lowest = l.bandwidth;
                w.linkType = l;
                w.hasLink = true;
            }
        }
    }
    return s;
}

namespace {

QString ms(qint64 ns)
{
    // ms with six decimals: exact to the ns, from the integer.
    if (ns < 0)
        return {};
    return QStringLiteral("%1.%2").arg(ns / 1000000).arg(ns % 1000000, 6, 10, QLatin1Char('0'));
}
QString ratioText(double r)
{
    return r < 0 ? QString() : QString::number(r, 'f', 4);
}

} // namespace

QByteArray communicationCsv(const QList<CommOpStat> &rows)
{
    QByteArray out = csv::line(QStringList{
        QStringLiteral("rank"), QStringLiteral("step"), QStringLiteral("scope"),
        QStringLiteral("op"), QStringLiteral("group"), QStringLiteral("elapse_ms"),
        QStringLiteral("transit_ms"), QStringLiteral("wait_ms"), QStringLiteral("sync_ms"),
        QStringLiteral("idle_ms"), QStringLiteral("wait_ratio"), QStringLiteral("sync_ratio")});
    for (const CommOpStat &r : rows)
        out += csv::line(QStringList{r.rank >= 0 ? QString::number(r.rank) : QString(), r.step,
                                     r.scope, r.op, r.group, ms(r.elapse), ms(r.transit),
                                     ms(r.wait), ms(r.sync), ms(r.idle), ratioText(r.waitRatio),
                                     ratioText(r.syncRatio)});
    return out;
}

} // namespace ts::model

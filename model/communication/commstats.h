#pragma once
// What the Communication view and `--stats communication` show, computed from CommunicationData:
// per rank and operator the transit / wait / synchronisation / idle time and the wait ratios; per
// rank the totals; per rank and link type (HCCS, PCIE, RDMA, SDMA, SIO) the bytes, time and
// bandwidth; the rank × rank matrix of one operator or of the totals; and the slowest rank and
// link named. Plain values, computed off the GUI thread.
//
// Definitions (README, "The Communication view"):
// - An operator's wait ratio is wait / (wait + transit), its synchronisation ratio
//   sync / (sync + transit) (as msprof defines them); -1 when both are zero or unknown.
// - The "Total Op Info" rows msprof writes are totals, not operators: left out of every sum.
// - The slowest rank is the one the others wait for: of the ranks with operators, the one with
//   the least total wait time (it arrives last, so it waits least). Needs two ranks.
// - A link's bandwidth is its bytes over its time (bytes per ns = GB/s), summed over the rows it
//   stands for. The slowest link is the matrix cell (src ≠ dst, not LOCAL) of the lowest
//   bandwidth among the totals; without a matrix, the (rank, link type) of the lowest bandwidth.
// - The matrix "totals" of a step and scope are its "Total Op Info" rows, else its "…-total"
//   aggregate rows (level 2 files), else every row.

#include "commdata.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ts::model {

struct CommOpStat
{
    int rank = -1;
    QString step, scope, op, group;
    qint64 start = -1, elapse = -1, transit = -1, wait = -1, sync = -1, idle = -1;
    double waitRatio = -1, syncRatio = -1;
};

struct CommRankStat
{
    int rank = -1;
    int ops = 0;
    qint64 elapse = 0, transit = 0, wait = 0, sync = 0, idle = 0;
    double waitRatio = -1;
};

struct CommLinkStat
{
    int rank = -1;
    QString link;
    qint64 size = 0, time = 0;
    double bandwidth = -1; // GB/s; -1 without time
};

struct CommMatrixCell
{
    int src = 0, dst = 0;
    QString transport;
    qint64 size = 0, time = 0;
    double bandwidth = -1; // GB/s
};

struct CommSlowest
{
    int rank = -1;        // the rank the others wait for; -1 with fewer than two ranks
    qint64 rankWait = 0;  // its total wait, ns
    int mostWaiting = -1; // the rank that waits longest
    qint64 mostWait = 0;  // its total wait, ns
    bool hasLink = false; // a slowest link was found
    bool linkFromMatrix = false;
    CommMatrixCell link;   // the slowest matrix cell (linkFromMatrix)
    CommLinkStat linkType; // else the slowest rank × link type
};

class CommunicationStats
{
public:
    // Over one step ("step50"), or every step when `step` is empty.
    static CommunicationStats compute(const CommunicationData &data, const QString &step = {});

    QList<CommOpStat> ops;        // one per rank × operator, by rank then start
    QList<CommRankStat> ranks;    // by rank
    QList<CommLinkStat> links;    // rank × link type with bytes, by rank then link
    QList<CommMatrixCell> matrix; // the totals' cells, by src then dst
    QStringList matrixOps;        // the operators the matrix can be shown for (step's, sorted)
    CommSlowest slowest;

    // The steps of the data, in their natural order (step2 before step10).
    static QStringList steps(const CommunicationData &data);
    // The cells of one matrix operator (as named in matrixOps) of a step ("" = every step); the
    // totals when `op` is empty.
    static QList<CommMatrixCell> matrixOf(const CommunicationData &data, const QString &step,
                                          const QString &op);
};

// The ops table as CSV (`--stats communication`, Copy, Export CSV): header
// rank,step,scope,op,group,elapse_ms,transit_ms,wait_ms,sync_ms,idle_ms,wait_ratio,sync_ratio
QByteArray communicationCsv(const QList<CommOpStat> &rows);

} // namespace ts::model

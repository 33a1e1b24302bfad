#pragma once
// The communication rows of an opened input's caches (commschema.sql), read into plain values
// for the Communication view and `--stats communication`. Each cache is given with the rank of
// the folder it came from (-1 when it names none: a cluster file, whose rows carry their ranks).
//
// Cluster data wins: where msprof-analyze's cluster_communication(_matrix).json covers a rank, that
// rank's own communication.json / analysis.db rows are left out (they are the same measurements,
// and counting both would double every figure) — as MindStudio Insight prefers cluster data.
// Times are ns, sizes bytes, bandwidth GB/s; -1 where the source had none.

#include <QList>
#include <QString>
#include <QStringList>

namespace ts::model {

struct CommSource
{
    QString cache;
    int rank = -1; // the rank folder's rank; -1: none (the rows name their own)
};

struct CommKeyValues
{
    int rank = -1; // -1: unknown
    QString step, scope, op, group;
    bool fromCluster = false;
};

struct CommOpRow : CommKeyValues
{
    qint64 start = -1, elapse = -1, transit = -1, wait = -1, sync = -1, idle = -1;
};

struct CommLinkRow : CommKeyValues
{
    QString link; // HCCS, PCIE, RDMA, SDMA, SIO, …
    qint64 size = -1, time = -1;
    double bandwidth = -1;
};

struct CommMatrixRow : CommKeyValues
{
    int src = 0, dst = 0;
    QString transport, opName;
    qint64 size = -1, time = -1;
    double bandwidth = -1;
};

struct CommunicationData
{
    QList<CommOpRow> ops;
    QList<CommLinkRow> links;
    QList<CommMatrixRow> matrix;
    bool isEmpty() const { return ops.isEmpty() && links.isEmpty() && matrix.isEmpty(); }

    // Reads every source; a cache that cannot be read is named in *error and the others are
    // still read.
    static CommunicationData load(const QList<CommSource> &sources, QString *error = nullptr);
};

// The rows of a cache's communication tables, for the headless import's "communication_ops",
// "communication_links" and "matrix_links"; present is false without any.
struct CommunicationCounts
{
    bool present = false;
    qint64 ops = 0, links = 0, matrixLinks = 0;
    static CommunicationCounts fromCache(const QString &cache);
    CommunicationCounts &operator+=(const CommunicationCounts &o);
};

// Whether a cache has any communication rows (cheap: one row looked for per table).
bool hasCommunicationData(const QString &cache);

// The operator name msprof writes for a step's totals (not an operator of its own).
inline constexpr char kTotalOpInfo[] = "Total Op Info";

} // namespace ts::model

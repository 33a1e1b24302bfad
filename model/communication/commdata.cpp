#include "commdata.h"

#include "cache/sqlite.h"

#include <QSet>

namespace ts::model {

namespace {

bool hasTables(const Database &db)
{
    Statement s(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                    "('comm_op','comm_link','comm_matrix')");
    return s.ok() && s.step() && s.int64(0) == 3;
}

qint64 optInt(const Statement &s, int col)
{
    return s.isNull(col) ? -1 : s.int64(col);
}
double optReal(const Statement &s, int col)
{
    return s.isNull(col) ? -1 : s.real(col);
}

// The key columns every table starts with, strings resolved.
const char kKeySelect[] =
    "t.rank, (SELECT str FROM string WHERE id = t.step_id), "
    "(SELECT str FROM string WHERE id = t.scope_id), (SELECT str FROM string WHERE id = t.op_id), "
    "(SELECT str FROM string WHERE id = t.group_id)";
constexpr int kKeyColumns = 5;

void readKey(const Statement &s, int folderRank, CommKeyValues &k)
{
    k.fromCluster = !s.isNull(0);
    k.rank = k.fromCluster ? int(s.int64(0)) : folderRank;
    k.step = s.text(1);
    k.scope = s.text(2);
    k.op = s.text(3);
    k.group = s.text(4);
}

QString stringColumn(const char *idColumn)
{
    return QStringLiteral("(SELECT str FROM string WHERE id = t.%1)").arg(QLatin1String(idColumn));
}

bool readCache(const CommSource &source, CommunicationData &out, QString *error)
{
    Database db;
    if (!db.openReadOnly(source.cache, error))
        return false;
    if (!hasTables(db))
        return true; // a cache written before the communication tables: nothing to read
    const QByteArray opSql = QByteArrayLiteral("SELECT ") + kKeySelect +
                             ", start_ns, elapse, transit, wait, sync, idle FROM comm_op t "
                             "ORDER BY id";
    Statement ops(db, opSql.constData());
    while (ops.step()) {
        CommOpRow r;
        readKey(ops, source.rank, r);
        int c = kKeyColumns;
        r.start = optInt(ops, c++);
        r.elapse = optInt(ops, c++);
        r.transit = optInt(ops, c++);
        r.wait = optInt(ops, c++);
        r.sync = optInt(ops, c++);
        r.idle = optInt(ops, c++);
        out.ops.append(r);
    }
    const QByteArray linkSql = QByteArrayLiteral("SELECT ") + kKeySelect + ", " +
                               stringColumn("link_id").toUtf8() +
                               ", size, time, bandwidth FROM comm_link t ORDER BY id";
    Statement links(db, linkSql.constData());
    while (links.step()) {
        CommLinkRow r;
        readKey(links, source.rank, r);
        r.link = links.text(kKeyColumns);
        r.size = optInt(links, kKeyColumns + 1);
        r.time = optInt(links, kKeyColumns + 2);
        r.bandwidth = optReal(links, kKeyColumns + 3);
        out.links.append(r);
    }
    const QByteArray matrixSql = QByteArrayLiteral("SELECT ") + kKeySelect +
                                 ", src_rank, dst_rank, " + stringColumn("transport_id").toUtf8() +
                                 ", size, time, bandwidth, " + stringColumn("op_name_id").toUtf8() +
                                 " FROM comm_matrix t ORDER BY id";
    Statement matrix(db, matrixSql.constData());
    while (matrix.step()) {
        CommMatrixRow r;
        readKey(matrix, source.rank, r);
        int c = kKeyColumns;
        r.src = int(matrix.int64(c++));
        r.dst = int(matrix.int64(c++));
        r.transport = matrix.text(c++);
        r.size = optInt(matrix, c++);
        r.time = optInt(matrix, c++);
        r.bandwidth = optReal(matrix, c++);
        r.opName = matrix.text(c++);
        out.matrix.append(r);
    }
    if (!ops.ok() || !links.ok() || !matrix.ok()) {
        if (error)
            *error = QStringLiteral("%1: cannot read the communication tables: %2")
                         .arg(source.cache, db.lastError());
        return false;
    }
    return true;
}

// Drops a rank's own rows where cluster rows cover that rank.
template <typename Row, typename RankOf> void preferCluster(QList<Row> &rows, RankOf rankOf)
{
    QSet<int> covered;
    for (const Row &r : rows)
        if (r.fromCluster)
            covered.insert(rankOf(r));
    if (covered.isEmpty())
        return;
    rows.removeIf([&](const Row &r) { return !r.fromCluster && covered.contains(rankOf(r)); });
}

} // namespace

CommunicationData CommunicationData::load(const QList<CommSource> &sources, QString *error)
{
    CommunicationData data;
    QStringList errors;
    for (const CommSource &source : sources) {
        QString e;
        if (!readCache(source, data, &e))
            errors << e;
    }
    preferCluster(data.ops, [](const CommOpRow &r) { return r.rank; });
    preferCluster(data.links, [](const CommLinkRow &r) { return r.rank; });
    preferCluster(data.matrix, [](const CommMatrixRow &r) { return r.src; });
    if (error)
        *error = errors.join(QLatin1Char('\n'));
    return data;
}

CommunicationCounts CommunicationCounts::fromCache(const QString &cache)
{
    CommunicationCounts c;
    Database db;
    if (!db.openReadOnly(cache, nullptr) || !hasTables(db))
        return c;
    const auto count = [&db](const char *sql) {
        Statement s(db, sql);
        return s.ok() && s.step() ? s.int64(0) : 0;
    };
    c.ops = count("SELECT count(*) FROM comm_op");
    c.links = count("SELECT count(*) FROM comm_link");
    c.matrixLinks = count("SELECT count(*) FROM comm_matrix");
    c.present = c.ops || c.links || c.matrixLinks;
    return c;
}

CommunicationCounts &CommunicationCounts::operator+=(const CommunicationCounts &o)
{
    present = present || o.present;
    ops += o.ops;
    links += o.links;
    matrixLinks += o.matrixLinks;
    return *this;
}

bool hasCommunicationData(const QString &cache)
{
    Database db;
    if (!db.openReadOnly(cache, nullptr) || !hasTables(db))
        return false;
    Statement s(db, "SELECT EXISTS(SELECT 1 FROM comm_op) OR EXISTS(SELECT 1 FROM comm_link) OR "
                    "EXISTS(SELECT 1 FROM comm_matrix)");
    return s.ok() && s.step() && s.int64(0) != 0;
}

} // namespace ts::model

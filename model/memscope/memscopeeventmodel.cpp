#include "memscopeeventmodel.h"

#include "records/recordformat.h"

#include <algorithm>

namespace ts::model {

MemScopeEventModel::MemScopeEventModel(QObject *parent) : QAbstractTableModel(parent) {}
MemScopeEventModel::~MemScopeEventModel() = default;

bool MemScopeEventModel::setSources(const QStringList &caches, QString *error)
{
    beginResetModel();
    m_caches = caches;
    m_pages.clear();
    m_rows.reset();
    const bool ok = m_reader.open(caches, error);
    endResetModel();
    return ok;
}

void MemScopeEventModel::setRows(std::optional<std::vector<uint32_t>> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_pages.clear();
    endResetModel();
}

int64_t MemScopeEventModel::globalRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_rows ? int64_t((*m_rows)[size_t(row)]) : row;
}

MemScopeEventRef MemScopeEventModel::refAt(int row) const
{
    const int64_t g = globalRow(row);
    return g < 0 ? MemScopeEventRef{} : m_reader.refAt(g);
}

int MemScopeEventModel::rowOf(const MemScopeEventRef &ref) const
{
    const int64_t g = m_reader.rowOf(ref);
    if (g < 0)
        return -1;
    if (!m_rows)
        return int(g);
    const auto it = std::lower_bound(m_rows->begin(), m_rows->end(), uint32_t(g));
    return it != m_rows->end() && *it == uint32_t(g) ? int(it - m_rows->begin()) : -1;
}

std::optional<MemScopeEventRow> MemScopeEventModel::eventAt(int row) const
{
    const MemScopeEventRow *e = rowAt(row);
    return e ? std::optional<MemScopeEventRow>(*e) : std::nullopt;
}

const MemScopeEventRow *MemScopeEventModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int first = row - row % kPageRows;
    auto it = std::find_if(m_pages.begin(), m_pages.end(),
                           [first](const Page &p) { return p.first == first; });
    if (it == m_pages.end()) {
        Page page;
        page.first = first;
        const int last = std::min(rowCount(), first + kPageRows);
        page.rows.resize(size_t(last - first));
        for (int r = first; r < last; ++r) {
            if (!m_reader.read(globalRow(r), &page.rows[size_t(r - first)]))
                page.rows[size_t(r - first)].ref = {}; // unreadable: shown empty
        }
        m_pages.push_front(std::move(page));
        if (m_pages.size() > kPagesKept)
            m_pages.pop_back();
        it = m_pages.begin();
    } else if (it != m_pages.begin()) {
        m_pages.splice(m_pages.begin(), m_pages, it);
        it = m_pages.begin();
    }
    const MemScopeEventRow &e = it->rows[size_t(row - first)];
    return e.ref.source < 0 ? nullptr : &e;
}

int MemScopeEventModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    // A view counts rows in int: a dump of more than 2^31 - 1 rows shows the first ones.
    const int64_t n = m_rows ? int64_t(m_rows->size()) : m_reader.count();
    return int(std::min<int64_t>(n, std::numeric_limits<int>::max()));
}

int MemScopeEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MemScopeEventModel::kindName(int kind)
{
    using K = rec::MemScopeKind;
    switch (K(kind)) {
    case K::Malloc:
        return QStringLiteral("MALLOC");
    case K::Free:
        return QStringLiteral("FREE");
    case K::Access:
        return QStringLiteral("ACCESS");
    case K::OpLaunch:
        return QStringLiteral("OP_LAUNCH");
    case K::KernelLaunch:
        return QStringLiteral("KERNEL_LAUNCH");
    case K::Mstx:
        return QStringLiteral("MSTX");
    case K::System:
        return QStringLiteral("SYSTEM");
    case K::Other:
        break;
    }
    return tr("Other");
}

QString MemScopeEventModel::cellText(const MemScopeEventRow &e, int column) const
{
    const QString na = QStringLiteral("N/A");
    switch (Column(column)) {
    case Id:
        return e.rowId < 0 ? na : QString::number(e.rowId);
    case Event:
        return e.event;
    case Type:
        return e.type;
    case Device:
        if (!e.device)
            return na;
        return *e.device == rec::kMemScopeHost ? QStringLiteral("host")
                                               : QString::number(*e.device);
    case Process:
        return e.pid ? QString::number(*e.pid) : na;
    case Thread:
        return e.tid ? QString::number(*e.tid) : na;
    case Timestamp:
        return QString::number(e.ts);
    case Ptr:
        return e.ptr ? QStringLiteral("0x%1").arg(*e.ptr, 16, 16, QLatin1Char('0')) : na;
    case Size:
        return e.size ? QString::number(*e.size) : QString();
    case Name:
        return e.name == na ? QString() : e.name;
    case Owner:
        return e.owner;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant MemScopeEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole) {
        switch (Column(index.column())) {
        case Id:
        case Process:
        case Thread:
        case Timestamp:
        case Size:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const MemScopeEventRow *e = rowAt(index.row());
    return e ? QVariant(cellText(*e, index.column())) : QVariant();
}

QVariant MemScopeEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("ID");
    case Event:
        return tr("Event");
    case Type:
        return tr("Event type");
    case Device:
        return tr("Device");
    case Process:
        return tr("Process");
    case Thread:
        return tr("Thread");
    case Timestamp:
        return tr("Timestamp (ns)");
    case Ptr:
        return tr("Ptr");
    case Size:
        return tr("Size (bytes)");
    case Name:
        return tr("Name");
    case Owner:
        return tr("Owner");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ts::model

#include "sqlresultmodel.h"

#include <QBrush>
#include <QLocale>
#include <QPalette>

namespace ts::views {

void SqlResultModel::reset(const QStringList &columns)
{
    beginResetModel();
    m_columns = columns;
    m_rows.clear();
    m_shown = 0;
    endResetModel();
}

void SqlResultModel::append(const QList<model::SqlRow> &rows)
{
    m_rows += rows;
    // The first page fills as rows arrive; the rest waits until the view scrolls to it.
    if (m_shown < kPageRows)
        showUpTo(kPageRows);
}

int SqlResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_shown;
}

int SqlResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString SqlResultModel::displayText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        return QStringLiteral("NULL");
    case QMetaType::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QByteArray:
        return tr("<blob, %1 bytes>").arg(value.toByteArray().size());
    default:
        return value.toString();
    }
}

QVariant SqlResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_shown || index.column() >= m_columns.size())
        return {};
    const QVariant &value = m_rows[index.row()].value(index.column());
    switch (role) {
    case Qt::DisplayRole: {
        QString text = displayText(value);
        // One line per row: the full text is in the tooltip.
        const qsizetype newline = text.indexOf(QLatin1Char('\n'));
        if (newline >= 0 || text.size() > 300)
            text = text.left(std::min<qsizetype>(newline >= 0 ? newline : 300, 300)) +
                   QStringLiteral(" …");
        return text;
    }
    case Qt::ToolTipRole:
        return value.typeId() == QMetaType::QString && value.toString().size() > 60
                   ? QVariant(value.toString().left(4000))
                   : QVariant();
    case Qt::TextAlignmentRole:
        return value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return value.isNull() ? QVariant(QPalette().brush(QPalette::PlaceholderText)) : QVariant();
    default:
        return {};
    }
}

QVariant SqlResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_columns.value(section);
    return section + 1;
}

bool SqlResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_shown < m_rows.size();
}

void SqlResultModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        showUpTo(m_shown + kPageRows);
}

void SqlResultModel::showUpTo(qsizetype rows)
{
    // A view (or a model tester) may ask again from inside beginInsertRows: one page at a time.
    const int last = int(std::min(rows, m_rows.size()));
    if (m_fetching || last <= m_shown)
        return;
    m_fetching = true;
    beginInsertRows({}, m_shown, last - 1);
    m_shown = last;
    endInsertRows();
    m_fetching = false;
}

} // namespace ts::views

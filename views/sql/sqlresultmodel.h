#pragma once
// The rows of one query's result, as the worker hands them over. Rows are kept as they arrive
// (at most the row limit) but shown to the view in pages through canFetchMore/fetchMore, so a
// large result never makes the table lay out every row at once.

#include "sql/queryrunner.h"

#include <QAbstractTableModel>

namespace ts::views {

class SqlResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kPageRows = 1000;

    using QAbstractTableModel::QAbstractTableModel;

    void reset(const QStringList &columns); // a new result: no rows yet
    void append(const QList<model::SqlRow> &rows);
    qint64 receivedRows() const { return m_rows.size(); }
    const QStringList &columns() const { return m_columns; }
    const model::SqlRow &row(int i) const { return m_rows[i]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // How a cell reads in the table: NULL, a number, text, or "<blob, N bytes>".
    static QString displayText(const QVariant &value);

private:
    void showUpTo(qsizetype rows);

    QStringList m_columns;
    QList<model::SqlRow> m_rows;
    int m_shown = 0; // rows the view has been told about
    bool m_fetching = false;
};

} // namespace ts::views

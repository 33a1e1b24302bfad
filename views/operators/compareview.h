#pragma once
// Two runs' operators side by side (File ▸ Compare…, `--compare BASE PATH`): per name both
// counts and totals and the change, largest change first; filtered by name, sortable, exported
// as CSV in the `--compare … --stats operators` format. It only shows what it is given: the
// imports and the computation are the app's (app/comparetab.h).

#include "timeline/operatorcompare.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ts::views {

class CompareTableModel;

class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);
    void setRows(QVector<model::OperatorDelta> rows, const QString &baseName,
                 const QString &newName);

    CompareTableModel *tableModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filterField; }
    QByteArray visibleCsv() const; // the rows shown, in their shown order
    bool exportCsv(const QString &file, QString *error) const;

private:
    void updateStatus();
    void exportWithDialog();

    CompareTableModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_filterField;
    QLabel *m_title;
    QLabel *m_status;
};

} // namespace ts::views

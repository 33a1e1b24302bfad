#pragma once
// Two msMemScope runs side by side (File ▸ Compare… of two dumps, `--compare BASE NEW`): per
// owner or per MALLOC call stack (a switch), the bytes held at the peak and at the end in each
// run and the growth, largest growth first; filtered by text, sortable by any column. It only
// shows what it is given: the imports and the computation are the app's (app/comparetab.h).

#include "memscope/memscopecompare.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ts::views {

class MemScopeCompareModel;

class MemScopeCompareView : public QWidget
{
    Q_OBJECT
public:
    explicit MemScopeCompareView(QWidget *parent = nullptr);
    void setRows(QVector<model::MemScopeDelta> rows, const QString &baseName,
                 const QString &newName);
    void showKind(model::MemScopeGroupKind kind);

    MemScopeCompareModel *tableModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filterField; }
    QComboBox *kindBox() const { return m_kind; }

private:
    void updateStatus();

    QVector<model::MemScopeDelta> m_all;
    MemScopeCompareModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_filterField;
    QComboBox *m_kind;
    QLabel *m_title;
    QLabel *m_status;
};

} // namespace ts::views

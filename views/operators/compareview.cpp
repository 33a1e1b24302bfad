#include "compareview.h"

#include "comparetablemodel.h"
#include "timeline/operatorcsv.h"
#include "timeline/timeformat.h"
#include "util/safefs.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ts::views {

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    m_model = new CompareTableModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(Qt::UserRole);
    m_filter->setFilterKeyColumn(CompareTableModel::Name);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("compareTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_filterField = new QLineEdit;
    m_filterField->setPlaceholderText(tr("Filter operators by name"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMaximumWidth(360);
    connect(m_filterField, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    m_status = new QLabel;
    auto *save = new QPushButton(tr("Export CSV…"));
    connect(save, &QPushButton::clicked, this, &CompareView::exportWithDialog);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(CompareTableModel::Name,
                                                      QHeaderView::Stretch);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &CompareView::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &CompareView::updateStatus);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(m_filterField, 1);
    bar->addWidget(m_status, 1);
    bar->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_title->setContentsMargins(8, 6, 8, 2);
    layout->addWidget(m_title);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
}

void CompareView::setRows(QVector<model::OperatorDelta> rows, const QString &baseName,
                          const QString &newName)
{
    m_title->setText(tr("Base: %1   ·   New: %2   ·   Δ = new − base").arg(baseName, newName));
    m_model->setRows(std::move(rows));
    // Largest change first, as the CSV: |Δ| descending is the model's own order.
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    updateStatus();
}

void CompareView::updateStatus()
{
    m_status->setText(tr("%1 of %2 operators").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

QByteArray CompareView::visibleCsv() const
{
    QVector<model::OperatorDelta> rows;
    for (int r = 0; r < m_filter->rowCount(); ++r)
        rows.append(m_model->rows()[m_filter->mapToSource(m_filter->index(r, 0)).row()]);
    return model::compareCsv(rows);
}

bool CompareView::exportCsv(const QString &file, QString *error) const
{
    return fs::replaceFile(file, visibleCsv(), error);
}

void CompareView::exportWithDialog()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Comparison"), QStringLiteral("compare.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!file.isEmpty() && !exportCsv(file, &error))
        QMessageBox::warning(this, tr("Export Comparison"), error);
}

} // namespace ts::views

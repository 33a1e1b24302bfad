#include "memscopecompareview.h"

#include "memscopecomparemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ts::views {

MemScopeCompareView::MemScopeCompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("memscopeCompareView"));
    m_model = new MemScopeCompareModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(Qt::UserRole);
    m_filter->setFilterRole(Qt::UserRole); // the whole stack, not its first frame
    m_filter->setFilterKeyColumn(MemScopeCompareModel::Key);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_title = new QLabel;
    m_title->setTextFormat(Qt::PlainText);
    m_title->setContentsMargins(8, 6, 8, 2);
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("memscopeCompareKind"));
    m_kind->addItem(tr("By owner"), int(model::MemScopeGroupKind::Owner));
    m_kind->addItem(tr("By call stack"), int(model::MemScopeGroupKind::Stack));
    m_filterField = new QLineEdit;
    m_filterField->setPlaceholderText(tr("Filter by owner or stack frame"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMaximumWidth(360);
    m_status = new QLabel;

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("memscopeCompareTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Few rows: the numbers' columns fit their contents, the owner or stack takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MemScopeCompareModel::Key,
                                                      QHeaderView::Stretch);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(m_kind);
    bar->addWidget(m_filterField, 1);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_filterField, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_kind, &QComboBox::currentIndexChanged, this,
            [this] { showKind(model::MemScopeGroupKind(m_kind->currentData().toInt())); });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MemScopeCompareView::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MemScopeCompareView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MemScopeCompareView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MemScopeCompareView::updateStatus);
}

void MemScopeCompareView::setRows(QVector<model::MemScopeDelta> rows, const QString &baseName,
                                  const QString &newName)
{
    m_title->setText(
        tr("msMemScope memory — base: %1   ·   new: %2   ·   growth = new − base, largest first")
            .arg(baseName, newName));
    m_all = std::move(rows);
    showKind(model::MemScopeGroupKind(m_kind->currentData().toInt()));
}

void MemScopeCompareView::showKind(model::MemScopeGroupKind kind)
{
    {
        const QSignalBlocker quiet(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    }
    m_model->setRows(m_all, kind);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the model's order: largest growth first
    updateStatus();
}

void MemScopeCompareView::updateStatus()
{
    m_status->setText(tr("%1 of %2 rows").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

} // namespace ts::views

#include "operatorsview.h"

#include "operatorbarchart.h"
#include "operatorfiltermodel.h"
#include "operatortablemodel.h"
#include "timeline/operatorcsv.h"
#include "timeline/timeformat.h"
#include "util/safefs.h"
#include "util/workerpool.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace ts::views {

OperatorsView::OperatorsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("operatorsView"));
    m_model = new OperatorTableModel(this);
    m_filter = new OperatorFilterModel(this);
    m_filter->setSourceModel(m_model);

    m_filterField = new QLineEdit;
    m_filterField->setObjectName(QStringLiteral("operatorFilter"));
    m_filterField->setPlaceholderText(tr("Filter operators by name"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMaximumWidth(360);
    connect(m_filterField, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    m_sideBox = new QComboBox;
    m_sideBox->setObjectName(QStringLiteral("operatorSide"));
    m_sideBox->addItem(tr("CPU operators and device kernels"), 0);
    m_sideBox->addItem(tr("CPU operators"), int(model::kHostSide));
    m_sideBox->addItem(tr("Device kernels"), int(model::kDeviceSide));
    connect(m_sideBox, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSides(uint8_t(m_sideBox->currentData().toInt())); });
    m_scopeBox = new QComboBox;
    m_scopeBox->setObjectName(QStringLiteral("operatorScope"));
    m_scopeBox->addItem(tr("Whole input"));
    m_scopeBox->addItem(tr("Timeline range (Shift-drag)"));
    connect(m_scopeBox, &QComboBox::currentIndexChanged, this, &OperatorsView::recompute);
    m_groupBox = new QComboBox;
    m_groupBox->setObjectName(QStringLiteral("operatorGrouping"));
    m_groupBox->addItem(tr("By name"));
    m_groupBox->addItem(tr("By category"));
    connect(m_groupBox, &QComboBox::currentIndexChanged, this, &OperatorsView::recompute);
    m_status = new QLabel(tr("Waiting for the timeline…"));
    m_status->setObjectName(QStringLiteral("operatorStatus"));
    auto *copy = new QPushButton(tr("Copy"));
    copy->setToolTip(tr("Copy the selected rows as CSV (Ctrl+C)"));
    connect(copy, &QPushButton::clicked, this, &OperatorsView::copySelection);
    auto *save = new QPushButton(tr("Export CSV…"));
    save->setObjectName(QStringLiteral("operatorExport"));
    connect(save, &QPushButton::clicked, this, &OperatorsView::exportWithDialog);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("operatorTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OperatorTableModel::Total, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(OperatorTableModel::Name,
                                                      QHeaderView::Stretch);
    connect(m_table, &QTableView::doubleClicked, this, &OperatorsView::onActivated);
    auto *copyKey = new QShortcut(QKeySequence::Copy, m_table);
    copyKey->setContext(Qt::WidgetShortcut);
    connect(copyKey, &QShortcut::activated, this, &OperatorsView::copySelection);
    m_chart = new OperatorBarChart(m_filter);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(m_filterField, 1);
    bar->addWidget(m_sideBox);
    bar->addWidget(m_groupBox);
    bar->addWidget(m_scopeBox);
    bar->addWidget(m_status, 1);
    bar->addWidget(copy);
    bar->addWidget(save);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_filter, &QAbstractItemModel::modelReset, this, &OperatorsView::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &OperatorsView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &OperatorsView::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &OperatorsView::updateStatus);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &OperatorsView::onComputed);
}

OperatorsView::~OperatorsView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void OperatorsView::setData(std::shared_ptr<const model::TimelineData> data)
{
    m_data = std::move(data);
    m_categories.reset();
    m_ready = false;
    recompute();
}

void OperatorsView::setRange(int64_t start, int64_t end)
{
    if (end <= start)
        return;
    m_rangeStart = start;
    m_rangeEnd = end;
    if (scope() == TimelineRange)
        recompute();
    else
        updateStatus(); // says that a range is there to choose
}

void OperatorsView::setScope(Scope scope)
{
    m_scopeBox->setCurrentIndex(int(scope)); // recomputes when it changes
}

void OperatorsView::setGroupByCategory(bool byCategory)
{
    m_groupBox->setCurrentIndex(byCategory ? 1 : 0); // recomputes when it changes
}

OperatorsView::Scope OperatorsView::scope() const
{
    return Scope(m_scopeBox->currentIndex());
}

void OperatorsView::recompute()
{
    if (m_cancel)
        m_cancel->store(true); // the older answer is dropped: setFuture() below disconnects it
    if (!m_data) {
        m_model->setRows({});
        m_ready = true; // nothing to compute: ready as it is
        m_pending = false;
        updateStatus();
        return;
    }
    model::OperatorQuery query;
    if (scope() == TimelineRange) {
        query.wholeInput = false;
        query.t0 = m_rangeStart;
        query.t1 = m_rangeEnd; // no range yet: an empty [0, 0) and so an empty table
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_pending = true;
    m_status->setText(tr("Computing…"));
    const bool byCategory = m_groupBox->currentIndex() == 1;
    m_pendingCategories.reset();
    std::shared_ptr<const model::SliceCategories> known = byCategory ? m_categories : nullptr;
    std::shared_ptr<model::SliceCategories> load;
    if (byCategory && !known)
        m_pendingCategories = load = std::make_shared<model::SliceCategories>();
    m_watcher.setFuture(QtConcurrent::run(
        model::longWorkPool(),
        [data = m_data, query, cancel = m_cancel, known,
         load]() mutable -> QVector<model::OperatorStats> {
            if (load) {
                QString error;
                if (!model::loadSliceCategories(*data, load.get(), &error, cancel.get())) {
                    load->byCache.clear(); // not kept: the next request reads them again
                    return {};
                }
                known = load;
            }
            query.categories = known.get();
            return model::operatorStats(*data, query, cancel.get());
        }));
}

void OperatorsView::onComputed()
{
    m_model->setRows(m_watcher.result());
    if (m_pendingCategories && !m_pendingCategories->byCache.empty())
        m_categories = std::move(m_pendingCategories); // read: kept for the next request
    m_ready = true;
    m_pending = false;
    updateStatus();
    emit computed();
}

void OperatorsView::updateStatus()
{
    if (!m_data) {
        m_status->setText(m_ready ? tr("No slices") : tr("Waiting for the timeline…"));
        return;
    }
    qint64 slices = 0;
    for (const model::OperatorStats &s : m_model->rows())
        slices += s.count;
    QString text = tr("%1 of %2 operators, %3 slices")
                       .arg(m_filter->rowCount())
                       .arg(m_model->rowCount())
                       .arg(slices);
    if (scope() == TimelineRange)
        text += m_rangeEnd > m_rangeStart
                    ? tr(" in the range of %1").arg(formatDuration(m_rangeEnd - m_rangeStart))
                    : tr(" — Shift-drag a range on the timeline");
    m_status->setText(text);
}

void OperatorsView::onActivated(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    if (source.isValid() && source.row() < m_model->rows().size())
        emit jumpRequested(m_model->rows()[source.row()].slowest);
}

QVector<model::OperatorStats> OperatorsView::rowsOf(const QModelIndexList &proxyRows) const
{
    QVector<model::OperatorStats> rows;
    for (const QModelIndex &i : proxyRows) {
        const QModelIndex source = m_filter->mapToSource(i);
        if (source.isValid())
            rows.append(m_model->rows()[source.row()]);
    }
    return rows;
}

QByteArray OperatorsView::visibleCsv() const
{
    QModelIndexList all;
    for (int r = 0; r < m_filter->rowCount(); ++r)
        all.append(m_filter->index(r, 0));
    return model::operatorsCsv(rowsOf(all));
}

QByteArray OperatorsView::selectedCsv() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    return model::operatorsCsv(rowsOf(rows));
}

void OperatorsView::copySelection() const
{
    const bool any = m_table->selectionModel()->hasSelection();
    QApplication::clipboard()->setText(QString::fromUtf8(any ? selectedCsv() : visibleCsv()));
}

bool OperatorsView::exportCsv(const QString &file, QString *error) const
{
    return fs::replaceFile(file, visibleCsv(), error);
}

void OperatorsView::exportWithDialog()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Operators"), QStringLiteral("operators.csv"), tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!exportCsv(file, &error))
        QMessageBox::warning(this, tr("Export Operators"), error);
}

} // namespace ts::views

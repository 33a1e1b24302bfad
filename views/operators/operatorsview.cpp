#include "operatorsview.h"

#include "csvexport.h"
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
    m_groupBox->addItem(tr("By name and input shapes"));
    m_groupBox->setItemData(ByNameAndShapes,
                            tr("Where the trace recorded them (record_shapes in PyTorch)"),
                            Qt::ToolTipRole);
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
    connect(&m_kernelWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_model->setKernelDetails(m_kernelWatcher.result());
        QHeaderView *header = m_table->horizontalHeader();
        if (m_model->kernelDetails()) {
            // Dozens of metric columns: the name keeps a readable width and the table scrolls.
            header->setSectionResizeMode(OperatorTableModel::Name, QHeaderView::Interactive);
            header->resizeSection(OperatorTableModel::Name, 320);
            for (int c = OperatorTableModel::kFirstKernelColumn; c < m_model->columnCount(); ++c)
                header->resizeSection(
                    c, std::max(
                           80,
                           header->fontMetrics().horizontalAdvance(
                               m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()) +
                               24));
        } else {
            header->setSectionResizeMode(OperatorTableModel::Name, QHeaderView::Stretch);
        }
        emit kernelDetailsLoaded();
    });
}

OperatorsView::~OperatorsView()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_kernelCancel)
        m_kernelCancel->store(true);
    m_watcher.waitForFinished();
    m_kernelWatcher.waitForFinished();
}

void OperatorsView::setData(std::shared_ptr<const model::TimelineData> data)
{
    m_data = std::move(data);
    for (auto &groups : m_groups)
        groups.reset();
    m_ready = false;
    m_model->setKernelDetails(nullptr);
    if (m_kernelCancel)
        m_kernelCancel->store(true); // an older input's: its answer is dropped by setFuture()
    if (m_data) {
        // Ascend's kernel table beside the operators: read once per input, in a worker.
        m_kernelCancel = std::make_shared<std::atomic<bool>>(false);
        m_kernelWatcher.setFuture(QtConcurrent::run(
            model::longWorkPool(),
            [caches = m_data->cachePaths(),
             cancel = m_kernelCancel]() -> std::shared_ptr<const model::KernelDetails> {
                auto details = std::make_shared<model::KernelDetails>();
                QString error;
                if (!model::loadKernelDetails(caches, details.get(), &error, cancel.get()))
                    return nullptr; // the table still shows the slices' own figures
                return details;
            }));
    }
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

void OperatorsView::setGrouping(Grouping grouping)
{
    m_groupBox->setCurrentIndex(int(grouping)); // recomputes when it changes
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
    const auto grouping = Grouping(std::clamp(m_groupBox->currentIndex(), 0, 2));
    m_pendingGroups.reset();
    std::shared_ptr<const model::SliceGroups> known = m_groups[grouping];
    std::shared_ptr<model::SliceGroups> load;
    if (grouping != ByName && !known)
        m_pendingGroups = load = std::make_shared<model::SliceGroups>();
    const model::SliceGrouping kind = grouping == ByCategory ? model::SliceGrouping::Category
                                                             : model::SliceGrouping::NameAndShapes;
    m_watcher.setFuture(QtConcurrent::run(
        model::longWorkPool(),
        [data = m_data, query, cancel = m_cancel, known, load,
         kind]() mutable -> QVector<model::OperatorStats> {
            if (load) {
                QString error;
                if (!model::loadSliceGroups(*data, kind, load.get(), &error, cancel.get())) {
                    load->byCache.clear(); // not kept: the next request reads them again
                    return {};
                }
                known = load;
            }
            query.groups = known.get();
            return model::operatorStats(*data, query, cancel.get());
        }));
}

void OperatorsView::onComputed()
{
    m_model->setRows(m_watcher.result());
    if (m_pendingGroups && !m_pendingGroups->byCache.empty()) // read: kept for the next request
        m_groups[m_pendingGroups->grouping == model::SliceGrouping::Category ? ByCategory
                                                                             : ByNameAndShapes] =
            std::move(m_pendingGroups);
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

QVector<model::OperatorStats> OperatorsView::rowsOf(bool selectedOnly) const
{
    QVector<model::OperatorStats> rows;
    for (int r : shownSourceRows(m_table, m_filter, selectedOnly))
        rows.append(m_model->rows()[r]);
    return rows;
}

QByteArray OperatorsView::visibleCsv() const
{
    return model::operatorsCsv(rowsOf(false), m_model->kernelDetails());
}

QByteArray OperatorsView::selectedCsv() const
{
    return m_table->selectionModel()->hasSelection()
               ? model::operatorsCsv(rowsOf(true), m_model->kernelDetails())
               : model::operatorsCsv({}, m_model->kernelDetails());
}

void OperatorsView::copySelection() const
{
    copyCsv(model::operatorsCsv(rowsOf(true)));
}

bool OperatorsView::exportCsv(const QString &file, QString *error) const
{
    return fs::replaceFile(file, visibleCsv(), error);
}

void OperatorsView::exportWithDialog()
{
    exportCsvWithDialog(this, tr("Export Operators"), QStringLiteral("operators.csv"),
                        visibleCsv());
}

} // namespace ts::views

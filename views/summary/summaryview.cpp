#include "summaryview.h"

#include "operators/csvexport.h"
#include "stepchart.h"
#include "steptablemodel.h"
#include "summary/summarycsv.h"
#include "summary/summaryinput.h"
#include "timeline/timeformat.h"
#include "util/workerpool.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ts::views {

SummaryView::SummaryView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("summaryView"));
    m_model = new StepTableModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(Qt::UserRole);
    m_filter->setFilterKeyColumn(-1); // any column: a step number, a rank, a source
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filterField = new QLineEdit;
    m_filterField->setObjectName(QStringLiteral("summaryFilter"));
    m_filterField->setPlaceholderText(tr("Filter steps (step, rank, source)"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMaximumWidth(320);
    connect(m_filterField, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    m_rankBox = new QComboBox;
    m_rankBox->setObjectName(QStringLiteral("summaryRank"));
    m_rankBox->addItem(tr("All ranks"), -1);
    connect(m_rankBox, &QComboBox::currentIndexChanged, this, &SummaryView::applyRank);
    m_status = new QLabel(tr("Waiting for the timeline…"));
    m_status->setObjectName(QStringLiteral("summaryStatus"));
    auto *copy = new QPushButton(tr("Copy"));
    copy->setToolTip(tr("Copy the selected rows as CSV (Ctrl+C)"));
    connect(copy, &QPushButton::clicked, this, [this] {
        copyCsv(model::summaryCsv(summary(), shownSourceRows(m_table, m_filter, true)));
    });
    auto *save = new QPushButton(tr("Export CSV…"));
    save->setObjectName(QStringLiteral("summaryExport"));
    connect(save, &QPushButton::clicked, this, [this] {
        exportCsvWithDialog(this, tr("Export Summary"), QStringLiteral("summary.csv"),
                            visibleCsv());
    });

    m_chart = new StepChart;
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("summaryTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the summary's order: step, then rank
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_table, &QTableView::doubleClicked, this, &SummaryView::onActivated);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SummaryView::showKernelsOf);
    auto *copyKey = new QShortcut(QKeySequence::Copy, m_table);
    copyKey->setContext(Qt::WidgetShortcut);
    connect(copyKey, &QShortcut::activated, copy, &QPushButton::click);

    m_kernels = new QTableWidget(0, 3);
    m_kernels->setObjectName(QStringLiteral("summaryKernels"));
    m_kernels->setHorizontalHeaderLabels({tr("Top kernels of the step"), tr("Count"), tr("Total")});
    m_kernels->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_kernels->verticalHeader()->hide();
    m_kernels->setWordWrap(false);
    m_kernels->setTextElideMode(Qt::ElideMiddle);
    m_kernels->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_kernels->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_kernels, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (!current.isValid())
            return;
        const model::RankStep &s = summary().rows[current.row()];
        if (row >= 0 && row < s.topKernels.size())
            emit kernelRequested(s.topKernels[row].longest);
    });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(m_filterField, 1);
    bar->addWidget(m_rankBox);
    bar->addWidget(m_status, 1);
    bar->addWidget(copy);
    bar->addWidget(save);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->addWidget(m_kernels);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SummaryView::onComputed);
}

SummaryView::~SummaryView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

const model::StepSummary &SummaryView::summary() const
{
    return m_model->summary();
}

void SummaryView::setData(std::shared_ptr<const model::TimelineData> data,
                          const QStringList &groupTitles)
{
    if (m_cancel)
        m_cancel->store(true);
    m_data = std::move(data);
    m_ready = false;
    if (!m_data) {
        m_model->setSummary({});
        m_chart->setSummary(nullptr);
        m_ready = true;
        m_pending = false;
        return;
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_pending = true;
    m_status->setText(tr("Computing…"));
    m_watcher.setFuture(QtConcurrent::run(
        model::longWorkPool(),
        [data = m_data, groupTitles, cancel = m_cancel]() -> model::StepSummary {
            model::SummaryInput input;
            QString error;
            if (!model::loadSummaryInput(*data, groupTitles, &input, &error, cancel.get()))
                return {};
            return model::computeStepSummary(*data, input, {}, cancel.get());
        }));
}

void SummaryView::onComputed()
{
    m_model->setSummary(m_watcher.result());
    m_chart->setSummary(&m_model->summary());
    m_rankBox->blockSignals(true);
    m_rankBox->clear();
    m_rankBox->addItem(tr("All ranks"), -1);
    for (int r = 0; r < summary().ranks.size(); ++r)
        m_rankBox->addItem(summary().ranks[r].label, r);
    m_rankBox->blockSignals(false);
    m_rankBox->setVisible(summary().ranks.size() > 1);
    applyRank();
    m_ready = true;
    m_pending = false;
    QSet<int64_t> steps;
    for (const model::RankStep &s : summary().rows)
        steps.insert(s.step);
    m_status->setText(tr("%n step(s)", nullptr, int(steps.size())) + QStringLiteral(", ") +
                      tr("%n rank(s)", nullptr, int(summary().ranks.size())));
    if (m_filter->rowCount() > 0)
        m_table->selectRow(0);
    emit computed();
}

void SummaryView::applyRank()
{
    // The chart's bars: every rank side by side, or the chosen one (the table keeps every row).
    m_chart->setRank(m_rankBox->currentData().toInt());
}

void SummaryView::showKernelsOf(const QModelIndex &index)
{
    m_kernels->setRowCount(0);
    const QModelIndex source = m_filter->mapToSource(index);
    if (!source.isValid())
        return;
    const model::RankStep &s = summary().rows[source.row()];
    m_kernels->setRowCount(int(s.topKernels.size()));
    for (int i = 0; i < s.topKernels.size(); ++i) {
        const model::KernelTotal &k = s.topKernels[i];
        auto *name = new QTableWidgetItem(k.name);
        name->setToolTip(tr("%1\nDouble-click: its longest slice on the timeline").arg(k.name));
        m_kernels->setItem(i, 0, name);
        auto *count = new QTableWidgetItem(QString::number(k.count));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_kernels->setItem(i, 1, count);
        auto *total = new QTableWidgetItem(formatDuration(k.totalNs));
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_kernels->setItem(i, 2, total);
    }
}

void SummaryView::onActivated(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    if (!source.isValid())
        return;
    const model::RankStep &s = summary().rows[source.row()];
    if (s.hasRange)
        emit stepRequested(s.start, s.end, s.stepSlice);
}

QByteArray SummaryView::visibleCsv() const
{
    return model::summaryCsv(summary(), shownSourceRows(m_table, m_filter, false));
}

} // namespace ts::views

#include "communicationview.h"

#include "commheatmap.h"
#include "commtablemodels.h"
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
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace ts::views {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const char *name)
{
    auto *table = new QTableView;
    table->setObjectName(QLatin1String(name));
    table->setModel(model);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    label->setContentsMargins(6, 6, 6, 2);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

CommunicationView::CommunicationView(QList<model::CommSource> sources, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("communicationView"));
    m_step = new QComboBox;
    m_step->setObjectName(QStringLiteral("commStep"));
    m_step->setToolTip(tr("The step whose communication is shown"));
    m_filterField = new QLineEdit;
    m_filterField->setPlaceholderText(tr("Filter operators by name"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMaximumWidth(320);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setToolTip(tr("Copy the selected rows as CSV (Ctrl+C)"));
    auto *save = new QPushButton(tr("Export CSV…"));
    m_summary = new QLabel(tr("Reading the communication data…"));
    m_summary->setObjectName(QStringLiteral("commSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(8, 4, 8, 4);

    m_opModel = new CommOpTableModel(this);
    m_opFilter = new QSortFilterProxyModel(this);
    m_opFilter->setSourceModel(m_opModel);
    m_opFilter->setSortRole(Qt::UserRole);
    m_opFilter->setFilterKeyColumn(CommOpTableModel::Op);
    m_opFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filterField, &QLineEdit::textChanged, m_opFilter,
            &QSortFilterProxyModel::setFilterFixedString);
    m_opTable = makeTable(m_opFilter, "commOpTable");

    m_linkModel = new CommLinkTableModel(this);
    auto *linkSort = new QSortFilterProxyModel(this);
    linkSort->setSourceModel(m_linkModel);
    linkSort->setSortRole(Qt::UserRole);
    m_linkTable = makeTable(linkSort, "commLinkTable");

    m_matrixOp = new QComboBox;
    m_matrixOp->setObjectName(QStringLiteral("commMatrixOp"));
    m_matrixOp->setToolTip(tr("The operator whose matrix is shown"));
    m_metric = new QComboBox;
    m_metric->setObjectName(QStringLiteral("commMetric"));
    m_metric->addItem(tr("Bandwidth (GB/s)"), int(CommHeatMap::Metric::Bandwidth));
    m_metric->addItem(tr("Transit size (MB)"), int(CommHeatMap::Metric::Size));
    m_metric->addItem(tr("Transit time (ms)"), int(CommHeatMap::Metric::Time));
    m_heatMap = new CommHeatMap;

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(new QLabel(tr("Step:")));
    bar->addWidget(m_step);
    bar->addWidget(m_filterField, 1);
    bar->addStretch(1);
    bar->addWidget(copy);
    bar->addWidget(save);

    auto *matrixBar = new QHBoxLayout;
    matrixBar->setContentsMargins(6, 0, 6, 0);
    matrixBar->addWidget(m_matrixOp, 1);
    matrixBar->addWidget(m_metric);
    auto *matrixPane = new QWidget;
    auto *matrixLayout = new QVBoxLayout(matrixPane);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->addWidget(heading(tr("Communication matrix")));
    matrixLayout->addLayout(matrixBar);
    matrixLayout->addWidget(m_heatMap, 1);

    auto *linkPane = new QWidget;
    auto *linkLayout = new QVBoxLayout(linkPane);
    linkLayout->setContentsMargins(0, 0, 0, 0);
    linkLayout->addWidget(heading(tr("Bandwidth per link type")));
    linkLayout->addWidget(m_linkTable, 1);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(linkPane);
    bottom->addWidget(matrixPane);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_opTable);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(copy, &QPushButton::clicked, this, &CommunicationView::copySelection);
    auto *copyKey = new QShortcut(QKeySequence::Copy, m_opTable);
    copyKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(copyKey, &QShortcut::activated, this, &CommunicationView::copySelection);
    connect(save, &QPushButton::clicked, this, &CommunicationView::exportWithDialog);
    connect(m_step, &QComboBox::currentIndexChanged, this, &CommunicationView::recompute);
    connect(m_matrixOp, &QComboBox::currentIndexChanged, this, &CommunicationView::updateMatrix);
    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this] { m_heatMap->setMetric(CommHeatMap::Metric(m_metric->currentData().toInt())); });

    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &CommunicationView::onLoaded);
    m_watcher.setFuture(QtConcurrent::run(model::longWorkPool(), [sources] {
        Loaded loaded;
        loaded.data = model::CommunicationData::load(sources, &loaded.error);
        return loaded;
    }));
}

CommunicationView::~CommunicationView()
{
    m_watcher.waitForFinished(); // the worker reads nothing of the view, but let it end first
}

void CommunicationView::onLoaded()
{
    Loaded loaded = m_watcher.result();
    m_data = std::move(loaded.data);
    m_loadError = loaded.error;
    const QSignalBlocker block(m_step);
    m_step->clear();
    m_step->addItem(tr("All steps"), QString());
    for (const QString &step : model::CommunicationStats::steps(m_data))
        m_step->addItem(step, step);
    recompute();
    m_ready = true;
    emit ready();
}

void CommunicationView::recompute()
{
    // The tables are small (one row per rank × operator): computed here, at once.
    const model::CommunicationStats stats =
        model::CommunicationStats::compute(m_data, m_step->currentData().toString());
    m_opModel->setRows(stats.ops);
    m_linkModel->setRows(stats.links);
    // The model's own order (rank, step, start) until a header is clicked.
    m_opTable->sortByColumn(-1, Qt::AscendingOrder);
    m_linkTable->sortByColumn(-1, Qt::AscendingOrder);
    {
        const QSignalBlocker block(m_matrixOp);
        const QString previous = m_matrixOp->currentData().toString();
        m_matrixOp->clear();
        m_matrixOp->addItem(tr("Totals of every operator"), QString());
        for (const QString &op : stats.matrixOps)
            m_matrixOp->addItem(op, op);
        m_matrixOp->setCurrentIndex(std::max(0, m_matrixOp->findData(previous)));
    }
    updateMatrix();
    updateSummary(stats);
}

void CommunicationView::updateMatrix()
{
    m_heatMap->setCells(model::CommunicationStats::matrixOf(
        m_data, m_step->currentData().toString(), m_matrixOp->currentData().toString()));
}

void CommunicationView::updateSummary(const model::CommunicationStats &stats)
{
    QStringList parts;
    parts << tr("%n communication operator(s) on %1 rank(s)", nullptr, int(stats.ops.size()))
                 .arg(stats.ranks.size());
    const model::CommSlowest &w = stats.slowest;
    if (stats.ranks.size() >= 2)
        parts << tr("slowest rank: %1 (the others wait for it: it waits %2 ms in all, rank %3 "
                    "waits %4 ms)")
                     .arg(commRankText(w.rank), commMs(w.rankWait), commRankText(w.mostWaiting),
                          commMs(w.mostWait));
    else if (stats.ranks.size() == 1)
        parts << tr("one rank: no slowest rank to name");
    if (w.hasLink && w.linkFromMatrix)
        parts << tr("slowest link: rank %1 → rank %2 over %3, %4 GB/s")
                     .arg(commRankText(w.link.src), commRankText(w.link.dst), w.link.transport,
                          commGbps(w.link.bandwidth));
    else if (w.hasLink)
        parts << tr("slowest link: %1 of rank %2, %3 GB/s")
                     .arg(w.linkType.link, commRankText(w.linkType.rank),
                          commGbps(w.linkType.bandwidth));
    if (!m_loadError.isEmpty())
        parts << tr("not read: %1").arg(m_loadError);
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

QString CommunicationView::summaryText() const
{
    return m_summary->text();
}

QByteArray CommunicationView::csvOf(QModelIndexList proxyRows) const
{
    std::sort(proxyRows.begin(), proxyRows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<model::CommOpStat> rows;
    for (const QModelIndex &i : proxyRows) {
        const QModelIndex source = m_opFilter->mapToSource(i);
        if (source.isValid())
            rows.append(m_opModel->rows()[source.row()]);
    }
    return model::communicationCsv(rows);
}

QByteArray CommunicationView::visibleCsv() const
{
    QModelIndexList all;
    for (int r = 0; r < m_opFilter->rowCount(); ++r)
        all.append(m_opFilter->index(r, 0));
    return csvOf(all);
}

QByteArray CommunicationView::selectedCsv() const
{
    return csvOf(m_opTable->selectionModel()->selectedRows());
}

void CommunicationView::copySelection() const
{
    const bool any = m_opTable->selectionModel()->hasSelection();
    QApplication::clipboard()->setText(QString::fromUtf8(any ? selectedCsv() : visibleCsv()));
}

bool CommunicationView::exportCsv(const QString &file, QString *error) const
{
    return fs::replaceFile(file, visibleCsv(), error);
}

void CommunicationView::exportWithDialog()
{
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Export Communication"),
                                     QStringLiteral("communication.csv"), tr("CSV files (*.csv)"));
    QString error;
    if (!file.isEmpty() && !exportCsv(file, &error))
        QMessageBox::warning(this, tr("Export Communication"), error);
}

} // namespace ts::views

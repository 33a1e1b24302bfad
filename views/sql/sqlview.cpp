#include "sqlview.h"

#include "queryhistory.h"
#include "sqlresultmodel.h"
#include "util/csv.h"
#include "util/safefs.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ts::views {

SqlView::SqlView(SqlWorker::SourceList sources, QWidget *parent)
    : QWidget(parent), m_worker(std::move(sources))
{
    m_schema = new QTreeWidget;
    m_schema->setObjectName(QStringLiteral("sqlSchema"));
    m_schema->setHeaderLabels({tr("Table / column"), tr("Type")});
    m_schema->setRootIsDecorated(true);
    m_schema->setUniformRowHeights(true);
    m_schema->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_schema->setColumnWidth(0, 170);
    m_schema->addTopLevelItem(new QTreeWidgetItem({tr("Opening the caches…")}));
    // A double-click puts the name into the query at the cursor.
    connect(m_schema, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString name = item->data(0, Qt::UserRole).toString();
        if (!name.isEmpty()) {
            m_editor->insertPlainText(name);
            m_editor->setFocus();
        }
    });

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(makeEditorPane());
    right->addWidget(makeResultPane());
    right->setStretchFactor(1, 3);
    right->setSizes({220, 780});
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_schema);
    split->addWidget(right);
    split->setStretchFactor(1, 4);
    split->setSizes({300, 1200});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(&m_worker, &SqlWorker::opened, this, &SqlView::onOpened);
    connect(&m_worker, &SqlWorker::openFailed, this, [this](const QString &error) {
        m_schema->clear();
        m_schema->addTopLevelItem(new QTreeWidgetItem({tr("The caches could not be opened")}));
        m_opened = true; // settled, though nothing will run
        m_pendingQuery.clear();
        m_run->setEnabled(false);
        setStatus(error, true);
    });
    connect(&m_worker, &SqlWorker::columns, this,
            [this](quint64 generation, const QStringList &columns) {
                if (generation == m_generation)
                    m_model->reset(columns);
            });
    connect(&m_worker, &SqlWorker::rows, this,
            [this](quint64 generation, const QList<model::SqlRow> &rows) {
                if (generation != m_generation)
                    return;
                const bool first = m_model->rowCount() == 0;
                m_model->append(rows);
                if (first) // widths from the first page; the user can drag them later
                    m_table->resizeColumnsToContents();
                setStatus(tr("Running… %L1 rows so far").arg(m_model->receivedRows()), false);
            });
    connect(&m_worker, &SqlWorker::finished, this, &SqlView::onFinished);
    setRunning(false);
    m_worker.open();
}

SqlView::~SqlView() = default;

QString SqlView::exampleQuery()
{
    return QStringLiteral(
        "-- Read-only SQL over this input's caches (see README: the cache schema).\n"
        "-- The slice names with the most time; dur is in nanoseconds.\n"
        "SELECT s.str AS name, count(*) AS count, sum(slice.dur) / 1e3 AS total_us\n"
        "FROM slice JOIN string s ON s.id = slice.name_id\n"
        "GROUP BY slice.name_id ORDER BY sum(slice.dur) DESC LIMIT 50");
}

QWidget *SqlView::makeEditorPane()
{
    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(QStringLiteral("sqlEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlainText(exampleQuery());
    m_editor->setPlaceholderText(tr("SELECT … (Ctrl+Return runs it)"));

    m_run = new QPushButton(tr("Run"));
    m_run->setObjectName(QStringLiteral("sqlRun"));
    m_run->setToolTip(tr("Run the query (Ctrl+Return)"));
    connect(m_run, &QPushButton::clicked, this, [this] { runQuery(); });
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_editor);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] { runQuery(); });
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("sqlCancel"));
    connect(m_cancel, &QPushButton::clicked, this, &SqlView::cancel);

    m_history = new QComboBox;
    m_history->setObjectName(QStringLiteral("sqlHistory"));
    m_history->setMinimumContentsLength(16); // the tab must not widen the window
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_history, &QComboBox::activated, this, [this](int index) {
        const QString query = m_history->itemData(index).toString();
        if (!query.isEmpty())
            m_editor->setPlainText(query);
        m_history->setCurrentIndex(0);
    });
    refreshHistory();

    m_rowLimit = new QSpinBox;
    m_rowLimit->setObjectName(QStringLiteral("sqlRowLimit"));
    m_rowLimit->setRange(1, 10000000);
    m_rowLimit->setValue(kDefaultRowLimit);
    m_rowLimit->setGroupSeparatorShown(true);
    m_rowLimit->setToolTip(tr("At most this many rows are fetched"));
    m_timeLimit = new QSpinBox;
    m_timeLimit->setObjectName(QStringLiteral("sqlTimeLimit"));
    m_timeLimit->setRange(1, 3600);
    m_timeLimit->setValue(kDefaultTimeLimitSeconds);
    m_timeLimit->setSuffix(tr(" s"));
    m_timeLimit->setToolTip(tr("A query running longer is stopped"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    bar->addWidget(m_history, 1);
    bar->addWidget(new QLabel(tr("Rows ≤")));
    bar->addWidget(m_rowLimit);
    bar->addWidget(new QLabel(tr("Time ≤")));
    bar->addWidget(m_timeLimit);

    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(bar);
    layout->addWidget(m_editor);
    return pane;
}

QWidget *SqlView::makeResultPane()
{
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("sqlStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_model = new SqlResultModel(this);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("sqlResult"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setMaximumSectionSize(480);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    // A click sorts the whole result in SQLite (the query again), not the rows fetched so far.
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setToolTip(tr("Click a column to sort the result by it"));
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, &SqlView::sortBy);

    auto *copy = new QPushButton(tr("Copy"));
    copy->setToolTip(tr("Copy the selected rows as CSV (Ctrl+C)"));
    connect(copy, &QPushButton::clicked, this, &SqlView::copyResult);
    auto *copyKey = new QShortcut(QKeySequence::Copy, m_table);
    copyKey->setContext(Qt::WidgetShortcut);
    connect(copyKey, &QShortcut::activated, this, &SqlView::copyResult);
    auto *save = new QPushButton(tr("Export CSV…"));
    save->setObjectName(QStringLiteral("sqlExport"));
    connect(save, &QPushButton::clicked, this, &SqlView::exportWithDialog);

    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 0, 6, 6);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(copy);
    bar->addWidget(save);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    return pane;
}

void SqlView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The example shows what the tab is for; it runs once, when the user first looks.
    if (!m_firstRunDone) {
        m_firstRunDone = true;
        if (m_editor->toPlainText() == exampleQuery())
            runQuery();
    }
}

void SqlView::onOpened(const QList<model::SqlSchema> &schema)
{
    m_opened = true;
    m_schema->clear();
    for (const model::SqlSchema &s : schema) {
        auto *top = new QTreeWidgetItem({s.schema, s.label});
        top->setToolTip(0, s.label);
        top->setToolTip(1, s.label);
        top->setData(0, Qt::UserRole, s.schema);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const model::SqlTable &t : s.tables) {
            auto *table = new QTreeWidgetItem(top, {t.name});
            table->setData(0, Qt::UserRole,
                           s.schema == QLatin1String("main") ? t.name : s.schema + '.' + t.name);
            for (const model::SqlColumn &c : t.columns) {
                auto *column = new QTreeWidgetItem(table, {c.name, c.type});
                column->setData(0, Qt::UserRole, c.name);
            }
        }
        m_schema->addTopLevelItem(top);
    }
    if (m_schema->topLevelItemCount() > 0)
        m_schema->topLevelItem(0)->setExpanded(true);
    emit schemaLoaded();
    setRunning(m_running);
    if (!m_pendingQuery.isNull()) {
        const QString sql = m_pendingQuery;
        m_pendingQuery.clear();
        runQuery(sql);
    }
}

void SqlView::runQuery()
{
    runQuery(m_editor->toPlainText());
}

void SqlView::runQuery(const QString &sql)
{
    if (m_editor->toPlainText() != sql)
        m_editor->setPlainText(sql);
    if (!m_opened) {
        m_pendingQuery = sql;
        m_running = true; // busy until it has run
        setStatus(tr("Opening the caches…"), false);
        return;
    }
    QueryHistory::add(sql);
    refreshHistory();
    m_order = {};
    start(sql);
}

void SqlView::sortBy(int column)
{
    if (!m_opened || m_running || m_lastSql.isEmpty() || column < 0)
        return;
    if (m_order.column == column)
        m_order.descending = !m_order.descending;
    else
        m_order = {column, false};
    start(m_lastSql);
}

void SqlView::start(const QString &sql)
{
    m_lastSql = sql;
    m_table->horizontalHeader()->setSortIndicatorShown(false);
    ++m_generation;
    m_model->reset({});
    model::QueryLimits limits;
    limits.maxRows = m_rowLimit->value();
    limits.time = std::chrono::seconds(m_timeLimit->value());
    limits.order = m_order;
    setRunning(true);
    setStatus(tr("Running…"), false);
    m_worker.run(m_generation, sql, limits);
}

void SqlView::cancel()
{
    if (m_running)
        m_worker.cancel();
}

void SqlView::setLimits(qint64 maxRows, int seconds)
{
    m_rowLimit->setValue(int(std::min<qint64>(maxRows, m_rowLimit->maximum())));
    m_timeLimit->setValue(seconds);
}

void SqlView::onFinished(quint64 generation, const model::QueryOutcome &outcome)
{
    if (generation != m_generation)
        return;
    setRunning(false);
    const QString seconds = QLocale().toString(outcome.seconds, 'f', 2);
    const QString rows = outcome.rows == 1 ? tr("1 row") : tr("%L1 rows").arg(outcome.rows);
    if (outcome.ok && outcome.truncated)
        setStatus(tr("The first %1 (the row limit), in %2 s").arg(rows, seconds), false);
    else if (outcome.ok)
        setStatus(tr("%1 in %2 s").arg(rows, seconds), false);
    else if (outcome.stopped)
        setStatus(
            tr("%1 after %2 s; %L3 rows fetched").arg(outcome.error, seconds).arg(outcome.rows),
            true);
    else
        setStatus(outcome.error, true);
    if (outcome.ok && m_order.column >= 0) {
        QHeaderView *header = m_table->horizontalHeader();
        header->setSortIndicator(m_order.column,
                                 m_order.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        header->setSortIndicatorShown(true);
        m_status->setText(m_status->text() +
                          tr(" · sorted by %1, %2")
                              .arg(outcome.columns.value(m_order.column),
                                   m_order.descending ? tr("descending") : tr("ascending")));
    }
    emit queryFinished(outcome);
}

void SqlView::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(m_opened && !running);
    m_cancel->setEnabled(running);
}

void SqlView::refreshHistory()
{
    m_history->clear();
    m_history->addItem(tr("History…"));
    for (const QString &query : QueryHistory::load()) {
        QString line = query.simplified();
        if (line.size() > 120)
            line = line.left(119) + QStringLiteral("…");
        m_history->addItem(line, query);
        m_history->setItemData(m_history->count() - 1, query, Qt::ToolTipRole);
    }
}

void SqlView::setStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("QLabel { color: #b3261e; }") : QString());
}

QString SqlView::statusText() const
{
    return m_status->text();
}

QString SqlView::editorText() const
{
    return m_editor->toPlainText();
}

QStringList SqlView::schemaTables() const
{
    QStringList names;
    for (int i = 0; i < m_schema->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *top = m_schema->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            names << top->text(0) + QLatin1Char('.') + top->child(j)->text(0);
    }
    return names;
}

QByteArray SqlView::resultCsv(bool selectedOnly) const
{
    QByteArray out = model::csv::line(m_model->columns());
    if (!selectedOnly) {
        for (qint64 r = 0; r < m_model->receivedRows(); ++r)
            out += model::csv::line(m_model->row(int(r)));
        return out;
    }
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int r : std::as_const(rows))
        out += model::csv::line(m_model->row(r));
    return out;
}

void SqlView::copyResult() const
{
    const bool any = m_table->selectionModel()->hasSelection();
    QApplication::clipboard()->setText(QString::fromUtf8(resultCsv(any)));
}

bool SqlView::exportResult(const QString &file, QString *error) const
{
    return fs::replaceFile(file, resultCsv(false), error);
}

void SqlView::exportWithDialog()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Result"), QStringLiteral("result.csv"), tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!exportResult(file, &error))
        QMessageBox::warning(this, tr("Export Result"), error);
}

} // namespace ts::views

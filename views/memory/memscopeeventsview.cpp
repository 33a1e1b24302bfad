#include "memscopeeventsview.h"

#include "records/recordformat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ts::views {

MemScopeEventsView::MemScopeEventsView(QWidget *parent)
    : QWidget(parent), m_model(new model::MemScopeEventModel(this)), m_text(new QLineEdit),
      m_kind(new QComboBox), m_count(new QLabel), m_table(new QTableView),
      m_typing(new QTimer(this))
{
    setObjectName(QStringLiteral("memscopeEvents"));
    m_text->setObjectName(QStringLiteral("memscopeEventFilter"));
    m_text->setPlaceholderText(tr("Filter by event, type, name, owner or 0x address"));
    m_text->setClearButtonEnabled(true);
    m_kind->setObjectName(QStringLiteral("memscopeEventKind"));
    m_kind->addItem(tr("All events"), -1);
    for (int k = 1; k <= rec::kMaxMemScopeKind; ++k)
        m_kind->addItem(model::MemScopeEventModel::kindName(k), k);
    m_kind->addItem(model::MemScopeEventModel::kindName(0), 0);
    m_count->setObjectName(QStringLiteral("memscopeEventCount"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_text, 1);
    bar->addWidget(m_kind);
    bar->addWidget(m_count);

    m_table->setObjectName(QStringLiteral("memscopeEventTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no content-sized columns: the view never measures every row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    using C = model::MemScopeEventModel::Column;
    const std::pair<C, int> widths[] = {
        {C::Id, 8},     {C::Event, 14},     {C::Type, 13}, {C::Device, 7}, {C::Process, 8},
        {C::Thread, 8}, {C::Timestamp, 21}, {C::Ptr, 19},  {C::Size, 12},  {C::Name, 28}};
    for (const auto &[column, chars] : widths)
        m_table->setColumnWidth(column, chars * digit + 16);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_text, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &MemScopeEventsView::startFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &MemScopeEventsView::startFilter);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &MemScopeEventsView::onFiltered);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_quiet && current.isValid())
                    emit eventSelected(m_model->refAt(current.row()));
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A reset replaces the selection model's rows, not the model: keep the signal wired.
        updateCount();
    });
}

MemScopeEventsView::~MemScopeEventsView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

bool MemScopeEventsView::setSources(const QStringList &caches, QString *error)
{
    const bool ok = m_model->setSources(caches, error);
    updateCount();
    return ok;
}

void MemScopeEventsView::setFilter(const QString &text, int kind)
{
    const QSignalBlocker quietText(m_text), quietKind(m_kind);
    m_text->setText(text);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_typing->stop();
    startFilter();
}

void MemScopeEventsView::startFilter()
{
    m_typing->stop();
    if (m_watcher.isRunning()) {
        // The running filter stops at its next check; this one starts when it has.
        m_cancel->store(true);
        m_pending = true;
        m_filtering = true;
        return;
    }
    m_pending = false;
    model::MemScopeEventFilter filter{m_text->text(), m_kind->currentData().toInt()};
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_filtering = true;
    m_count->setText(tr("Filtering…"));
    m_watcher.setFuture(QtConcurrent::run(
        [filter, caches = m_model->sources(), cancel = m_cancel, gen = ++m_generation] {
            Filtered out;
            out.generation = gen;
            if (filter.isEmpty()) {
                out.ok = true;
                return out;
            }
            std::vector<uint32_t> rows;
            out.ok = model::filterMemScopeEvents(caches, filter, cancel.get(), &rows, &out.error);
            out.rows = std::move(rows);
            return out;
        }));
}

void MemScopeEventsView::onFiltered()
{
    Filtered result = m_watcher.result();
    if (m_pending) {
        startFilter();
        return;
    }
    m_filtering = false;
    if (result.generation != m_generation)
        return;
    if (!result.ok) {
        m_count->setText(tr("The events could not be filtered: %1").arg(result.error));
        emit filtered();
        return;
    }
    m_model->setRows(std::move(result.rows));
    emit filtered();
}

void MemScopeEventsView::updateCount()
{
    const int64_t total = m_model->totalCount();
    const int shown = m_model->rowCount();
    m_count->setText(shown == total ? tr("%1 events").arg(total)
                                    : tr("%1 of %2 events").arg(shown).arg(total));
}

bool MemScopeEventsView::selectEvent(const model::MemScopeEventRef &ref)
{
    const int row = m_model->rowOf(ref);
    if (row < 0)
        return false;
    m_quiet = true;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_quiet = false;
    return true;
}

} // namespace ts::views

#include "memoryview.h"

#include "memorychart.h"
#include "stackfilter.h"
#include "timeline/timeformat.h"
#include "timeline/trackpainter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ts::views {

namespace {

constexpr int kMaxLiveRows = 5000; // the largest first; a table of more reads as noise

QString bytes(int64_t b)
{
    return formatCounterValue(double(b), true);
}

QTableWidgetItem *numberItem(const QString &text, qint64 sortKey)
{
    auto *item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, sortKey);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

MemoryView::MemoryView(const QString &cachePath, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("memoryView"));
    m_devices = new QComboBox;
    m_devices->setObjectName(QStringLiteral("memoryDevice"));
    m_axis = new QComboBox;
    m_axis->setObjectName(QStringLiteral("memoryAxis"));
    m_axis->addItem(tr("Time"), int(model::MemoryAxis::Time));
    m_axis->addItem(tr("Allocator event order"), int(model::MemoryAxis::Sequence));
    m_summary = new QLabel(tr("Reading the snapshot…"));
    m_summary->setObjectName(QStringLiteral("memorySummary"));
    m_summary->setTextFormat(Qt::RichText);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Device")));
    bar->addWidget(m_devices);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("X axis")));
    bar->addWidget(m_axis);
    bar->addSpacing(18);
    bar->addWidget(m_summary, 1);

    m_chart = new MemoryChart;
    m_liveTitle = new QLabel;
    m_live = new QTableWidget(0, 6);
    m_live->setObjectName(QStringLiteral("liveAllocations"));
    m_live->setHorizontalHeaderLabels(
        {tr("Size"), tr("Address"), tr("Stream"), tr("Allocated"), tr("Freed"), tr("Note")});
    m_live->verticalHeader()->hide();
    m_live->horizontalHeader()->setStretchLastSection(true);
    m_live->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_live->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_live->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack = new QListWidget;
    m_stack->setObjectName(QStringLiteral("allocationStack"));
    m_showNoise = new QCheckBox(tr("Show interpreter and unwinder frames"));
    auto *liveBox = new QWidget;
    auto *liveLayout = new QVBoxLayout(liveBox);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    liveLayout->addWidget(m_liveTitle);
    liveLayout->addWidget(m_live, 1);
    auto *stackBox = new QWidget;
    auto *stackLayout = new QVBoxLayout(stackBox);
    stackLayout->setContentsMargins(0, 0, 0, 0);
    stackLayout->addWidget(
        new QLabel(tr("<b>Stack of the selected allocation</b> (innermost first)")));
    stackLayout->addWidget(m_stack, 1);
    stackLayout->addWidget(m_showNoise);
    auto *lower = new QSplitter;
    lower->addWidget(liveBox);
    lower->addWidget(stackBox);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_chart);
    split->addWidget(lower);
    split->setSizes({420, 380});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_devices, &QComboBox::currentIndexChanged, this, [this] { showDevice(); });
    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] { showDevice(); });
    connect(m_chart, &MemoryChart::momentPicked, this, &MemoryView::showMoment);
    connect(m_chart, &MemoryChart::allocationPicked, this,
            [this](uint32_t allocation) { showAllocation(m_moment, allocation); });
    connect(m_live, &QTableWidget::currentCellChanged, this,
            [this](int row, int, int, int) { showStack(row); });
    connect(m_showNoise, &QCheckBox::toggled, this, [this] { showStack(m_live->currentRow()); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &MemoryView::onLoaded);
    m_watcher.setFuture(QtConcurrent::run([cachePath] {
        auto timeline = std::make_shared<model::MemoryTimeline>();
        LoadedMemory result;
        if (timeline->load(cachePath, &result.error))
            result.timeline = std::move(timeline);
        return result;
    }));
}

MemoryView::~MemoryView()
{
    m_watcher.waitForFinished();
}

bool MemoryView::isReady() const
{
    return m_loaded && m_chart->bandsReady();
}

model::MemoryAxis MemoryView::axis() const
{
    return model::MemoryAxis(m_axis->currentData().toInt());
}

void MemoryView::onLoaded()
{
    const LoadedMemory result = m_watcher.result();
    m_timeline = result.timeline;
    m_error = result.error;
    if (!m_timeline) {
        m_summary->setText(
            tr("The memory data could not be read: %1").arg(m_error.toHtmlEscaped()));
    } else {
        const QSignalBlocker block(m_devices);
        for (int d : m_timeline->devices())
            m_devices->addItem(tr("GPU %1").arg(d), d);
        showDevice();
    }
    m_loaded = true;
    emit loaded();
}

void MemoryView::showDevice()
{
    if (!m_timeline || m_devices->count() == 0) {
        m_summary->setText(tr("This snapshot holds no allocator trace."));
        return;
    }
    m_device = m_devices->currentData().toInt();
    const model::MemoryAxis a = axis();
    m_chart->setSeries(m_timeline.get(), m_device, a);
    const model::MemoryPeak alloc = m_timeline->peakAllocated(m_device, a);
    const model::MemoryPeak reserved = m_timeline->peakReserved(m_device, a);
    const int64_t origin = m_timeline->start(m_device, a);
    auto when = [&](int64_t x) {
        return a == model::MemoryAxis::Time ? formatOffset(x - origin, 1000)
                                            : tr("event %1").arg(x);
    };
    m_summary->setText(
        tr("Peak allocated <b>%1</b> at %2 · peak reserved <b>%3</b> at %4 · "
           "%5 allocations, %6 never freed")
            .arg(bytes(alloc.bytes), when(alloc.x), bytes(reserved.bytes), when(reserved.x))
            .arg(m_timeline->allocations(m_device).size())
            .arg(m_timeline->neverFreed(m_device).size()));
    // Start where people look first: the peak.
    showMoment(alloc.x);
}

void MemoryView::showMoment(int64_t x)
{
    if (!m_timeline || !m_timeline->device(m_device))
        return;
    const model::MemoryAxis a = axis();
    m_moment = x;
    m_chart->setMoment(x);
    const auto live = m_timeline->liveAt(m_device, a, x);
    const auto &all = m_timeline->allocations(m_device);
    const int64_t origin = m_timeline->start(m_device, a);
    m_shown.assign(live.begin(), live.begin() + std::min<size_t>(live.size(), kMaxLiveRows));
    m_live->setSortingEnabled(false);
    m_live->setRowCount(int(m_shown.size()));
    for (int row = 0; row < int(m_shown.size()); ++row)
        fillRow(row);
    m_live->resizeColumnsToContents();
    uint64_t total = 0;
    for (uint32_t i : live)
        total += all[i].size;
    m_liveTitle->setText(tr("<b>%1 allocations live</b> at %2 (%3)%4")
                             .arg(live.size())
                             .arg(a == model::MemoryAxis::Time ? formatOffset(x - origin, 1000)
                                                               : tr("event %1").arg(x))
                             .arg(bytes(int64_t(total)))
                             .arg(live.size() > m_shown.size()
                                      ? tr(" — the %1 largest shown").arg(m_shown.size())
                                      : QString()));
    if (!m_shown.empty())
        m_live->setCurrentCell(0, 0);
    else
        m_stack->clear();
}

void MemoryView::fillRow(int row)
{
    const model::MemoryAxis a = axis();
    const model::MemoryAllocation &m = m_timeline->allocations(m_device)[m_shown[size_t(row)]];
    const int64_t origin = m_timeline->start(m_device, a);
    auto stamp = [&](int64_t t) {
        return a == model::MemoryAxis::Time ? formatOffset(t - origin, 1000) : QString::number(t);
    };
    QString note;
    if (m.flags & model::kAllocBeforeTrace)
        note = tr("allocated before the trace");
    else if (m.flags & model::kAllocNeverFreed)
        note = tr("never freed");
    else if (m.flags & model::kAllocFreeRequestedOnly)
        note = tr("free requested, not completed");
    if (!m.isLiveAt(a, m_moment))
        note = note.isEmpty() ? tr("not live at this moment")
                              : tr("not live at this moment; %1").arg(note);
    m_live->setItem(row, 0, numberItem(bytes(int64_t(m.size)), qint64(m.size)));
    m_live->setItem(row, 1, new QTableWidgetItem(QStringLiteral("0x%1").arg(m.address, 0, 16)));
    m_live->setItem(row, 2, new QTableWidgetItem(QString::number(m.stream)));
    m_live->setItem(row, 3, new QTableWidgetItem(stamp(m.start(a))));
    m_live->setItem(row, 4,
                    new QTableWidgetItem(m.flags & model::kAllocNeverFreed ? QStringLiteral("—")
                                                                           : stamp(m.end(a))));
    m_live->setItem(row, 5, new QTableWidgetItem(note));
}

void MemoryView::showAllocation(int64_t x, uint32_t allocation)
{
    if (!m_timeline || allocation >= m_timeline->allocations(m_device).size())
        return;
    if (x != m_moment || m_shown.empty())
        showMoment(x);
    auto it = std::find(m_shown.begin(), m_shown.end(), allocation);
    if (it == m_shown.end()) {
        // Smaller than the largest rows shown, or not live at x: listed first, so it is there.
        m_shown.insert(m_shown.begin(), allocation);
        m_live->insertRow(0);
        fillRow(0);
        it = m_shown.begin();
    }
    const int row = int(it - m_shown.begin());
    m_live->setCurrentCell(row, 0);
    m_live->scrollToItem(m_live->item(row, 0));
}

void MemoryView::showStack(int row)
{
    m_stack->clear();
    if (!m_timeline || row < 0 || size_t(row) >= m_shown.size())
        return;
    const model::MemoryAllocation &m = m_timeline->allocations(m_device)[m_shown[size_t(row)]];
    m_chart->setSelectedAllocation(m_shown[size_t(row)]);
    int folded = 0;
    for (const model::MemoryFrame &f : m_timeline->stack(m.stackId)) {
        if (!m_showNoise->isChecked() && isNoiseFrame(f)) {
            ++folded;
            continue;
        }
        const bool knownFile = !f.file.isEmpty() && f.file != QLatin1String("??");
        QString where = knownFile ? f.file : QString();
        if (knownFile && f.line > 0)
            where += QStringLiteral(":%1").arg(f.line);
        m_stack->addItem(where.isEmpty() ? f.name : QStringLiteral("%1  —  %2").arg(f.name, where));
    }
    if (folded > 0)
        m_stack->addItem(tr("(%1 interpreter / unwinder frames folded)").arg(folded));
    if (m_stack->count() == 0)
        m_stack->addItem(tr("(no stack recorded for this allocation)"));
}

} // namespace ts::views

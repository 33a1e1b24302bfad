#include "memoryview.h"

#include "allocationtable.h"
#include "allocatorstateview.h"
#include "memorychart.h"
#include "memscopeeventsview.h"
#include "ownerbreakdown.h"
#include "stackfilter.h"
#include "timeline/timeformat.h"
#include "timeline/trackpainter.h"
#include "util/workerpool.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <utility>

namespace ts::views {

namespace {

QString bytes(int64_t b)
{
    return formatCounterValue(double(b), true);
}

// "1 block", "3 blocks"
QString counted(size_t n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

MemoryView::MemoryView(const QString &cachePath, QWidget *parent) : MemoryView(parent, 0)
{
    m_cachePath = cachePath;
    startLoading(
        [cachePath](model::MemoryTimeline &t, QString *error) { return t.load(cachePath, error); });
}

MemoryView::MemoryView(const QList<model::AscendMemorySource> &sources, MemoryLoad when,
                       QWidget *parent)
    : MemoryView(parent, 0)
{
    m_ascend = true; // curves and operator bands: no allocator state to rebuild
    m_summary->setText(tr("Reading the memory records…"));
    m_axis->setItemText(m_axis->findData(int(model::MemoryAxis::Sequence)), tr("Record order"));
    auto load = [sources](model::MemoryTimeline &t, QString *error) {
        return t.loadAscend(sources, error);
    };
    if (when == MemoryLoad::WhenShown)
        m_deferredLoad = load;
    else
        startLoading(load);
}

MemoryView::MemoryView(const model::MemScopeSources &sources, QWidget *parent)
    : MemoryView(parent, 0)
{
    m_ascend = true;
    m_summary->setText(tr("Reading the msMemScope blocks…"));
    m_axis->setItemText(m_axis->findData(int(model::MemoryAxis::Sequence)), tr("Event order"));
    m_neverTitle = tr("Leaks");
    m_inefficient = new AllocationTable;
    m_inefficient->setObjectName(QStringLiteral("inefficientAllocations"));
    m_tabs->insertTab(m_tabs->indexOf(m_never) + 1, m_inefficient, tr("Inefficient"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_inefficient),
                          tr("Blocks the dump marks inefficient (Attr inefficient: allocated "
                             "early, freed late or idle between accesses); the reason heads "
                             "their stack"));
    connect(m_inefficient, &AllocationTable::allocationSelected, this, &MemoryView::showStack);
    m_breakdown = new OwnerBreakdown;
    m_tabs->addTab(m_breakdown, tr("Breakdown by owner"));
    m_events = new MemScopeEventsView;
    const int eventsTab = m_tabs->addTab(m_events, tr("Events"));
    QString eventsError;
    if (!m_events->setSources(sources.caches, &eventsError)) {
        m_tabs->setTabEnabled(eventsTab, false);
        m_tabs->setTabToolTip(eventsTab, tr("The events could not be read: %1").arg(eventsError));
    }
    connect(m_events, &MemScopeEventsView::eventSelected, this, &MemoryView::showDumpEvent);
    startLoading([sources](model::MemoryTimeline &t, QString *error) {
        return t.loadMemScope(sources, error);
    });
}

void MemoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_deferredLoad)
        startLoading(std::exchange(m_deferredLoad, {}));
}

void MemoryView::startLoading(std::function<bool(model::MemoryTimeline &, QString *)> load)
{
    m_watcher.setFuture(QtConcurrent::run(model::longWorkPool(), [load = std::move(load)] {
        auto timeline = std::make_shared<model::MemoryTimeline>();
        LoadedMemory result;
        if (load(*timeline, &result.error))
            result.timeline = std::move(timeline);
        return result;
    }));
}

MemoryView::MemoryView(QWidget *parent, int) : QWidget(parent)
{
    setObjectName(QStringLiteral("memoryView"));
    m_devices = new QComboBox;
    m_devices->setObjectName(QStringLiteral("memoryDevice"));
    m_devices->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Rank 12 · NPU 4 · PTA+GE"
    m_axis = new QComboBox;
    m_axis->setObjectName(QStringLiteral("memoryAxis"));
    m_axis->addItem(tr("Time"), int(model::MemoryAxis::Time));
    m_axis->addItem(tr("Allocator event order"), int(model::MemoryAxis::Sequence));
    m_summary = new QLabel(tr("Reading the snapshot…"));
    m_summary->setObjectName(QStringLiteral("memorySummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true); // long summaries wrap; they must not widen the window
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
    m_live = new AllocationTable;
    m_live->setObjectName(QStringLiteral("liveAllocations"));
    m_never = new AllocationTable;
    m_never->setObjectName(QStringLiteral("neverFreedAllocations"));
    m_stack = new QListWidget;
    m_stack->setObjectName(QStringLiteral("allocationStack"));
    m_showNoise = new QCheckBox(tr("Show interpreter and unwinder frames"));
    auto *liveBox = new QWidget;
    auto *liveLayout = new QVBoxLayout(liveBox);
    liveLayout->setContentsMargins(4, 4, 4, 4);
    liveLayout->addWidget(m_liveTitle);
    liveLayout->addWidget(m_live, 1);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("memoryTabs"));
    m_tabs->addTab(liveBox, tr("Live at this moment"));
    m_neverTitle = tr("Never freed");
    m_tabs->addTab(m_never, m_neverTitle);
    m_stateView = new AllocatorStateView;
    m_stateView->setObjectName(QStringLiteral("allocatorState"));
    m_tabs->addTab(m_stateView, tr("Allocator state"));
    auto *stackBox = new QWidget;
    auto *stackLayout = new QVBoxLayout(stackBox);
    stackLayout->setContentsMargins(0, 0, 0, 0);
    stackLayout->addWidget(
        new QLabel(tr("<b>Stack of the selected allocation</b> (innermost first)")));
    stackLayout->addWidget(m_stack, 1);
    stackLayout->addWidget(m_showNoise);
    auto *lower = new QSplitter;
    lower->addWidget(m_tabs);
    lower->addWidget(stackBox);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    lower->setSizes({900, 600}); // the allocator state map would otherwise claim the width
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
    connect(m_stateView, &AllocatorStateView::momentRequested, this, &MemoryView::showStep);
    connect(m_stateView, &AllocatorStateView::allocationPicked, this,
            [this](int allocation, qint64 stackId) {
                if (allocation >= 0)
                    showStack(uint32_t(allocation));
                else
                    showFrames(stackId);
            });
    connect(m_live, &AllocationTable::allocationSelected, this, &MemoryView::showStack);
    connect(m_never, &AllocationTable::allocationSelected, this, &MemoryView::showStack);
    connect(m_showNoise, &QCheckBox::toggled, this, [this] {
        if (m_framesShown)
            showFrames(*m_framesShown);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &MemoryView::onLoaded);
    connect(&m_stateWatcher, &QFutureWatcherBase::finished, this,
            &MemoryView::onAllocatorStateLoaded);
}

MemoryView::~MemoryView()
{
    m_watcher.waitForFinished();
    m_stateWatcher.waitForFinished();
    // Before m_timeline goes: the chart's band painter reads it (the chart, a child widget, is
    // destroyed only after these members).
    m_chart->finishPainting();
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
        bool anyAllocations = false;
        for (int d : m_timeline->devices()) {
            const model::MemoryDevice *device = m_timeline->device(d);
            m_devices->addItem(device->label.isEmpty() ? tr("GPU %1").arg(d) : device->label, d);
            anyAllocations = anyAllocations || !device->fromProfiler;
        }
        showDevice();
        if (!anyAllocations) {
            // A profiler trace's [memory] totals: curves only, nothing to list or rebuild.
            m_tabs->hide();
            m_stack->parentWidget()->hide();
            m_loaded = true;
            emit loaded();
            return;
        }
        if (m_ascend) {
            // Operator allocations have no allocator segments to rebuild a state from.
            m_tabs->removeTab(m_tabs->indexOf(m_stateView));
            m_loaded = true;
            emit loaded();
            return;
        }
        // The allocator's history is rebuilt once the bands are on screen: it is not needed for
        // the first frame, takes a second or two on a large trace, and would compete with the
        // first frame and the bands for the cores until then.
        if (m_chart->bandsReady())
            loadAllocatorState();
        else
            connect(m_chart, &MemoryChart::bandsPainted, this, &MemoryView::loadAllocatorState,
                    Qt::SingleShotConnection);
    }
    m_loaded = true;
    emit loaded();
}

void MemoryView::loadAllocatorState()
{
    if (m_stateWatcher.isRunning() || m_stateLoaded || !m_timeline)
        return;
    m_stateWatcher.setFuture(
        QtConcurrent::run(model::longWorkPool(), [path = m_cachePath, timeline = m_timeline] {
            auto state = std::make_shared<model::AllocatorState>();
            LoadedAllocatorState out;
            if (state->load(path, timeline, &out.error))
                out.state = std::move(state);
            return out;
        }));
}

void MemoryView::onAllocatorStateLoaded()
{
    const LoadedAllocatorState result = m_stateWatcher.result();
    m_state = result.state;
    m_stateLoaded = true;
    if (!m_state) {
        m_tabs->setTabToolTip(m_tabs->indexOf(m_stateView),
                              tr("The allocator state could not be rebuilt: %1").arg(result.error));
        m_tabs->setTabEnabled(m_tabs->indexOf(m_stateView), false);
    } else if (m_timeline && m_timeline->device(m_device)) {
        m_stateView->setSource(m_state, m_device);
        m_stateView->setMoment(seqOf(m_moment));
    }
    emit allocatorStateLoaded();
}

int64_t MemoryView::seqOf(int64_t x) const
{
    const model::MemoryDevice *d = m_timeline ? m_timeline->device(m_device) : nullptr;
    if (axis() == model::MemoryAxis::Time && d && d->hasTime && m_state)
        return m_state->seqAtTime(m_device, x);
    return x; // the Sequence axis (and a Time axis without times) counts events
}

int64_t MemoryView::xOfSeq(int64_t seq) const
{
    const model::MemoryDevice *d = m_timeline ? m_timeline->device(m_device) : nullptr;
    if (!d || seq < 0)
        return d ? d->start[int(axis())] : 0;
    if (axis() == model::MemoryAxis::Sequence || !d->hasTime || !m_state)
        return seq;
    const int64_t t = m_state->event(m_device, seq).time;
    return t == std::numeric_limits<int64_t>::lowest() ? m_moment : t;
}

void MemoryView::showStep(int64_t seq)
{
    const int64_t x = xOfSeq(seq);
    const QSignalBlocker quiet(m_stateView); // it is there already
    showMoment(x);
}

void MemoryView::keyPressEvent(QKeyEvent *event)
{
    // The allocator state view steps itself; forwarding keeps the keys working wherever the
    // focus is in the view (the chart passes them up).
    if (m_state && m_timeline && m_timeline->device(m_device) && isStepKey(event->key()))
        QCoreApplication::sendEvent(m_stateView, event);
    else
        QWidget::keyPressEvent(event);
}

void MemoryView::showDevice()
{
    if (!m_timeline || m_devices->count() == 0) {
        m_summary->setText(tr("This snapshot holds no allocator trace."));
        return;
    }
    m_device = m_devices->currentData().toInt();
    const model::MemoryDevice *device = m_timeline->device(m_device);
    {
        // Without times the Time axis would only relabel the event order: offer the order.
        const QSignalBlocker quiet(m_axis);
        if (!device->hasTime)
            m_axis->setCurrentIndex(m_axis->findData(int(model::MemoryAxis::Sequence)));
        m_axis->setEnabled(device->hasTime);
        m_axis->setToolTip(
            device->hasTime ? QString()
            : device->dumpOnly
                ? tr("The snapshot recorded no allocator trace")
                : tr("The snapshot's trace has no times (time_us): events in order"));
    }
    const model::MemoryAxis a = axis();
    m_chart->setSeries(m_timeline.get(), m_device, a);
    m_live->setSource(m_timeline.get(), m_device, a);
    m_never->setSource(m_timeline.get(), m_device, a);
    if (m_state)
        m_stateView->setSource(m_state, m_device);
    std::vector<uint32_t> never = m_timeline->neverFreed(m_device);
    const auto &all = m_timeline->allocations(m_device);
    std::stable_sort(never.begin(), never.end(),
                     [&](uint32_t x, uint32_t y) { return all[x].size > all[y].size; });
    uint64_t neverBytes = 0;
    for (uint32_t i : never)
        neverBytes += all[i].size;
    m_never->setAllocations(std::move(never), std::nullopt);
    m_tabs->setTabText(m_tabs->indexOf(m_never), tr("%1 (%2, %3 in all)")
                                                     .arg(m_neverTitle)
                                                     .arg(m_never->allocations().size())
                                                     .arg(bytes(int64_t(neverBytes))));
    if (m_inefficient) {
        std::vector<uint32_t> inefficient = device->inefficient;
        std::stable_sort(inefficient.begin(), inefficient.end(),
                         [&](uint32_t x, uint32_t y) { return all[x].size > all[y].size; });
        m_inefficient->setSource(m_timeline.get(), m_device, a);
        m_inefficient->setAllocations(std::move(inefficient), std::nullopt);
        m_tabs->setTabText(m_tabs->indexOf(m_inefficient),
                           tr("Inefficient (%1)").arg(m_inefficient->allocations().size()));
    }
    const model::MemoryPeak alloc = m_timeline->peakAllocated(m_device, a);
    const model::MemoryPeak reserved = m_timeline->peakReserved(m_device, a);
    const int64_t origin = m_timeline->start(m_device, a);
    auto when = [&](int64_t x) {
        return a == model::MemoryAxis::Time ? formatOffset(x - origin, 1000)
                                            : tr("event %1").arg(x);
    };
    // A series may be missing: legacy profiler traces record no reserved one, Ascend's APP
    // component no allocated one.
    QStringList peakParts;
    if (!device->allocated[int(a)].x.empty() || !device->allocations.empty())
        peakParts << tr("Peak allocated <b>%1</b> at %2").arg(bytes(alloc.bytes), when(alloc.x));
    if (!device->reserved[int(a)].x.empty())
        peakParts
            << tr("peak reserved <b>%1</b> at %2").arg(bytes(reserved.bytes), when(reserved.x));
    QString peaks = peakParts.join(QStringLiteral(" · "));
    if (!peaks.isEmpty())
        peaks[0] = peaks[0].toUpper();
    if (device->dumpOnly) {
        m_summary->setText(
            tr("No allocator trace in this snapshot: the dump holds %1, <b>%2</b> allocated of "
               "<b>%3</b> reserved (record one with "
               "<tt>torch.cuda.memory._record_memory_history()</tt>)")
                .arg(counted(m_timeline->allocations(m_device).size(), tr("block"), tr("blocks")),
                     bytes(alloc.bytes), bytes(reserved.bytes)));
        showMoment(alloc.x);
        return;
    }
    if (device->fromProfiler) {
        m_summary->setText(peaks + tr(" · from the profiler's [memory] events (totals only: "
                                      "a memory snapshot shows every allocation)"));
        m_chart->setMoment(alloc.x);
        return;
    }
    QString summary = peaks + tr(" · %1, %2 never freed")
                                  .arg(counted(m_timeline->allocations(m_device).size(),
                                               tr("allocation"), tr("allocations")))
                                  .arg(m_timeline->neverFreed(m_device).size());
    if (!device->ooms.empty())
        summary += tr(" · <b style='color:#c81e1e'>%1</b> (red marks)")
                       .arg(counted(device->ooms.size(), tr("out-of-memory event"),
                                    tr("out-of-memory events")));
    m_summary->setText(summary);
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
    if (m_state && !m_stateView->signalsBlocked())
        m_stateView->setMoment(seqOf(x));
    const auto live = m_timeline->liveAt(m_device, a, x);
    const auto &all = m_timeline->allocations(m_device);
    const int64_t origin = m_timeline->start(m_device, a);
    uint64_t total = 0;
    for (uint32_t i : live)
        total += all[i].size;
    const uint32_t largest = live.empty() ? 0 : live.front();
    if (m_breakdown) {
        const std::vector<QString> &owners = m_timeline->device(m_device)->owners;
        std::vector<std::pair<QString, uint64_t>> blocks;
        for (uint32_t i : live)
            blocks.emplace_back(i < owners.size() ? owners[i] : QString(), all[i].size);
        m_breakdown->setBreakdown(model::ownerBreakdown(blocks));
    }
    m_live->setAllocations(std::move(live), x);
    m_liveTitle->setText(tr("<b>%1 live</b> at %2 (%3), largest first")
                             .arg(counted(live.size(), tr("allocation"), tr("allocations")))
                             .arg(m_timeline->device(m_device)->dumpOnly ? tr("the dump")
                                  : a == model::MemoryAxis::Time ? formatOffset(x - origin, 1000)
                                                                 : tr("event %1").arg(x))
                             .arg(bytes(int64_t(total))));
    if (m_live->rowCount() > 0) {
        m_live->select(largest);
    } else {
        m_framesShown.reset();
        m_stack->clear();
    }
}

void MemoryView::showAllocation(int64_t x, uint32_t allocation)
{
    if (!m_timeline || allocation >= m_timeline->allocations(m_device).size())
        return;
    if (x != m_moment || m_live->allocations().empty())
        showMoment(x);
    m_tabs->setCurrentIndex(0);
    m_live->select(allocation);
}

void MemoryView::showStack(uint32_t allocation)
{
    m_stack->clear();
    if (!m_timeline || allocation >= m_timeline->allocations(m_device).size())
        return;
    m_chart->setSelectedAllocation(allocation);
    showFrames(m_timeline->allocations(m_device)[allocation].stackId);
    const auto &sources = m_timeline->device(m_device)->sourceEvents;
    if (m_events && !m_fromEvents && allocation < sources.size()) {
        const auto &e = sources[allocation];
        m_events->selectEvent({e.source, e.alloc >= 0 ? e.alloc : e.free});
    }
}

void MemoryView::showDumpEvent(const model::MemScopeEventRef &ref)
{
    if (!m_timeline)
        return;
    if (m_blockOfEvent.isEmpty()) {
        for (int d : m_timeline->devices()) {
            const auto &sources = m_timeline->device(d)->sourceEvents;
            for (uint32_t i = 0; i < sources.size(); ++i) {
                for (int64_t id : {sources[i].alloc, sources[i].free}) {
                    if (id >= 0)
                        m_blockOfEvent.insert({sources[i].source, id}, {d, i});
                }
            }
        }
    }
    const auto it = m_blockOfEvent.constFind({ref.source, ref.id});
    if (it == m_blockOfEvent.cend())
        return; // not a MALLOC or FREE of a block
    m_fromEvents = true;
    if (it->first != m_device)
        m_devices->setCurrentIndex(m_devices->findData(it->first));
    const model::MemoryAllocation &a = m_timeline->allocations(m_device)[it->second];
    showMoment(a.start(axis()));
    m_live->select(it->second); // the stack and the chart follow
    m_fromEvents = false;
}

void MemoryView::showFrames(qint64 stackId)
{
    m_stack->clear();
    m_framesShown = stackId;
    if (!m_timeline)
        return;
    int folded = 0;
    for (const model::MemoryFrame &f : m_timeline->stack(stackId)) {
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

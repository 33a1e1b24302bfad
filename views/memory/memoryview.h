#pragma once
// The Memory view of a PyTorch memory snapshot: per device, every allocation as a band stacked
// over the trace (time where the snapshot has it, allocator event order otherwise) under the
// reserved curve, the peaks and when they happened; below, what is live at the moment the user
// clicks (the peak at first, largest first) and what is never freed, with the selected
// allocation's stack (noise frames folded unless asked for). Loaded in a worker.

#include "ascend/ascendmemory.h"
#include "memory/allocatorstate.h"
#include "memory/memorytimeline.h"
#include "memscope/memscopeevents.h"
#include "memscope/memscopememory.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTabWidget;

namespace ts::views {

class AllocationTable;
class AllocatorStateView;
class MemoryChart;
class MemScopeEventsView;
class OwnerBreakdown;

struct LoadedMemory
{
    std::shared_ptr<const model::MemoryTimeline> timeline; // null when nothing could be read
    QString error;
};

struct LoadedAllocatorState
{
    std::shared_ptr<const model::AllocatorState> state; // null when it could not be rebuilt
    QString error;
};

// When a view reads its data: at once, or the first time it is shown — a cluster's memory
// records and operator allocations take seconds to read, and a document that opens on its
// timeline must not make the timeline's first frame wait for them (nor hold them in memory
// until someone looks).
enum class MemoryLoad { Now, WhenShown };

class MemoryView : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryView(const QString &cachePath, QWidget *parent = nullptr);
    // The memory of Ascend ranks: memory_record curves per NPU and component, operator
    // allocations as bands (ascend/ascendmemory.h).
    explicit MemoryView(const QList<model::AscendMemorySource> &sources,
                        MemoryLoad when = MemoryLoad::Now, QWidget *parent = nullptr);
    // msMemScope dumps: per device and allocator, every block as a band, the leaks as never
    // freed (memscope/memscopememory.h).
    explicit MemoryView(const model::MemScopeSources &sources, QWidget *parent = nullptr);
    ~MemoryView() override;

    bool isLoaded() const { return m_loaded; }
    // False while a MemoryLoad::WhenShown view waits to be shown.
    bool isLoadStarted() const { return !m_deferredLoad; }
    // Loaded and everything on screen drawn (the bands come a moment after the curves).
    bool isReady() const;
    QString loadError() const { return m_error; }
    const model::MemoryTimeline *timeline() const { return m_timeline.get(); }
    AllocationTable *liveTable() const { return m_live; }
    AllocationTable *neverFreedTable() const { return m_never; }
    QListWidget *stackList() const { return m_stack; }
    QLabel *summary() const { return m_summary; }
    MemoryChart *chart() const { return m_chart; }
    QTabWidget *tabs() const { return m_tabs; }
    AllocatorStateView *allocatorState() const { return m_stateView; }
    // The live blocks by owner (msMemScope dumps only; else null).
    OwnerBreakdown *breakdown() const { return m_breakdown; }
    // The blocks whose MALLOC names an inefficiency, largest first (msMemScope only; else null).
    AllocationTable *inefficientTable() const { return m_inefficient; }
    // The dumps' rows (msMemScope dumps only; else null).
    MemScopeEventsView *events() const { return m_events; }
    int currentDevice() const { return m_device; }
    // Whether the allocator state has been rebuilt (it loads after the curves and bands).
    bool isAllocatorStateLoaded() const { return m_stateLoaded; }
    void showMoment(int64_t x);
    // Shows the moment x and selects the allocation in the live table, with its stack.
    void showAllocation(int64_t x, uint32_t allocation);

signals:
    void loaded();
    void allocatorStateLoaded();

protected:
    // Left/Right, PageUp/PageDown, Home/End step the moment through the allocator's events.
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    MemoryView(QWidget *parent, int); // the widgets, before anything loads
    void startLoading(std::function<bool(model::MemoryTimeline &, QString *)> load);
    void onLoaded();
    void showDevice();
    void showStack(uint32_t allocation);
    void showFrames(qint64 stackId);
    // An Events row was picked: its block (a MALLOC's, or the FREE's) selected in the charts.
    void showDumpEvent(const model::MemScopeEventRef &ref);
    void loadAllocatorState();
    void onAllocatorStateLoaded();
    // The moment the allocator state view shows for chart position x, and back.
    int64_t seqOf(int64_t x) const;
    int64_t xOfSeq(int64_t seq) const;
    void showStep(int64_t seq); // the allocator state moved to seq: the chart and tables follow
    model::MemoryAxis axis() const;

    std::shared_ptr<const model::MemoryTimeline> m_timeline;
    QFutureWatcher<LoadedMemory> m_watcher;
    std::function<bool(model::MemoryTimeline &, QString *)> m_deferredLoad; // until shown
    QFutureWatcher<LoadedAllocatorState> m_stateWatcher;
    std::shared_ptr<const model::AllocatorState> m_state;
    bool m_stateLoaded = false;
    QString m_cachePath;
    bool m_ascend = false; // Ascend or msMemScope data: no allocator state to rebuild
    bool m_loaded = false;
    QString m_error;
    int m_device = 0;
    int64_t m_moment = 0;
    std::optional<qint64> m_framesShown; // the stack id in the stack list
    QString m_neverTitle;                // "Never freed", or "Leaks" for msMemScope dumps

    QComboBox *m_devices;
    QComboBox *m_axis;
    QLabel *m_summary;
    MemoryChart *m_chart;
    QTabWidget *m_tabs;
    QLabel *m_liveTitle;
    AllocationTable *m_live;
    AllocationTable *m_never;
    AllocatorStateView *m_stateView;
    OwnerBreakdown *m_breakdown = nullptr;
    MemScopeEventsView *m_events = nullptr;
    AllocationTable *m_inefficient = nullptr;
    // Event → (device, allocation), made at the first pick.
    QHash<QPair<int, qint64>, QPair<int, uint32_t>> m_blockOfEvent;
    bool m_fromEvents = false; // showing an Events pick: do not select back into the table
    QListWidget *m_stack;
    QCheckBox *m_showNoise;
};

} // namespace ts::views

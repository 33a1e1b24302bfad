#pragma once
// The Memory view of a PyTorch memory snapshot: per device, every allocation as a band stacked
// over the trace (time where the snapshot has it, allocator event order otherwise) under the
// reserved curve, the peaks and when they happened; below, what is live at the moment the user
// clicks (the peak at first, largest first) and what is never freed, with the selected
// allocation's stack (noise frames folded unless asked for). Loaded in a worker.

#include "memory/memorytimeline.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;
class QTabWidget;

namespace ts::views {

class AllocationTable;
class MemoryChart;

struct LoadedMemory
{
    std::shared_ptr<const model::MemoryTimeline> timeline; // null when nothing could be read
    QString error;
};

class MemoryView : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryView(const QString &cachePath, QWidget *parent = nullptr);
    ~MemoryView() override;

    bool isLoaded() const { return m_loaded; }
    // Loaded and everything on screen drawn (the bands come a moment after the curves).
    bool isReady() const;
    QString loadError() const { return m_error; }
    const model::MemoryTimeline *timeline() const { return m_timeline.get(); }
    QTableWidget *liveTable() const;
    QTableWidget *neverFreedTable() const;
    QListWidget *stackList() const { return m_stack; }
    QLabel *summary() const { return m_summary; }
    MemoryChart *chart() const { return m_chart; }
    QTabWidget *tabs() const { return m_tabs; }
    void showMoment(int64_t x);
    // Shows the moment x and selects the allocation in the live table, with its stack.
    void showAllocation(int64_t x, uint32_t allocation);

signals:
    void loaded();

private:
    void onLoaded();
    void showDevice();
    void showStack(uint32_t allocation);
    model::MemoryAxis axis() const;

    std::shared_ptr<const model::MemoryTimeline> m_timeline;
    QFutureWatcher<LoadedMemory> m_watcher;
    bool m_loaded = false;
    QString m_error;
    int m_device = 0;
    int64_t m_moment = 0;
    std::optional<uint32_t> m_stackShown;

    QComboBox *m_devices;
    QComboBox *m_axis;
    QLabel *m_summary;
    MemoryChart *m_chart;
    QTabWidget *m_tabs;
    QLabel *m_liveTitle;
    AllocationTable *m_live;
    AllocationTable *m_never;
    QListWidget *m_stack;
    QCheckBox *m_showNoise;
};

} // namespace ts::views

#pragma once
// The Memory view of a PyTorch memory snapshot: per device, the allocated / reserved curves over
// the trace (time where the snapshot has it, allocator event order otherwise), the peaks and
// when they happened, and — at a moment the user clicks, or the peak — every allocation live
// then, largest first, with its stack (noise frames folded unless asked for). Loaded in a worker.

#include "memory/memorytimeline.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace ts::views {

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
    QTableWidget *liveTable() const { return m_live; }
    QListWidget *stackList() const { return m_stack; }
    QLabel *summary() const { return m_summary; }
    void showMoment(int64_t x);
    // Shows the moment x and selects the allocation in the live table, with its stack.
    void showAllocation(int64_t x, uint32_t allocation);
    MemoryChart *chart() const { return m_chart; }

signals:
    void loaded();

private:
    void onLoaded();
    void showDevice();
    void showStack(int row);
    void fillRow(int row); // the live table's row from m_shown[row]
    model::MemoryAxis axis() const;

    std::shared_ptr<const model::MemoryTimeline> m_timeline;
    QFutureWatcher<LoadedMemory> m_watcher;
    bool m_loaded = false;
    QString m_error;
    int m_device = 0;
    int64_t m_moment = 0;
    std::vector<uint32_t> m_shown; // allocation indexes of the live table's rows

    QComboBox *m_devices;
    QComboBox *m_axis;
    QLabel *m_summary;
    MemoryChart *m_chart;
    QLabel *m_liveTitle;
    QTableWidget *m_live;
    QListWidget *m_stack;
    QCheckBox *m_showNoise;
};

} // namespace ts::views

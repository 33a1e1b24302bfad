#pragma once
// What the Operators table can group slices by besides their name: the trace's category
// (`cat`), or the name and the input shapes the trace recorded for the call (Kineto's
// "Input Dims" with record_shapes, Ascend's "Input Dims" / "Input Shapes"), as PyTorch's
// key_averages(group_by_input_shape=True) does. Neither is kept in memory for the timeline: they
// are read from the caches on demand (a scan of each slice table, and for shapes of the args of
// the slices that have some: seconds for tens of millions), in a worker.

#include "timeline/timelinedata.h"

#include <QStringList>

#include <atomic>
#include <cstdint>
#include <vector>

namespace ts::model {

enum class SliceGrouping { Category, NameAndShapes };

struct SliceGroups
{
    SliceGrouping grouping = SliceGrouping::Category;
    // [0]: what a slice the scan did not reach is labelled ("(no category)").
    QStringList labels;
    std::vector<std::vector<uint32_t>> byCache; // [cache index][slice.id] → index into labels
};

// false with *error when a cache cannot be read or holds a slice id out of range; false with no
// error when *cancel became true.
bool loadSliceGroups(const TimelineData &data, SliceGrouping grouping, SliceGroups *out,
                     QString *error, const std::atomic<bool> *cancel = nullptr);

// A name with its shapes as the table shows it: "aten::mm [[16,32],[32,8]]"; the name alone
// when there are none.
QString nameWithShapes(const QString &name, const QString &shapes);

} // namespace ts::model

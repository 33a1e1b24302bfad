#pragma once
// The steps of the per-step summary on the timeline: behind each rank's tracks every other step
// shaded, and along its group header each step as a band with its label.

#include "timemapping.h"

#include <QRect>
#include <QString>
#include <QVector>

#include <cstdint>

class QPainter;

namespace ts::views {

// A step of the per-step summary, drawn behind the tracks of a group (one rank's) as
// alternating shaded bands, with its label in the group's header.
struct StepMark
{
    int group = -1; // index into TimelineData::groups()
    int64_t start = 0, end = 0;
    QString label;
};

// Paints the steps of `group` (steps sorted by group, then start) over `content`: labelled
// bands for a header, else a light shade on every other step.
void paintStepBands(QPainter &p, const QVector<StepMark> &steps, int group, const QRect &content,
                    const TimeMapping &map, bool labels);

} // namespace ts::views

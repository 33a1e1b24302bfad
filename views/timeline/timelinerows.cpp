#include "timelinerows.h"

#include "timeline/timelinedata.h"

#include <algorithm>

namespace ts::views {

void TimelineRows::setData(const model::TimelineData *data)
{
    m_data = data;
    m_collapsed.clear();
    m_hidden.clear();
    m_pinned.clear();
    m_pinOrder.clear();
    m_groupOfTrack.fill(-1, data ? int(data->tracks().size()) : 0);
    if (data) {
        for (int g = 0; g < data->groups().size(); ++g) {
            for (int t : data->groups()[g].tracks)
                m_groupOfTrack[t] = g;
        }
    }
    relayout();
}

int TimelineRows::trackHeight(int track) const
{
    const model::TimelineTrack &t = m_data->tracks()[size_t(track)];
    if (t.kind == model::TimelineTrack::Kind::Counter)
        return kCounterHeight;
    return int(std::max<size_t>(t.depths.size(), 1)) * kDepthHeight + 2 * kTrackPadding;
}

void TimelineRows::relayout()
{
    m_pinnedRows.clear();
    m_scrollRows.clear();
    m_pinnedHeight = m_scrollHeight = 0;
    if (!m_data)
        return;
    if (!m_pinOrder.isEmpty()) {
        m_pinnedRows.append({TimelineRow::Kind::Group, -1, -1, 0, kHeaderHeight});
        m_pinnedHeight = kHeaderHeight;
        for (int t : std::as_const(m_pinOrder)) {
            const int h = trackHeight(t);
            m_pinnedRows.append(
                {TimelineRow::Kind::Track, m_groupOfTrack.value(t), t, m_pinnedHeight, h});
            m_pinnedHeight += h;
        }
    }
    const auto &groups = m_data->groups();
    for (int g = 0; g < groups.size(); ++g) {
        m_scrollRows.append({TimelineRow::Kind::Group, g, -1, m_scrollHeight, kHeaderHeight});
        m_scrollHeight += kHeaderHeight;
        if (m_collapsed.contains(g))
            continue;
        for (int t : groups[g].tracks) {
            if (m_hidden.contains(t) || m_pinned.contains(t))
                continue;
            const int h = trackHeight(t);
            m_scrollRows.append({TimelineRow::Kind::Track, g, t, m_scrollHeight, h});
            m_scrollHeight += h;
        }
    }
}

void TimelineRows::setCollapsed(int group, bool collapsed)
{
    if (collapsed)
        m_collapsed.insert(group);
    else
        m_collapsed.remove(group);
    relayout();
}

void TimelineRows::setHidden(int track, bool hidden)
{
    if (hidden) {
        m_hidden.insert(track);
        setPinned(track, false);
    } else {
        m_hidden.remove(track);
    }
    relayout();
}

void TimelineRows::showAllTracks()
{
    m_hidden.clear();
    relayout();
}

void TimelineRows::setPinned(int track, bool pinned)
{
    if (pinned && !m_pinned.contains(track)) {
        m_pinned.insert(track);
        m_pinOrder.append(track);
    } else if (!pinned && m_pinned.remove(track)) {
        m_pinOrder.removeAll(track);
    }
    relayout();
}

int TimelineRows::rowAt(const QVector<TimelineRow> &rows, int y)
{
    auto it = std::upper_bound(rows.begin(), rows.end(), y,
                               [](int v, const TimelineRow &r) { return v < r.y; });
    if (it == rows.begin())
        return -1;
    --it;
    return y < it->y + it->height ? int(it - rows.begin()) : -1;
}

const TimelineRow *TimelineRows::rowOfTrack(int track, bool *pinned) const
{
    for (const QVector<TimelineRow> *band : {&m_pinnedRows, &m_scrollRows}) {
        for (const TimelineRow &r : *band) {
            if (r.kind == TimelineRow::Kind::Track && r.track == track) {
                if (pinned)
                    *pinned = band == &m_pinnedRows;
                return &r;
            }
        }
    }
    return nullptr;
}

const TimelineRow *TimelineRows::headerOfTrack(int track) const
{
    const int g = m_groupOfTrack.value(track, -1);
    for (const TimelineRow &r : m_scrollRows) {
        if (r.kind == TimelineRow::Kind::Group && r.group == g)
            return &r;
    }
    return nullptr;
}

} // namespace ts::views

#pragma once
// Where each group header and track sits vertically, given what the user collapsed, hid and
// pinned. Pinned tracks leave their group and stand in a band at the top that does not scroll;
// everything else is one scrolling column. Pure geometry over TimelineData's groups: no painting.

#include <QSet>
#include <QVector>

namespace ts::model {
class TimelineData;
}

namespace ts::views {

struct TimelineRow
{
    enum class Kind { Group, Track };
    Kind kind = Kind::Track;
    int group = -1; // index into TimelineData::groups(); -1 for the pinned band's header
    int track = -1; // index into TimelineData::tracks() (Track rows)
    int y = 0;      // top, within its band
    int height = 0;
};

class TimelineRows
{
public:
    static constexpr int kHeaderHeight = 24;
    static constexpr int kDepthHeight = 18;
    static constexpr int kCounterHeight = 46;
    static constexpr int kTrackPadding = 3;

    void setData(const model::TimelineData *data);
    void relayout();

    void setCollapsed(int group, bool collapsed);
    bool isCollapsed(int group) const { return m_collapsed.contains(group); }
    void setHidden(int track, bool hidden);
    bool isHidden(int track) const { return m_hidden.contains(track); }
    int hiddenCount() const { return int(m_hidden.size()); }
    void showAllTracks();
    void setPinned(int track, bool pinned);
    bool isPinned(int track) const { return m_pinned.contains(track); }

    const QVector<TimelineRow> &pinnedRows() const { return m_pinnedRows; }
    const QVector<TimelineRow> &scrollRows() const { return m_scrollRows; }
    int pinnedHeight() const { return m_pinnedHeight; }
    int scrollHeight() const { return m_scrollHeight; }

    // Index of the row at y (band coordinates), or -1.
    static int rowAt(const QVector<TimelineRow> &rows, int y);
    // The row showing a track, in either band; nullptr when hidden or its group is collapsed.
    const TimelineRow *rowOfTrack(int track, bool *pinned = nullptr) const;
    // The header row of the group holding `track` (for flows into a collapsed group).
    const TimelineRow *headerOfTrack(int track) const;
    int trackHeight(int track) const;

private:
    const model::TimelineData *m_data = nullptr;
    QSet<int> m_collapsed, m_hidden, m_pinned;
    QVector<int> m_pinOrder;
    QVector<TimelineRow> m_pinnedRows, m_scrollRows;
    QVector<int> m_groupOfTrack;
    int m_pinnedHeight = 0, m_scrollHeight = 0;
};

} // namespace ts::views

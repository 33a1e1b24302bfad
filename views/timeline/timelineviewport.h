#pragma once
// The one zoom state every part of the timeline observes (ruler, overview strip, canvas): the
// visible window [start, end) in trace nanoseconds, inside the trace's bounds. Every change goes
// through setWindow(), which clamps it and remembers the previous window so Ctrl+Z can go back.

#include <QObject>
#include <QVector>

#include <algorithm>
#include <cstdint>

namespace ts::views {

class TimelineViewport : public QObject
{
    Q_OBJECT
public:
    // No zoom beyond this many nanoseconds across the window: below it pixels would be sub-ns.
    static constexpr int64_t kMinWindowNs = 100;

    // The narrowest window (kMinWindowNs unless set): the Memory view's event-order axis counts
    // events, where one is already the finest step. Takes effect at the next setBounds().
    void setMinimumWindow(int64_t width) { m_minWindow = std::max<int64_t>(1, width); }

    explicit TimelineViewport(QObject *parent = nullptr);

    void setBounds(int64_t start, int64_t end); // also shows everything
    int64_t boundsStart() const { return m_boundsStart; }
    int64_t boundsEnd() const { return m_boundsEnd; }
    int64_t start() const { return m_start; }
    int64_t end() const { return m_end; }
    int64_t width() const { return m_end - m_start; }

    void setWindow(int64_t start, int64_t end, bool remember = true);
    // factor < 1 zooms in; `anchor` stays where it is on screen.
    void zoomAt(int64_t anchor, double factor);
    void pan(int64_t deltaNs);
    void showAll();
    // Shows [start, end) with a margin on each side, as "zoom to slice" does.
    void showRange(int64_t start, int64_t end, double margin = 0.1);
    // Keeps the width, puts `t` in the middle.
    void centreOn(int64_t t);
    bool undo();

signals:
    void windowChanged();

private:
    int64_t m_minWindow = kMinWindowNs;
    int64_t m_boundsStart = 0, m_boundsEnd = 1;
    int64_t m_start = 0, m_end = 1;
    QVector<QPair<int64_t, int64_t>> m_history;
};

} // namespace ts::views

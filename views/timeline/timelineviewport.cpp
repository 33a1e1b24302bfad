#include "timelineviewport.h"

#include <algorithm>
#include <cmath>

namespace ts::views {

namespace {
constexpr int kHistoryLimit = 100;
}

TimelineViewport::TimelineViewport(QObject *parent) : QObject(parent) {}

void TimelineViewport::setBounds(int64_t start, int64_t end)
{
    m_boundsStart = start;
    m_boundsEnd = std::max(end, start + m_minWindow);
    m_history.clear();
    setWindow(m_boundsStart, m_boundsEnd, false);
}

void TimelineViewport::setWindow(int64_t start, int64_t end, bool remember)
{
    const int64_t span = m_boundsEnd - m_boundsStart;
    int64_t width = std::clamp<int64_t>(end - start, m_minWindow, span);
    // Keep the window inside the trace: slide it back rather than shrink it.
    start = std::clamp<int64_t>(start, m_boundsStart, m_boundsEnd - width);
    end = start + width;
    if (start == m_start && end == m_end)
        return;
    if (remember) {
        m_history.append({m_start, m_end});
        if (m_history.size() > kHistoryLimit)
            m_history.removeFirst();
    }
    m_start = start;
    m_end = end;
    emit windowChanged();
}

void TimelineViewport::zoomAt(int64_t anchor, double factor)
{
    anchor = std::clamp(anchor, m_start, m_end);
    const double before = double(anchor - m_start);
    const double after = double(m_end - anchor);
    setWindow(anchor - int64_t(std::llround(before * factor)),
              anchor + int64_t(std::llround(after * factor)));
}

void TimelineViewport::pan(int64_t deltaNs)
{
    setWindow(m_start + deltaNs, m_end + deltaNs, false);
}

void TimelineViewport::showAll()
{
    setWindow(m_boundsStart, m_boundsEnd);
}

void TimelineViewport::showRange(int64_t start, int64_t end, double margin)
{
    const int64_t width = std::max<int64_t>(end - start, m_minWindow);
    const int64_t pad = int64_t(double(width) * margin);
    setWindow(start - pad, start + width + pad);
}

void TimelineViewport::centreOn(int64_t t)
{
    const int64_t half = width() / 2;
    setWindow(t - half, t - half + width());
}

bool TimelineViewport::undo()
{
    if (m_history.isEmpty())
        return false;
    const auto previous = m_history.takeLast();
    setWindow(previous.first, previous.second, false);
    return true;
}

} // namespace ts::views

#include "stepchart.h"

#include "timeline/timeformat.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace ts::views {

namespace {

struct Part
{
    const char *name;
    QColor color;
};
const Part kParts[] = {
    {QT_TRANSLATE_NOOP("StepChart", "Computing"), QColor(76, 132, 214)},
    {QT_TRANSLATE_NOOP("StepChart", "Overlapped"), QColor(134, 94, 196)},
    {QT_TRANSLATE_NOOP("StepChart", "Communication not overlapped"), QColor(226, 120, 52)},
    {QT_TRANSLATE_NOOP("StepChart", "Free"), QColor(200, 204, 212)}};

// The four parts of a row, bottom up: they add up to its step time.
std::array<int64_t, 4> partsOf(const model::RankStep &s)
{
    return {std::max<int64_t>(0, s.computingNs - s.overlappedNs),
            std::max<int64_t>(0, s.overlappedNs), std::max<int64_t>(0, s.commNotOverlappedNs),
            std::max<int64_t>(0, s.freeNs)};
}

} // namespace

StepChart::StepChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stepChart"));
}

void StepChart::setSummary(const model::StepSummary *summary)
{
    m_summary = summary;
    update();
}

void StepChart::setRank(int rank)
{
    m_rank = rank;
    update();
}

void StepChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    // Legend along the top.
    int x = 12;
    const int legendY = 8;
    for (const Part &part : kParts) {
        const QString name = QCoreApplication::translate("StepChart", part.name);
        p.fillRect(QRect(x, legendY + 2, 12, 12), part.color);
        p.setPen(palette().text().color());
        p.drawText(QRect(x + 16, legendY, 400, 16), Qt::AlignVCenter | Qt::AlignLeft, name);
        x += 16 + p.fontMetrics().horizontalAdvance(name) + 18;
    }
    QVector<const model::RankStep *> rows;
    if (m_summary) {
        for (const model::RankStep &s : m_summary->rows) {
            if (m_rank < 0 || s.rank == m_rank)
                rows.append(&s);
        }
    }
    const QRect plot = rect().adjusted(78, 34, -12, -40);
    if (rows.isEmpty() || plot.width() < 20 || plot.height() < 20) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect(), Qt::AlignCenter, tr("No steps"));
        return;
    }
    int64_t top = 1;
    for (const model::RankStep *s : rows)
        top = std::max(top, s->stepNs);
    // Axis: 0, half and the longest step.
    p.setPen(QColor(220, 222, 228));
    for (int i = 0; i <= 2; ++i) {
        const int y = plot.bottom() - plot.height() * i / 2;
        p.drawLine(plot.left(), y, plot.right(), y);
        p.save();
        p.setPen(palette().text().color());
        p.drawText(QRect(0, y - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatDuration(top * i / 2));
        p.restore();
    }
    // One slot per step; the ranks of a step side by side within it.
    QVector<int64_t> steps;
    for (const model::RankStep *s : rows) {
        if (steps.isEmpty() || steps.last() != s->step)
            steps.append(s->step);
    }
    const double slot = double(plot.width()) / steps.size();
    int stepIndex = -1;
    int64_t lastStep = 0;
    QVector<const model::RankStep *> inStep;
    auto drawStep = [&]() {
        if (inStep.isEmpty())
            return;
        const double left = plot.left() + slot * stepIndex;
        const double gap = std::min(12.0, slot * 0.15);
        const double barWidth = std::max(1.0, (slot - 2 * gap) / inStep.size());
        for (int r = 0; r < inStep.size(); ++r) {
            const model::RankStep &s = *inStep[r];
            const double bx = left + gap + r * barWidth;
            double y = plot.bottom() + 1;
            const std::array<int64_t, 4> parts = partsOf(s);
            for (size_t i = 0; i < parts.size(); ++i) {
                const double h = double(parts[i]) / double(top) * plot.height();
                p.fillRect(QRectF(bx, y - h, std::max(1.0, barWidth - 2), h), kParts[i].color);
                y -= h;
            }
            // Which rank a bar is, where there is room to say so.
            const QString rank = m_summary->ranks.value(s.rank).label;
            if (inStep.size() > 1 && barWidth > p.fontMetrics().horizontalAdvance(rank) + 6) {
                p.setPen(Qt::white);
                p.drawText(QRectF(bx, plot.bottom() - 18, barWidth - 2, 16), Qt::AlignCenter, rank);
            }
        }
        p.setPen(palette().text().color());
        const QString label =
            inStep.first()->step >= 0 ? tr("Step %1").arg(inStep.first()->step) : tr("Step");
        p.drawText(QRectF(left, plot.bottom() + 4, slot, 16), Qt::AlignCenter, label);
        if (inStep.size() > 1 && slot > 60)
            p.drawText(QRectF(left, plot.bottom() + 20, slot, 16), Qt::AlignCenter,
                       tr("%n rank(s)", nullptr, int(inStep.size())));
    };
    for (const model::RankStep *s : rows) {
        if (stepIndex < 0 || s->step != lastStep) {
            drawStep();
            inStep.clear();
            ++stepIndex;
            lastStep = s->step;
        }
        inStep.append(s);
    }
    drawStep();
}

} // namespace ts::views

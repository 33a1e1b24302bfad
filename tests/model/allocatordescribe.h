#pragma once
// One line of text per allocator moment, so the suites can state whole expected states:
//   segments:  <address hex>+<size>@<since>[flags]{<blocks>}, joined by " | "
//              flags: e expandable, b before the trace, ? unknown (synthetic)
//   blocks:    a (allocated) / p (pending free) / f (free), <address hex>:<size>, then for an
//              active block /<requested>; flags ~ derived size, o overlaps, > past its segment
//   totals:    "alloc A pend P waste W/D res R free F big L" (D: the derived part of the waste)

#include "memory/allocatorstate.h"

#include <QString>
#include <QStringList>

namespace ts::testing {

inline QString describeBlock(const model::AllocatorBlock &b)
{
    using model::AllocatorBlockState;
    const char state = b.state == AllocatorBlockState::Allocated     ? 'a'
                       : b.state == AllocatorBlockState::PendingFree ? 'p'
                                                                     : 'f';
    QString s = QStringLiteral("%1%2:%3").arg(QLatin1Char(state)).arg(b.address, 0, 16).arg(b.size);
    if (b.isActive())
        s += QStringLiteral("/%1").arg(b.requestedSize);
    if (b.flags & model::kBlockSizeDerived)
        s += u'~';
    if (b.flags & model::kBlockOverlaps)
        s += u'o';
    if (b.flags & model::kBlockPastSegment)
        s += u'>';
    return s;
}

inline QString describeSegments(const model::AllocatorMoment &m)
{
    QStringList segments;
    for (const model::AllocatorSegment &s : m.segments) {
        QString flags;
        if (s.flags & model::kSegmentExpandable)
            flags += u'e';
        if (s.flags & model::kSegmentBeforeTrace)
            flags += u'b';
        if (s.flags & model::kSegmentUnknown)
            flags += u'?';
        QStringList blocks;
        for (const model::AllocatorBlock &b : s.blocks)
            blocks << describeBlock(b);
        segments << QStringLiteral("%1+%2@%3%4{%5}")
                        .arg(s.address, 0, 16)
                        .arg(s.size)
                        .arg(s.since)
                        .arg(flags, blocks.join(u' '));
    }
    return segments.join(QStringLiteral(" | "));
}

inline QString describeTotals(const model::AllocatorTotals &t)
{
    return QStringLiteral("alloc %1 pend %2 waste %3/%4 res %5 free %6 big %7")
        .arg(t.allocated)
        .arg(t.pendingFree)
        .arg(t.waste)
        .arg(t.wasteDerived)
        .arg(t.reserved)
        .arg(t.free)
        .arg(t.largestFree);
}

} // namespace ts::testing

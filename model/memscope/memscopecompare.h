#pragma once
// Two msMemScope runs side by side (File ▸ Compare…, `--compare BASE --stats memory NEW`): the
// memory each owner and each MALLOC call stack holds, in the base and in the new run.
//
// For one run and one group (an owner "A@B@C", or a call stack): its peak is the most bytes its
// blocks (blockpairing.h) hold at any one moment, with the number of blocks live then (the
// first such moment); its end is what it still holds when the data ends (its leaked blocks). A
// block is live from its MALLOC until its FREE; FREEs of memory allocated before recording
// belong to no group and are left out. The growth is new − base of the peak bytes; rows come
// largest growth first (then largest end growth, then by group and name), so what grew most
// leads and what shrank most comes last.

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <optional>

namespace ts::model {

enum class MemScopeGroupKind { Owner = 0, Stack = 1 };

struct MemScopeHolding
{
    int64_t peakBytes = 0, peakBlocks = 0; // at the group's own peak
    int64_t endBytes = 0, endBlocks = 0;   // live when the data ends
};

// One run: every group's holding. Keys: the owner ("(no owner)" for none) or the MALLOC's
// Python then C call stack, frames joined by newlines ("(no stack)" for none).
struct MemScopeRunHoldings
{
    QVector<QPair<QString, MemScopeHolding>> groups[2]; // by MemScopeGroupKind
};

struct MemScopeDelta
{
    MemScopeGroupKind kind = MemScopeGroupKind::Owner;
    QString key;
    MemScopeHolding base, next; // zero where a run lacks the group
    int64_t growth() const { return next.peakBytes - base.peakBytes; }
    int64_t endGrowth() const { return next.endBytes - base.endBytes; }
};

// Whether any of the caches holds msMemScope rows (a Compare of dumps, not of traces).
bool cachesHoldMemScope(const QStringList &caches);

// The holdings of the dumps in `caches` (a folder's dumps together, on their common clock).
// False with *error when a cache cannot be read.
bool memScopeHoldings(const QStringList &caches, MemScopeRunHoldings *out, QString *error);

// Owners first, then stacks; each in the order above.
QVector<MemScopeDelta> compareMemScope(const MemScopeRunHoldings &base,
                                       const MemScopeRunHoldings &next);

// CSV: kind,key,base_peak_bytes,base_peak_blocks,new_peak_bytes,new_peak_blocks,growth_bytes,
// base_end_bytes,base_end_blocks,new_end_bytes,new_end_blocks,end_growth_bytes.
QByteArray memScopeCompareCsv(const QVector<MemScopeDelta> &rows);
// One run: kind,key,peak_bytes,peak_blocks,end_bytes,end_blocks, largest peak first.
QByteArray memScopeHoldingsCsv(const MemScopeRunHoldings &run);

} // namespace ts::model

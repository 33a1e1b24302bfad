#pragma once
// Where each live allocation sits in the Memory view's stacked bands. At any x the allocations
// live then are stacked bottom-up in the order they began (those from before the trace first, as
// the floor), each band as tall as its size, so a free lets every band above it drop and a band
// keeps its place while nothing below it goes. It is the picture people know from PyTorch's
// memory_viz, built here for a whole trace rather than its largest few thousand allocations.
//
// Built once per (device, axis) in a worker: two sorts of the allocation indexes. Then
// read-only: any thread may query it.

#include "memory/memorytimeline.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ts::model {

struct StackHit
{
    uint32_t allocation = 0; // index into MemoryDevice::allocations
    uint64_t base = 0;       // bytes below its band at that x
};

class AllocationStacking
{
public:
    AllocationStacking(const MemoryDevice &device, MemoryAxis axis);

    const MemoryDevice &device() const { return m_device; }
    MemoryAxis axis() const { return m_axis; }

    // Allocations live at x, bottom first.
    std::vector<uint32_t> stackAt(int64_t x) const;
    // The allocation whose band covers the byte height `bytes` at x; none above the top.
    std::optional<StackHit> hitAt(int64_t x, uint64_t bytes) const;

    // One x per column of [x0, x1) in `columns` equal columns: where the allocated total is
    // highest within the column (its first such point), so drawing each column's stack at its
    // moment loses no peak at any zoom. A column with no change in it gets its start.
    std::vector<int64_t> columnMoments(int64_t x0, int64_t x1, int columns) const;

    // What a sweep's visitor may ask of the stack at one moment: the band at a byte height, in
    // O(log n) however many allocations are live (a Fenwick tree over the stacking order), so a
    // pixel column costs its rows, not its allocations.
    class Column
    {
    public:
        std::optional<StackHit> find(uint64_t bytes) const;
        uint64_t total() const;

    private:
        friend class AllocationStacking;
        const AllocationStacking *m_owner = nullptr;
        std::vector<uint64_t> m_tree; // 1-based Fenwick tree of live sizes by stacking position
        uint32_t m_topStep = 0;       // the highest power of two ≤ the tree's size
    };

    // Walks the trace once and calls visit(column, stack) with the stack at each of `moments`
    // (ascending). `changed` is false when nothing happened since the previous column's moment,
    // so a caller may reuse what it drew there. O(n + changes · log n + the visitor's queries).
    using ColumnVisitor = std::function<void(int column, const Column &stack, bool changed)>;
    void sweep(const std::vector<int64_t> &moments, const ColumnVisitor &visit) const;

private:
    bool stacksBelow(uint32_t a, uint32_t b) const; // the stacking order

    const MemoryDevice &m_device;
    MemoryAxis m_axis;
    std::vector<uint32_t> m_byStart;  // allocation indexes in stacking order
    std::vector<uint32_t> m_byEnd;    // ascending end (then stacking order)
    std::vector<uint32_t> m_position; // allocation index → its place in m_byStart
};

} // namespace ts::model

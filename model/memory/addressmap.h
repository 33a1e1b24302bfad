#pragma once
// Address → the open allocations at that address, for matching a device trace's frees to their
// allocs. An open-addressing table (linear probing, deletion by backward shift) of 16-byte
// slots: at ~2 M events a node-based hash of deques costs more in allocation than in matching.
// The value is the head and tail of a list threaded through the caller's own array (usually one
// entry: an address is rarely allocated twice before it is freed).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ts::model {

class AddressMap
{
public:
    static constexpr uint32_t kNone = UINT32_MAX;
    struct Slot
    {
        uint64_t address = 0;
        uint32_t head = kNone; // kNone: the slot is empty
        uint32_t tail = kNone;
    };

    explicit AddressMap(std::size_t expected = 0) { rehash(capacityFor(expected)); }

    // The slot holding `address`, or nullptr.
    Slot *find(uint64_t address)
    {
        for (std::size_t i = home(address);; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.head == kNone)
                return nullptr;
            if (s.address == address)
                return &s;
        }
    }
    // Sets the list of `address` (added when missing); head must not be kNone. Invalidates
    // Slot pointers.
    Slot &insert(uint64_t address, uint32_t head, uint32_t tail)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            rehash(m_slots.size() * 2);
        std::size_t i = home(address);
        while (m_slots[i].head != kNone && m_slots[i].address != address)
            i = (i + 1) & m_mask;
        Slot &s = m_slots[i];
        if (s.head == kNone)
            ++m_size;
        s = Slot{address, head, tail};
        return s;
    }
    void erase(Slot *slot)
    {
        // Backward shift: pull later members of the probe run into the hole, so lookups never
        // need tombstones.
        std::size_t hole = std::size_t(slot - m_slots.data());
        for (std::size_t j = (hole + 1) & m_mask; m_slots[j].head != kNone; j = (j + 1) & m_mask) {
            const std::size_t want = home(m_slots[j].address);
            // Movable when its home is not in (hole, j], cyclically.
            const bool stays = hole < j ? (want > hole && want <= j) : (want > hole || want <= j);
            if (!stays) {
                m_slots[hole] = m_slots[j];
                hole = j;
            }
        }
        m_slots[hole] = Slot{};
        --m_size;
    }
    std::size_t size() const { return m_size; }

private:
    static std::size_t capacityFor(std::size_t n)
    {
        std::size_t c = 64;
        while (c < 2 * n)
            c *= 2;
        return c;
    }
    // Fibonacci hashing: allocator addresses share their low bits (aligned), so use the high
    // bits of the product.
    std::size_t home(uint64_t address) const
    {
        return std::size_t((address * 0x9E3779B97F4A7C15ull) >> m_shift);
    }
    void rehash(std::size_t capacity)
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_shift = 64;
        for (std::size_t c = capacity; c > 1; c /= 2)
            --m_shift;
        m_size = 0;
        for (const Slot &s : old)
            if (s.head != kNone)
                insert(s.address, s.head, s.tail);
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    int m_shift = 64;
    std::size_t m_size = 0;
};

} // namespace ts::model

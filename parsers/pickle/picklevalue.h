#pragma once
// Read-only views of what PickleReader built. A PickleValue is a handle (16 bytes, cheap to
// copy) into a PickleDocument and valid while the document lives. Nothing here throws or
// asserts on a wrong type: a lookup that does not fit gives a Missing value, an accessor of the
// wrong type gives std::nullopt, so consumers can chain lookups on untrusted data and check once.
//
// Mapping of Python types: dict → Dict (pairs in stream order; duplicate keys are kept, get()
// returns the last one, as Python would); list → List; set and frozenset → List too (fromSet()
// tells); tuple → Tuple; str → String (valid UTF-8, where lone surrogates are allowed as
// CPython's surrogatepass writes them); bytes, bytearray and the protocol-2 BINSTRING /
// SHORT_BINSTRING → Bytes; int → Int when it fits int64_t, UInt64 for 2^63 … 2^64 − 1, BigInt
// beyond (its little-endian two's complement bytes; no arithmetic on it).

#include "picklestore.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace ts::parsers {

class PickleValue
{
public:
    enum class Type : uint8_t {
        Missing, // not a value: a failed lookup
        None,
        Bool,
        Int,
        UInt64,
        BigInt,
        Float,
        String,
        Bytes,
        List,
        Tuple,
        Dict,
    };

    PickleValue() = default;
    PickleValue(const PickleStore *store, PickleRef ref) : m_store(store), m_ref(ref) {}

    Type type() const;
    bool isMissing() const { return m_store == nullptr; }
    bool isNone() const { return m_store && tagOf(m_ref) == kTagNone; }
    bool isDict() const { return m_store && tagOf(m_ref) == kTagDict; }
    bool isList() const { return type() == Type::List; }
    bool isTuple() const { return m_store && tagOf(m_ref) == kTagTuple; }
    bool isSequence() const { return isList() || isTuple(); } // what at() and items() walk
    bool isString() const { return m_store && tagOf(m_ref) == kTagString; }
    bool fromSet() const;

    std::optional<bool> asBool() const;
    std::optional<int64_t> asInt() const;             // Int; UInt64 does not fit
    std::optional<uint64_t> asUInt64() const;         // Int ≥ 0 and UInt64
    std::optional<double> asDouble() const;           // Float, and Int/UInt64 converted
    std::optional<std::string_view> asString() const; // String only
    std::optional<std::string_view> asBytes() const;  // Bytes only
    std::string_view bigIntBytes() const;             // BigInt's bytes; empty for anything else

    // List, tuple: items; dict: pairs; anything else 0.
    size_t size() const;
    PickleValue at(size_t i) const;    // list/tuple item, Missing when out of range
    PickleValue keyAt(size_t i) const; // dict pair i
    PickleValue valueAt(size_t i) const;
    PickleValue get(std::string_view key) const; // dict lookup by str key (linear; last wins)
    PickleValue operator[](std::string_view key) const { return get(key); }
    bool contains(std::string_view key) const { return !get(key).isMissing(); }

    // Same object in the pickle (a memoized object reached twice has one identity). Scalars
    // stored inline (None, bools, small ints) compare by value.
    uint64_t identity() const { return m_store ? (uint64_t(1) << 32) | m_ref : 0; }
    bool sameObject(const PickleValue &o) const { return m_store == o.m_store && m_ref == o.m_ref; }
    // Nesting below this value: 0 for a scalar, 1 for a container of scalars, …; never more
    // than the reader's depth limit, so recursion over a document is bounded by it.
    uint32_t depth() const { return m_store ? m_store->depth(m_ref) : 0; }
    PickleRef ref() const { return m_ref; }

    class Iterator
    {
    public:
        using difference_type = std::ptrdiff_t;
        using value_type = PickleValue;
        Iterator() = default;
        Iterator(const PickleStore *s, const PickleRef *p, size_t step)
            : m_s(s), m_p(p), m_step(step)
        {}
        PickleValue operator*() const { return PickleValue(m_s, *m_p); }
        Iterator &operator++()
        {
            m_p += m_step;
            return *this;
        }
        Iterator operator++(int)
        {
            Iterator t = *this;
            ++*this;
            return t;
        }
        bool operator==(const Iterator &o) const { return m_p == o.m_p; }
        // For a dict iterated by pairs(): the value next to the key.
        PickleValue pairValue() const { return PickleValue(m_s, m_p[1]); }

    private:
        const PickleStore *m_s = nullptr;
        const PickleRef *m_p = nullptr;
        size_t m_step = 1;
    };
    struct Range
    {
        Iterator b, e;
        Iterator begin() const { return b; }
        Iterator end() const { return e; }
    };
    // Items of a list/tuple; empty for anything else.
    Range items() const;
    // Keys of a dict (it.pairValue() gives the value); empty for anything else.
    Range keys() const;

private:
    const PickleStore *m_store = nullptr; // null: Missing
    PickleRef m_ref = 0;
};

// Owns everything a read built; moved out of PickleReader.
class PickleDocument
{
public:
    PickleDocument(std::unique_ptr<PickleStore> store, PickleRef root)
        : m_store(std::move(store)), m_root(root)
    {}
    PickleValue root() const { return PickleValue(m_store.get(), m_root); }
    uint64_t memoryBytes() const { return m_store->bytes(); }

private:
    std::unique_ptr<PickleStore> m_store;
    PickleRef m_root;
};

// A canonical text form, used by the tests to compare with what Python loads
// (tests/data/pickle/make_pickles.py writes the same form): None True False, ints in decimal,
// floats as f:<16 hex digits of the IEEE bits>, big ints as L:<hex of their bytes>,
// s"…" and b"…" with bytes outside 0x20..0x7e and \ " as \xNN, [..] lists and sets, (..) tuples,
// {k:v,..} dicts, items separated by ','. Shared objects are written in full each time. False
// if the output would pass maxBytes (the text is then cut).
bool appendCanonical(const PickleValue &v, std::string &out, size_t maxBytes);

} // namespace ts::parsers

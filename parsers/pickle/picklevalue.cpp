#include "picklevalue.h"

#include <bit>
#include <cstdio>

namespace ts::parsers {

PickleValue::Type PickleValue::type() const
{
    if (!m_store)
        return Type::Missing;
    switch (tagOf(m_ref)) {
    case kTagNone:
        return Type::None;
    case kTagBool:
        return Type::Bool;
    case kTagSmall:
    case kTagInt64:
        return Type::Int;
    case kTagUInt64:
        return Type::UInt64;
    case kTagFloat:
        return Type::Float;
    case kTagString:
        return Type::String;
    case kTagBytes:
        return Type::Bytes;
    case kTagBigInt:
        return Type::BigInt;
    case kTagList:
    case kTagSet:
    case kTagFrozenSet:
        return Type::List;
    case kTagTuple:
        return Type::Tuple;
    case kTagDict:
        return Type::Dict;
    }
    return Type::Missing;
}

bool PickleValue::fromSet() const
{
    return m_store && (tagOf(m_ref) == kTagSet || tagOf(m_ref) == kTagFrozenSet);
}

std::optional<bool> PickleValue::asBool() const
{
    if (m_store && tagOf(m_ref) == kTagBool)
        return payloadOf(m_ref) != 0;
    return std::nullopt;
}

std::optional<int64_t> PickleValue::asInt() const
{
    if (!m_store)
        return std::nullopt;
    if (tagOf(m_ref) == kTagSmall)
        return smallOf(m_ref);
    if (tagOf(m_ref) == kTagInt64)
        return int64_t(m_store->words[payloadOf(m_ref)]);
    return std::nullopt;
}

std::optional<uint64_t> PickleValue::asUInt64() const
{
    if (m_store && tagOf(m_ref) == kTagUInt64)
        return m_store->words[payloadOf(m_ref)];
    const auto i = asInt();
    if (i && *i >= 0)
        return uint64_t(*i);
    return std::nullopt;
}

std::optional<double> PickleValue::asDouble() const
{
    if (m_store && tagOf(m_ref) == kTagFloat)
        return std::bit_cast<double>(m_store->words[payloadOf(m_ref)]);
    if (const auto i = asInt())
        return double(*i);
    if (m_store && tagOf(m_ref) == kTagUInt64)
        return double(m_store->words[payloadOf(m_ref)]);
    return std::nullopt;
}

std::optional<std::string_view> PickleValue::asString() const
{
    if (m_store && tagOf(m_ref) == kTagString)
        return m_store->blob(payloadOf(m_ref));
    return std::nullopt;
}

std::optional<std::string_view> PickleValue::asBytes() const
{
    if (m_store && tagOf(m_ref) == kTagBytes)
        return m_store->blob(payloadOf(m_ref));
    return std::nullopt;
}

std::string_view PickleValue::bigIntBytes() const
{
    if (m_store && tagOf(m_ref) == kTagBigInt)
        return m_store->blob(payloadOf(m_ref));
    return {};
}

size_t PickleValue::size() const
{
    if (!m_store || !isContainerTag(tagOf(m_ref)))
        return 0;
    const uint32_t n = m_store->containers[payloadOf(m_ref)].count;
    return tagOf(m_ref) == kTagDict ? n / 2 : n;
}

PickleValue PickleValue::at(size_t i) const
{
    if (!isSequence() || i >= size())
        return {};
    return PickleValue(m_store, m_store->items(payloadOf(m_ref))[i]);
}

PickleValue PickleValue::keyAt(size_t i) const
{
    if (!isDict() || i >= size())
        return {};
    return PickleValue(m_store, m_store->items(payloadOf(m_ref))[2 * i]);
}

PickleValue PickleValue::valueAt(size_t i) const
{
    if (!isDict() || i >= size())
        return {};
    return PickleValue(m_store, m_store->items(payloadOf(m_ref))[2 * i + 1]);
}

PickleValue PickleValue::get(std::string_view key) const
{
    if (!isDict())
        return {};
    const uint32_t n = m_store->containers[payloadOf(m_ref)].count;
    const PickleRef *items = m_store->items(payloadOf(m_ref));
    for (uint32_t i = n; i >= 2; i -= 2) {
        const PickleRef k = items[i - 2];
        if (tagOf(k) != kTagString)
            continue;
        const char *b = m_store->blobs[payloadOf(k)];
        if (PickleStore::blobLength(b) == key.size() &&
            std::memcmp(b + 4, key.data(), key.size()) == 0)
            return PickleValue(m_store, items[i - 1]);
    }
    return {};
}

PickleValue::Range PickleValue::items() const
{
    if (!isSequence())
        return {};
    const PickleRef *p = m_store->items(payloadOf(m_ref));
    const size_t n = size();
    return {Iterator(m_store, p, 1), Iterator(m_store, p + n, 1)};
}

PickleValue::Range PickleValue::keys() const
{
    if (!isDict())
        return {};
    const PickleRef *p = m_store->items(payloadOf(m_ref));
    const size_t n = size();
    return {Iterator(m_store, p, 2), Iterator(m_store, p + 2 * n, 2)};
}

namespace {

void appendQuoted(char prefix, std::string_view s, std::string &out)
{
    out += prefix;
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c > 0x7e || c == '\\' || c == '"') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    out += '"';
}

bool canonical(const PickleValue &v, std::string &out, size_t maxBytes)
{
    if (out.size() > maxBytes)
        return false;
    char buf[40];
    switch (v.type()) {
    case PickleValue::Type::Missing:
        out += "<missing>";
        return true;
    case PickleValue::Type::None:
        out += "None";
        return true;
    case PickleValue::Type::Bool:
        out += *v.asBool() ? "True" : "False";
        return true;
    case PickleValue::Type::Int:
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(*v.asInt()));
        out += buf;
        return true;
    case PickleValue::Type::UInt64:
        std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(*v.asUInt64()));
        out += buf;
        return true;
    case PickleValue::Type::Float:
        std::snprintf(buf, sizeof buf, "f:%016llx",
                      static_cast<unsigned long long>(std::bit_cast<uint64_t>(*v.asDouble())));
        out += buf;
        return true;
    case PickleValue::Type::BigInt:
        out += "L:";
        for (const char c : v.bigIntBytes()) {
            std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
            out += buf;
        }
        return true;
    case PickleValue::Type::String:
        appendQuoted('s', *v.asString(), out);
        return true;
    case PickleValue::Type::Bytes:
        appendQuoted('b', *v.asBytes(), out);
        return true;
    case PickleValue::Type::List:
    case PickleValue::Type::Tuple: {
        const bool list = v.type() == PickleValue::Type::List;
        out += list ? '[' : '(';
        bool first = true;
        for (const PickleValue item : v.items()) {
            if (!first)
                out += ',';
            first = false;
            if (!canonical(item, out, maxBytes))
                return false;
        }
        out += list ? ']' : ')';
        return true;
    }
    case PickleValue::Type::Dict: {
        out += '{';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                out += ',';
            if (!canonical(v.keyAt(i), out, maxBytes))
                return false;
            out += ':';
            if (!canonical(v.valueAt(i), out, maxBytes))
                return false;
        }
        out += '}';
        return true;
    }
    }
    return true;
}

} // namespace

bool appendCanonical(const PickleValue &v, std::string &out, size_t maxBytes)
{
    // Recursion is bounded: depth() of any value is at most the reader's depth limit.
    if (!canonical(v, out, maxBytes) || out.size() > maxBytes) {
        if (out.size() > maxBytes)
            out.resize(maxBytes);
        return false;
    }
    return true;
}

} // namespace ts::parsers

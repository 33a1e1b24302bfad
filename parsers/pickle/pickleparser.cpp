#include "pickleparser.h"

#include "bytesource.h"
#include "pickleopcodes.h"

#include <algorithm>
#include <bit>
#include <cstdio>

namespace ts::parsers {
namespace pickle_detail {

// UTF-8 as CPython's "surrogatepass" decoder accepts it: lone surrogates (ED A0..BF xx) pass.
bool validUtf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k < len; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return false;
        }
        i += len;
    }
    return true;
}

bool Parser::refill(size_t n)
{
    if (m_pos > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_pos, m_end - m_pos);
        m_base += m_pos;
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_buf.size() < std::max(n, m_base > 0 ? kBufferSize : 0))
        m_buf.resize(std::max(n, kBufferSize));
    while (m_end < n) {
        // One byte past the limit is asked for, to tell "exactly at the limit" from "over".
        const size_t want = size_t(std::min<uint64_t>(
            m_buf.size() - m_end,
            m_lim.maxInputBytes + 1 - std::min(m_lim.maxInputBytes, m_base + m_end)));
        const size_t got = want ? m_src.read(m_buf.data() + m_end, want) : 0;
        if (m_base + m_end + got > m_lim.maxInputBytes)
            return fail("the input is larger than the limit of " +
                        std::to_string(m_lim.maxInputBytes) + " bytes");
        if (got == 0) {
            const std::string why = m_src.error();
            if (!why.empty())
                return fail(why);
            if (m_stopped)
                return false; // the caller only looked for trailing bytes
            if (!m_haveOp)
                return fail(m_opOffset == 0
                                ? std::string("the input is empty: nothing at byte offset 0")
                                : "the pickle is truncated: it ends" + at() +
                                      " without a STOP opcode");
            return fail("the pickle is truncated: " + opText() + at() + " needs " +
                        std::to_string(n - m_end) + " more byte(s) than the input has");
        }
        m_end += got;
        if (m_progress && m_base + m_end >= m_nextProgress) {
            m_nextProgress = m_base + m_end + kProgressStep;
            if (!m_progress(m_base + m_end))
                return fail("cancelled");
        }
    }
    return true;
}

bool Parser::checkMemory()
{
    m_opsSinceCheck = 0;
    const uint64_t used = m_store->bytes() + m_stack.capacity() * sizeof(PickleRef) +
                          m_memo.capacity() * sizeof(PickleRef) + m_sparse.size() * 32;
    if (used > m_lim.maxMemoryBytes)
        return failOp("the values built need more than the limit of " +
                      std::to_string(m_lim.maxMemoryBytes) + " bytes of memory");
    return true;
}

bool Parser::readBlob(PickleTag tag, uint64_t length)
{
    if (length > m_maxString)
        return failOp("declares a length of " + std::to_string(length) +
                      " bytes, more than the limit of " + std::to_string(m_maxString));
    if (offset() + length > m_frameEnd)
        return failOp("declares " + std::to_string(length) +
                      " bytes, which run past the end of its FRAME");
    if (m_store->blobs.size() > kMaxPayload)
        return failOp("makes too many strings");
    const uint32_t n = uint32_t(length);
    const char *blob;
    if (m_end - m_pos >= n) {
        char *p = m_store->allocBlob(n);
        std::memcpy(p + 4, m_buf.data() + m_pos, n);
        m_pos += n;
        blob = p;
    } else {
        // Longer than what is buffered: memory is claimed as the bytes arrive, never up front
        // for a length that may be a lie.
        auto s = std::make_unique<std::string>();
        s->reserve(std::min<size_t>(size_t(n) + 4, kBufferSize * 4));
        s->append(reinterpret_cast<const char *>(&n), 4);
        size_t left = n;
        while (left > 0) {
            if (m_pos == m_end && !need(std::min(left, m_buf.size())))
                return false;
            const size_t take = std::min(left, m_end - m_pos);
            s->append(m_buf.data() + m_pos, take);
            m_pos += take;
            left -= take;
            if (s->size() > (size_t(64) << 20) && !checkMemory())
                return false;
        }
        blob = m_store->adoptBlob(std::move(s));
    }
    if (tag == kTagString && !validUtf8(reinterpret_cast<const unsigned char *>(blob + 4), n))
        return failOp("holds a string that is not valid UTF-8");
    m_store->blobs.push_back(blob);
    if (n > PickleStore::kSmallBlob && !checkMemory())
        return false;
    return push(makeRef(tag, uint32_t(m_store->blobs.size() - 1)));
}

bool Parser::pushWord(PickleTag tag, uint64_t bits)
{
    if (m_store->words.size() > kMaxPayload)
        return failOp("makes too many numbers");
    m_store->words.push_back(bits);
    return push(makeRef(tag, uint32_t(m_store->words.size() - 1)));
}

bool Parser::pushInt(int64_t v)
{
    if (v >= kSmallMin && v <= kSmallMax)
        return push(makeRef(kTagSmall, uint32_t(v) & kMaxPayload));
    return pushWord(kTagInt64, uint64_t(v));
}

bool Parser::readLong(uint64_t length)
{
    if (length > m_lim.maxLongBytes)
        return failOp("declares an integer of " + std::to_string(length) +
                      " bytes, more than the limit of " + std::to_string(m_lim.maxLongBytes));
    const char *p = nullptr;
    if (!arg(size_t(length), p))
        return false;
    const auto *b = reinterpret_cast<const unsigned char *>(p);
    size_t n = size_t(length);
    if (n == 0)
        return pushInt(0);
    const bool negative = b[n - 1] & 0x80;
    // Drop sign-extension bytes: the minimal two's complement form.
    while (n > 1 && b[n - 1] == (negative ? 0xFF : 0x00) && bool(b[n - 2] & 0x80) == negative)
        --n;
    if (n <= 8) {
        uint64_t u = negative ? ~uint64_t(0) : 0;
        for (size_t i = 0; i < n; ++i) {
            u &= ~(uint64_t(0xFF) << (8 * i));
            u |= uint64_t(b[i]) << (8 * i);
        }
        return pushInt(int64_t(u));
    }
    if (n == 9 && b[8] == 0) { // 2^63 … 2^64 − 1: the 9-byte LONG1 of real snapshots
        uint64_t u = 0;
        for (size_t i = 0; i < 8; ++i)
            u |= uint64_t(b[i]) << (8 * i);
        return pushWord(kTagUInt64, u);
    }
    if (m_store->blobs.size() > kMaxPayload)
        return failOp("makes too many numbers");
    char *blob = m_store->allocBlob(uint32_t(n));
    std::memcpy(blob + 4, b, n);
    m_store->blobs.push_back(blob);
    return push(makeRef(kTagBigInt, uint32_t(m_store->blobs.size() - 1)));
}

bool Parser::readDecimalLine(uint64_t &value)
{
    // PUT and GET carry "digits\n"; at most 10 digits (a 32-bit index) are accepted.
    value = 0;
    for (size_t i = 0;; ++i) {
        const char *p = nullptr;
        if (!arg(i + 1, p))
            return false;
        m_pos -= i + 1; // peek: consume the whole line at the end
        const char c = p[i];
        if (c == '\n') {
            if (i == 0)
                return failOp("has an empty index");
            m_pos += i + 1;
            return true;
        }
        if (c < '0' || c > '9' || i >= 10)
            return failOp("has an index that is not a decimal number of up to 10 digits");
        value = value * 10 + uint64_t(c - '0');
    }
}

bool Parser::newContainer(PickleTag tag, PickleRef &r)
{
    if (m_store->containers.size() > kMaxPayload)
        return failOp("makes too many containers");
    m_store->containers.push_back(PickleContainer{});
    m_store->info.push_back(1);
    r = makeRef(tag, uint32_t(m_store->containers.size() - 1));
    return true;
}

bool Parser::finalize(uint32_t c)
{
    uint16_t &inf = m_store->info[c];
    PickleContainer &h = m_store->containers[c];
    std::vector<PickleRef> items = std::move(m_store->spill[h.items]);
    m_store->spill[h.items] = {};
    uint32_t index = 0;
    if (!m_store->allocItems(h.count, index))
        return failOp("holds more items than the reader can store");
    std::memcpy(m_store->itemPtr(index), items.data(), items.size() * sizeof(PickleRef));
    h.items = index;
    inf &= ~PickleStore::kSpilled;
    return true;
}

bool Parser::addItems(PickleRef target, const PickleRef *items, size_t n)
{
    const uint32_t c = payloadOf(target);
    uint16_t inf = m_store->info[c];
    if (inf & PickleStore::kSealed)
        return failOp("adds to a container that is already inside another one; that is "
                      "how a cyclic structure is built, and it is refused");
    PickleContainer &h = m_store->containers[c];
    const uint64_t count = uint64_t(h.count) + n;
    const uint64_t length = tagOf(target) == kTagDict ? count / 2 : count;
    if (length > m_lim.maxContainerLength || count > m_maxRefs)
        return failOp("makes a container of more than " + std::to_string(m_lim.maxContainerLength) +
                      " items");
    uint32_t depth = inf & 0xFF;
    for (size_t i = 0; i < n; ++i) {
        const PickleRef r = items[i];
        if (!isContainerTag(tagOf(r)))
            continue;
        if (r == target)
            return failOp("puts a container inside itself; cyclic structures are refused");
        const uint32_t ic = payloadOf(r);
        uint16_t &ii = m_store->info[ic];
        if (!(ii & PickleStore::kSealed)) {
            ii |= PickleStore::kSealed;
            if ((ii & PickleStore::kSpilled) && !finalize(ic))
                return false;
        }
        depth = std::max<uint32_t>(depth, (ii & 0xFF) + 1u);
    }
    if (depth > m_maxDepth)
        return failOp("nests containers deeper than the limit of " + std::to_string(m_maxDepth));
    PickleContainer &hc = m_store->containers[c]; // finalize() above may have grown the tables
    uint16_t &infc = m_store->info[c];
    infc = uint16_t((infc & 0xFF00) | depth);
    if (n == 0)
        return true;
    if (infc & PickleStore::kSpilled) {
        auto &v = m_store->spill[hc.items];
        v.insert(v.end(), items, items + n);
    } else if (hc.count == 0) {
        uint32_t index = 0;
        if (!m_store->allocItems(uint32_t(n), index))
            return failOp("holds more items than the reader can store");
        std::memcpy(m_store->itemPtr(index), items, n * sizeof(PickleRef));
        hc.items = index;
    } else if (m_store->canExtend(hc.items, hc.count, uint32_t(n))) {
        std::memcpy(m_store->itemPtr(hc.items) + hc.count, items, n * sizeof(PickleRef));
        m_store->extend(uint32_t(n));
    } else {
        // A second batch with other items in between (lists of more than 1000 items): build
        // it aside, and store it contiguously once it is complete.
        std::vector<PickleRef> v;
        v.reserve(size_t(count));
        v.insert(v.end(), m_store->itemPtr(hc.items), m_store->itemPtr(hc.items) + hc.count);
        v.insert(v.end(), items, items + n);
        m_store->spill.push_back(std::move(v));
        m_store->spillOwner.push_back(c);
        hc.items = uint32_t(m_store->spill.size() - 1);
        infc |= PickleStore::kSpilled;
    }
    hc.count = uint32_t(count);
    if (n > 4096)
        return checkMemory();
    return true;
}

bool Parser::memoPut(uint64_t index)
{
    if (!needStack(1))
        return false;
    const PickleRef v = m_stack.back();
    if (index < m_memo.size()) {
        m_memo[index] = v;
        return true;
    }
    const bool known = index == m_memo.size() ? false : m_sparse.count(index) > 0;
    if (!known && memoCount() >= m_lim.maxMemoEntries)
        return failOp("stores more than " + std::to_string(m_lim.maxMemoEntries) + " memo entries");
    if (index != m_memo.size()) {
        m_sparse[index] = v;
        return true;
    }
    m_memo.push_back(v);
    if (!m_sparse.empty()) {
        m_sparse.erase(index);
        for (auto it = m_sparse.find(m_memo.size()); it != m_sparse.end();
             it = m_sparse.find(m_memo.size())) {
            m_memo.push_back(it->second);
            m_sparse.erase(it);
        }
    }
    return true;
}

bool Parser::memoGet(uint64_t index)
{
    if (index < m_memo.size())
        return push(m_memo[index]);
    const auto it = m_sparse.find(index);
    if (it == m_sparse.end())
        return failOp("refers to memo entry " + std::to_string(index) + ", which was never stored");
    return push(it->second);
}

} // namespace pickle_detail

std::unique_ptr<PickleDocument> PickleReader::read(ByteSource &source)
{
    m_error = {};
    pickle_detail::Parser parser(source, m_limits, m_progress, m_error);
    return parser.run();
}

} // namespace ts::parsers

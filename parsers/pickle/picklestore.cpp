#include "picklestore.h"

#include <algorithm>

namespace ts::parsers {

namespace {
// Item runs longer than this get a chunk of their own, so the shared chunks waste little.
constexpr uint32_t kDedicatedItems = PickleStore::kItemChunk / 4;
} // namespace

bool PickleStore::allocItems(uint32_t n, uint32_t &index)
{
    const bool fits = m_haveBump && m_bumpPos + n <= m_bumpCap;
    // The first chunks are small (a small pickle stays small), then kItemChunk.
    const uint32_t nextCap =
        std::min<uint32_t>(kItemChunk, 4096u << std::min<size_t>(m_itemChunks.size(), 4));
    if (n > kDedicatedItems || (!fits && n > nextCap)) {
        if (m_itemChunks.size() >= kMaxItemChunks)
            return false;
        m_itemChunks.push_back(std::make_unique_for_overwrite<PickleRef[]>(n));
        m_itemBytes += uint64_t(n) * sizeof(PickleRef);
        index = uint32_t(m_itemChunks.size() - 1) << kItemBits;
        return true;
    }
    if (!fits) {
        if (m_itemChunks.size() >= kMaxItemChunks)
            return false;
        m_bumpCap = nextCap;
        m_itemChunks.push_back(std::make_unique_for_overwrite<PickleRef[]>(m_bumpCap));
        m_itemBytes += uint64_t(m_bumpCap) * sizeof(PickleRef);
        m_bumpChunk = uint32_t(m_itemChunks.size() - 1);
        m_bumpPos = 0;
        m_haveBump = true;
    }
    index = (m_bumpChunk << kItemBits) | m_bumpPos;
    m_bumpPos += n;
    return true;
}

bool PickleStore::canExtend(uint32_t index, uint32_t count, uint32_t n) const
{
    return m_haveBump && (index >> kItemBits) == m_bumpChunk &&
           (index & (kItemChunk - 1)) + count == m_bumpPos && m_bumpPos + n <= m_bumpCap;
}

char *PickleStore::allocBlob(uint32_t n)
{
    const size_t need = size_t(n) + 4;
    char *p;
    if (need > kSmallBlob) {
        auto big = std::make_unique<std::string>(need, '\0');
        p = big->data();
        m_charBytes += need;
        m_bigBlobs.push_back(std::move(big));
    } else {
        if (need > m_charLeft) {
            const size_t size = m_charChunks.empty() ? kSmallBlob + 4 : kCharChunk;
            m_charChunks.push_back(std::make_unique_for_overwrite<char[]>(size));
            m_charBytes += size;
            m_charPos = m_charChunks.back().get();
            m_charLeft = size;
        }
        p = m_charPos;
        m_charPos += need;
        m_charLeft -= need;
    }
    std::memcpy(p, &n, 4);
    return p;
}

const char *PickleStore::adoptBlob(std::unique_ptr<std::string> blob)
{
    const char *p = blob->data();
    m_charBytes += blob->size();
    m_bigBlobs.push_back(std::move(blob));
    return p;
}

} // namespace ts::parsers

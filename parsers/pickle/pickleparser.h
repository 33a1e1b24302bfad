#pragma once
// The state machine behind PickleReader (internal): the input buffer and FRAME bounds, the stack,
// MARKs and the memo, and the building of containers into a PickleStore. Opcodes are dispatched
// in pickleops.cpp; everything else is in pickleparser.cpp.

#include "picklereader.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace ts::parsers {

class ByteSource;

namespace pickle_detail {

constexpr uint64_t kNoFrame = std::numeric_limits<uint64_t>::max();
constexpr size_t kBufferSize = size_t(1) << 20;
constexpr size_t kFirstBufferSize = size_t(64) << 10; // grows to kBufferSize on a large input
constexpr uint64_t kProgressStep = uint64_t(4) << 20;
constexpr uint32_t kMemoryCheckOps = 1u << 14;
constexpr uint64_t kHardStringCap = 0xFFFFFFFFull - 8;

inline uint32_t le32(const char *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap32(v);
    return v;
}

inline uint64_t le64(const char *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap64(v);
    return v;
}

bool validUtf8(const unsigned char *s, size_t n);

class Parser
{
public:
    Parser(ByteSource &source, const PickleLimits &limits,
           const std::function<bool(uint64_t)> &progress, PickleError &error)
        : m_src(source), m_lim(limits), m_progress(progress), m_err(error),
          m_store(std::make_unique<PickleStore>()), m_buf(kFirstBufferSize)
    {
        m_maxDepth = std::min<uint32_t>(limits.maxDepth, 250);
        m_maxString = std::min<uint64_t>(limits.maxStringLength, kHardStringCap);
        m_maxRefs = 0x7FFFFFFFull; // refs in one container (a dict has two per pair)
    }

    std::unique_ptr<PickleDocument> run();

private:
    // --- failing
    bool fail(std::string message)
    {
        if (m_err.message.empty()) {
            m_err.message = std::move(message);
            m_err.offset = m_opOffset;
            m_err.opcode = m_haveOp ? m_op : -1;
        }
        return false;
    }
    std::string opText() const
    {
        const char *name = pickleOpcodeName(m_op);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", m_op);
        return std::string(name ? name : "unknown opcode") + " (" + hex + ")";
    }
    std::string at() const { return " at byte offset " + std::to_string(m_opOffset); }
    bool failOp(const std::string &what) { return fail(opText() + at() + ": " + what); }

    // --- input
    uint64_t offset() const { return m_base + m_pos; }
    bool refill(size_t n);
    bool need(size_t n) { return m_end - m_pos >= n || refill(n); }
    // The opcode's argument of n bytes (inside the current frame).
    bool arg(size_t n, const char *&p)
    {
        if (offset() + n > m_frameEnd)
            return failOp("runs past the end of its FRAME");
        if (!need(n))
            return false;
        p = m_buf.data() + m_pos;
        m_pos += n;
        return true;
    }
    bool readBlob(PickleTag tag, uint64_t length);
    bool readLong(uint64_t length);
    bool readDecimalLine(uint64_t &value);

    // --- values
    bool push(PickleRef r)
    {
        if (m_stack.size() >= m_lim.maxStackSize)
            return failOp("the stack holds more than " + std::to_string(m_lim.maxStackSize) +
                          " values");
        m_stack.push_back(r);
        return true;
    }
    size_t fence() const { return m_marks.empty() ? 0 : m_marks.back(); }
    bool needStack(size_t n)
    {
        return m_stack.size() - fence() >= n ||
               failOp("needs " + std::to_string(n) + " value(s) on the stack above the last MARK");
    }
    bool popMark(size_t &mark)
    {
        if (m_marks.empty())
            return failOp("has no MARK to match");
        mark = m_marks.back();
        m_marks.pop_back();
        return true;
    }
    bool pushInt(int64_t v);
    bool pushWord(PickleTag tag, uint64_t bits);
    bool newContainer(PickleTag tag, PickleRef &r);
    bool addItems(PickleRef target, const PickleRef *items, size_t n);
    bool finalize(uint32_t container);
    bool checkMemory();

    // --- memo
    uint64_t memoCount() const { return m_memo.size() + m_sparse.size(); }
    bool memoPut(uint64_t index);
    bool memoGet(uint64_t index);

    bool step(); // one opcode

    ByteSource &m_src;
    const PickleLimits &m_lim;
    const std::function<bool(uint64_t)> &m_progress;
    PickleError &m_err;
    std::unique_ptr<PickleStore> m_store;
    uint32_t m_maxDepth;
    uint64_t m_maxString;
    uint64_t m_maxRefs;

    std::vector<char> m_buf;
    size_t m_pos = 0;
    size_t m_end = 0;
    uint64_t m_base = 0; // stream offset of m_buf[0]
    uint64_t m_nextProgress = kProgressStep;
    uint64_t m_frameEnd = kNoFrame;
    uint64_t m_opOffset = 0;
    uint8_t m_op = 0;
    bool m_haveOp = false;
    bool m_stopped = false;
    bool m_sawProto = false;
    PickleRef m_root = 0;
    uint32_t m_opsSinceCheck = 0;

    std::vector<PickleRef> m_stack;
    std::vector<size_t> m_marks;
    std::vector<PickleRef> m_memo;
    std::unordered_map<uint64_t, PickleRef> m_sparse; // indices beyond m_memo (PUT out of order)
};

} // namespace pickle_detail
} // namespace ts::parsers

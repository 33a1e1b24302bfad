// The opcode dispatch of the pickle reader: what each accepted opcode does to the stack, and the
// refusal of everything else.
#include "bytesource.h"
#include "pickleopcodes.h"
#include "pickleparser.h"

#include <bit>

namespace ts::parsers::pickle_detail {

namespace {
uint64_t be64(const char *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::little)
        v = __builtin_bswap64(v);
    return v;
}
} // namespace

std::unique_ptr<PickleDocument> Parser::run()
{
    while (!m_stopped) {
        if (!step())
            return nullptr;
        if (++m_opsSinceCheck >= kMemoryCheckOps && !checkMemory())
            return nullptr;
    }
    m_haveOp = false;
    m_opOffset = offset();
    if (need(1))
        return fail("bytes follow the STOP opcode" + at() + "; a pickle must end there"), nullptr;
    if (!m_err.message.empty())
        return nullptr;
    // Containers still built aside (never put inside another) get their final storage.
    for (size_t slot = 0; slot < m_store->spillOwner.size(); ++slot) {
        const uint32_t c = m_store->spillOwner[slot];
        if ((m_store->info[c] & PickleStore::kSpilled) && m_store->containers[c].items == slot &&
            !finalize(c))
            return nullptr;
    }
    m_store->spill = {};
    m_store->spillOwner = {};
    if (!checkMemory())
        return nullptr;
    return std::make_unique<PickleDocument>(std::move(m_store), m_root);
}

bool Parser::step()
{
    const uint64_t off = offset();
    if (off == m_frameEnd)
        m_frameEnd = kNoFrame;
    m_opOffset = off;
    m_haveOp = false;
    if (!need(1))
        return false;
    m_op = uint8_t(m_buf[m_pos++]);
    m_haveOp = true;
    if (!m_sawProto && m_op != op::PROTO && pickleOpcodeName(m_op) && !op::refusalReason(m_op))
        return failOp("comes first, but a pickle of protocol 2 to 5 starts with PROTO");

    const char *p = nullptr;
    size_t mark = 0;
    PickleRef r = 0;
    switch (m_op) {
    // --- stream structure
    case op::PROTO:
        if (!arg(1, p))
            return false;
        if (m_opOffset != 0)
            return failOp("appears after the start of the stream");
        if (uint8_t(p[0]) < 2 || uint8_t(p[0]) > 5)
            return failOp("declares protocol " + std::to_string(uint8_t(p[0])) +
                          "; only protocols 2 to 5 are read");
        m_sawProto = true;
        return true;
    case op::FRAME: {
        if (!arg(8, p))
            return false;
        if (m_frameEnd != kNoFrame)
            return failOp("starts a new frame before the current one ends");
        const uint64_t length = le64(p);
        if (length > m_lim.maxInputBytes)
            return failOp("declares a frame of " + std::to_string(length) +
                          " bytes, more than the input limit");
        m_frameEnd = offset() + length;
        return true;
    }
    case op::STOP:
        if (!needStack(1))
            return false;
        m_root = m_stack.back();
        m_stack.pop_back();
        if (!m_stack.empty() || !m_marks.empty())
            return failOp("leaves " + std::to_string(m_stack.size()) + " value(s) and " +
                          std::to_string(m_marks.size()) + " MARK(s) behind on the stack");
        m_stopped = true;
        return true;
    case op::MARK:
        if (m_marks.size() >= m_maxDepth)
            return failOp("nests MARKs deeper than the limit of " + std::to_string(m_maxDepth));
        m_marks.push_back(m_stack.size());
        return true;
    case op::POP:
        if (!m_marks.empty() && m_marks.back() == m_stack.size()) {
            m_marks.pop_back(); // as CPython: POP right after MARK drops the mark
            return true;
        }
        if (!needStack(1))
            return false;
        m_stack.pop_back();
        return true;
    case op::POP_MARK:
        if (!popMark(mark))
            return false;
        m_stack.resize(mark);
        return true;
    case op::DUP:
        return needStack(1) && push(m_stack.back());

    // --- scalars
    case op::NONE:
        return push(makeRef(kTagNone, 0));
    case op::NEWTRUE:
        return push(makeRef(kTagBool, 1));
    case op::NEWFALSE:
        return push(makeRef(kTagBool, 0));
    case op::BININT1:
        return arg(1, p) && pushInt(uint8_t(p[0]));
    case op::BININT2:
        return arg(2, p) && pushInt(uint8_t(p[0]) | (uint8_t(p[1]) << 8));
    case op::BININT:
        return arg(4, p) && pushInt(int32_t(le32(p)));
    case op::LONG1:
        return arg(1, p) && readLong(uint8_t(p[0]));
    case op::LONG4: {
        if (!arg(4, p))
            return false;
        const auto n = int32_t(le32(p));
        if (n < 0)
            return failOp("declares a negative length");
        return readLong(uint64_t(n));
    }
    case op::BINFLOAT:
        return arg(8, p) && pushWord(kTagFloat, be64(p));
    case op::SHORT_BINUNICODE:
        return arg(1, p) && readBlob(kTagString, uint8_t(p[0]));
    case op::BINUNICODE:
        return arg(4, p) && readBlob(kTagString, le32(p));
    case op::BINUNICODE8:
        return arg(8, p) && readBlob(kTagString, le64(p));
    case op::SHORT_BINSTRING:
    case op::SHORT_BINBYTES:
        return arg(1, p) && readBlob(kTagBytes, uint8_t(p[0]));
    case op::BINSTRING: {
        if (!arg(4, p))
            return false;
        const auto n = int32_t(le32(p));
        if (n < 0)
            return failOp("declares a negative length");
        return readBlob(kTagBytes, uint64_t(n));
    }
    case op::BINBYTES:
        return arg(4, p) && readBlob(kTagBytes, le32(p));
    case op::BINBYTES8:
    case op::BYTEARRAY8:
        return arg(8, p) && readBlob(kTagBytes, le64(p));

    // --- containers
    case op::EMPTY_LIST:
        return newContainer(kTagList, r) && push(r);
    case op::EMPTY_DICT:
        return newContainer(kTagDict, r) && push(r);
    case op::EMPTY_SET:
        return newContainer(kTagSet, r) && push(r);
    case op::EMPTY_TUPLE:
        return newContainer(kTagTuple, r) && push(r);
    case op::TUPLE1:
    case op::TUPLE2:
    case op::TUPLE3: {
        const size_t k = size_t(m_op - op::TUPLE1 + 1);
        if (!needStack(k) || !newContainer(kTagTuple, r) ||
            !addItems(r, m_stack.data() + m_stack.size() - k, k))
            return false;
        m_stack.resize(m_stack.size() - k);
        return push(r);
    }
    case op::TUPLE:
    case op::LIST:
    case op::DICT:
    case op::FROZENSET: {
        const PickleTag tag = m_op == op::TUPLE  ? kTagTuple
                              : m_op == op::LIST ? kTagList
                              : m_op == op::DICT ? kTagDict
                                                 : kTagFrozenSet;
        if (!popMark(mark))
            return false;
        if (tag == kTagDict && (m_stack.size() - mark) % 2 != 0)
            return failOp("has an odd number of values after its MARK");
        if (!newContainer(tag, r) || !addItems(r, m_stack.data() + mark, m_stack.size() - mark))
            return false;
        m_stack.resize(mark);
        return push(r);
    }
    case op::APPEND:
        if (!needStack(2))
            return false;
        if (tagOf(m_stack[m_stack.size() - 2]) != kTagList)
            return failOp("needs a list below its value");
        if (!addItems(m_stack[m_stack.size() - 2], &m_stack.back(), 1))
            return false;
        m_stack.pop_back();
        return true;
    case op::SETITEM:
        if (!needStack(3))
            return false;
        if (tagOf(m_stack[m_stack.size() - 3]) != kTagDict)
            return failOp("needs a dict below its key and value");
        if (!addItems(m_stack[m_stack.size() - 3], m_stack.data() + m_stack.size() - 2, 2))
            return false;
        m_stack.resize(m_stack.size() - 2);
        return true;
    case op::APPENDS:
    case op::SETITEMS:
    case op::ADDITEMS: {
        const PickleTag want = m_op == op::APPENDS    ? kTagList
                               : m_op == op::SETITEMS ? kTagDict
                                                      : kTagSet;
        if (!popMark(mark))
            return false;
        if (mark == 0 || mark - 1 < fence() || tagOf(m_stack[mark - 1]) != want)
            return failOp(std::string("needs a ") +
                          (want == kTagList   ? "list"
                           : want == kTagDict ? "dict"
                                              : "set") +
                          " right below its MARK");
        if (want == kTagDict && (m_stack.size() - mark) % 2 != 0)
            return failOp("has an odd number of values after its MARK");
        if (!addItems(m_stack[mark - 1], m_stack.data() + mark, m_stack.size() - mark))
            return false;
        m_stack.resize(mark);
        return true;
    }

    // --- memo
    case op::MEMOIZE:
        return memoPut(memoCount());
    case op::BINPUT:
        return arg(1, p) && memoPut(uint8_t(p[0]));
    case op::LONG_BINPUT:
        return arg(4, p) && memoPut(le32(p));
    case op::BINGET:
        return arg(1, p) && memoGet(uint8_t(p[0]));
    case op::LONG_BINGET:
        return arg(4, p) && memoGet(le32(p));
    case op::PUT:
    case op::GET: {
        uint64_t index = 0;
        if (!readDecimalLine(index))
            return false;
        return m_op == op::PUT ? memoPut(index) : memoGet(index);
    }

    default:
        break;
    }
    if (const char *reason = op::refusalReason(m_op))
        return fail("refused opcode " + opText() + at() + ": " + reason);
    return fail(opText() + at() + ": not a pickle, or a damaged one");
}

} // namespace ts::parsers::pickle_detail

#pragma once
// The safe pickle reader: builds plain data (dict, list, tuple, set as list, str, bytes, int,
// float, bool, None) from a pickle stream of protocol 2 to 5 and refuses everything that could
// name a Python global, call one or reach outside the stream — GLOBAL, STACK_GLOBAL, REDUCE,
// BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, PERSID, BINPERSID, EXT1/2/4, the out-of-band buffers, the
// protocol-0 text forms of numbers and strings, and any unknown byte — with an error naming the
// opcode, its byte value and its offset in the (decompressed) stream.
//
// An allowlist, not a blocklist. Reads a ByteSource in chunks (never the whole input at once);
// memoized objects are shared, not copied (see picklestore.h for the memory layout). Every
// length is checked against its limit before anything is allocated for it, and a declared
// string length only claims memory as its bytes actually arrive. Stricter than CPython where
// CPython is lax: the first opcode must be PROTO 2..5 (and PROTO appears only there), an opcode
// may not straddle a FRAME's end nor a FRAME start inside another, STOP must leave the stack
// empty and nothing may follow it; a container may not receive items after it has been put
// inside another one — that is how a cycle would be built, and no acyclic data needs it — so
// the result has no cycles and its depth is bounded.

#include "picklevalue.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ts::parsers {

class ByteSource;

struct PickleLimits
{
    uint32_t maxDepth = 64; // nesting of containers (and of MARKs); ≤ 250
    uint64_t maxContainerLength = uint64_t(1) << 27; // items of a list/tuple/set, pairs of a dict
    uint64_t maxStringLength = uint64_t(256) << 20;  // bytes of one str/bytes (hard cap 4 GiB)
    uint32_t maxLongBytes = 1024;                    // bytes of one LONG1/LONG4 int
    uint64_t maxStackSize = uint64_t(1) << 24;       // values waiting on the stack
    uint64_t maxMemoEntries = uint64_t(1) << 27;
    uint64_t maxInputBytes = uint64_t(1) << 40;   // decompressed bytes read
    uint64_t maxMemoryBytes = uint64_t(16) << 30; // built values, stack and memo together
};

struct PickleError
{
    std::string message; // for the user; names the opcode and the offset where there is one
    uint64_t offset = 0; // byte offset in the decompressed stream
    int opcode = -1;     // the opcode byte at fault, -1 when none
};

class PickleReader
{
public:
    explicit PickleReader(PickleLimits limits = {}) : m_limits(limits) {}
    // Called every few MiB with the decompressed bytes read so far; false cancels the read.
    void setProgress(std::function<bool(uint64_t)> progress) { m_progress = std::move(progress); }

    // One pickle, up to its STOP and the end of the input. Null on failure; error() says why.
    std::unique_ptr<PickleDocument> read(ByteSource &source);
    const PickleError &error() const { return m_error; }

private:
    PickleLimits m_limits;
    std::function<bool(uint64_t)> m_progress;
    PickleError m_error;
};

// "BINGET", "GLOBAL", … for any opcode of protocols 0 to 5; nullptr for a byte that is none.
const char *pickleOpcodeName(uint8_t op);

} // namespace ts::parsers

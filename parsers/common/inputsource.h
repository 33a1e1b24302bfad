#pragma once
// The child's view of its input: a descriptor (or, for tests and fuzzing, a memory buffer)
// delivered as chunks of decompressed bytes. gzip and zstd are recognised by their magic bytes,
// never by a name (the child has none). A decompression bomb — more than kMaxExpansion× the
// compressed size once past kBombFloor — is an error, not a hang.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>
#include <zstd.h>

namespace ts::parsers {

class InputSource
{
public:
    enum class Compression { None, Gzip, Zstd };
    static constexpr uint64_t kMaxExpansion = 1000;
    static constexpr uint64_t kBombFloor = 256ull << 20;

    explicit InputSource(int fd);
    explicit InputSource(std::string_view memory);
    ~InputSource();
    InputSource(const InputSource &) = delete;
    InputSource &operator=(const InputSource &) = delete;

    // Reads the first bytes and picks the decoder. False (with error) on a read failure.
    bool open(std::string &error);
    // The next chunk of decompressed bytes; size 0 at the end. False (with error) on corrupt or
    // truncated compressed data, a read failure or a bomb.
    bool next(const char *&data, size_t &size, std::string &error);
    // The first non-blank decompressed byte (-1 for an empty or all-blank input), without
    // consuming anything: what the format sniffing looks at.
    bool firstNonBlank(int &c, std::string &error);
    // At least `atLeast` decompressed bytes from the start (fewer when the input is shorter:
    // then `whole` is true), without consuming them: next() hands them out first. For sniffing
    // a CSV header or a small JSON document before picking the importer.
    bool peek(size_t atLeast, std::string_view &head, bool &whole, std::string &error);

    Compression compression() const { return m_compression; }
    // The first raw (undecompressed) bytes, valid after open() and before next(): what a
    // format with a binary signature (SQLite) is recognised by.
    std::string_view rawHead() const { return {m_raw.data(), m_rawEnd}; }
    // Random access for readers that need it (SQLite): the descriptor (-1 for memory input) or
    // the whole memory buffer.
    int fd() const { return m_fd; }
    std::string_view wholeMemory() const { return m_wholeMemory; }
    uint64_t rawBytesRead() const { return m_rawConsumed; }
    uint64_t bytesProduced() const { return m_produced; }
    const char *compressionName() const;

private:
    bool fillRaw(std::string &error); // more raw bytes into m_raw; false on error
    bool inflateGzip(const char *&data, size_t &size, std::string &error);
    bool inflateZstd(const char *&data, size_t &size, std::string &error);
    bool produce(const char *&data, size_t &size, std::string &error);

    int m_fd = -1;
    std::string_view m_memory;
    std::string_view m_wholeMemory;
    std::vector<char> m_raw;
    size_t m_rawPos = 0;
    size_t m_rawEnd = 0;
    bool m_rawEof = false;
    uint64_t m_rawConsumed = 0; // raw bytes read from the source so far
    uint64_t m_produced = 0;
    std::vector<char> m_out;
    std::string m_peeked; // produced by firstNonBlank(), handed out first by next()
    bool m_peekedPending = false;
    bool m_peekedEnd = false; // peek() reached the end of the input
    Compression m_compression = Compression::None;
    z_stream m_zlib{};
    bool m_zlibInit = false;
    bool m_gzipMemberDone = false;
    ZSTD_DCtx *m_zstd = nullptr;
    bool m_zstdFrameDone = true;
};

} // namespace ts::parsers

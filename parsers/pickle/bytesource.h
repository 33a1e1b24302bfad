#pragma once
// Where the pickle reader gets its bytes: pulled in chunks, so the input never has to be in
// memory at once. MemoryByteSource serves tests and the fuzz target; InputByteSource adapts the
// import child's InputSource (a descriptor, plain, gzip or zstd) so a compressed pickle reads
// the same as a plain one.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ts::parsers {

class InputSource;

class ByteSource
{
public:
    virtual ~ByteSource() = default;
    // Copies up to capacity bytes into dst and returns how many; 0 means the end of the input,
    // or a failure when error() is then non-empty.
    virtual size_t read(char *dst, size_t capacity) = 0;
    virtual std::string error() const { return {}; }
};

class MemoryByteSource final : public ByteSource
{
public:
    // maxChunk > 0 hands the bytes out in pieces of at most that size (tests use 1 to put every
    // field across a refill boundary).
    explicit MemoryByteSource(std::string_view bytes, size_t maxChunk = 0)
        : m_bytes(bytes), m_maxChunk(maxChunk)
    {}
    size_t read(char *dst, size_t capacity) override;

private:
    std::string_view m_bytes;
    size_t m_maxChunk = 0;
};

// Reads the decompressed bytes of an InputSource. The source must already be open() (format
// sniffing through firstNonBlank() is fine: the peeked bytes come first).
class InputByteSource final : public ByteSource
{
public:
    explicit InputByteSource(InputSource &source) : m_source(source) {}
    size_t read(char *dst, size_t capacity) override;
    std::string error() const override { return m_error; }

private:
    InputSource &m_source;
    const char *m_data = nullptr;
    size_t m_size = 0;
    bool m_end = false;
    std::string m_error;
};

} // namespace ts::parsers

#include "inputsource.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ts::parsers {

namespace {
constexpr size_t kRawChunk = 1 << 20;
constexpr size_t kOutChunk = 1 << 20;
} // namespace

InputSource::InputSource(int fd) : m_fd(fd) {}
InputSource::InputSource(std::string_view memory) : m_memory(memory), m_wholeMemory(memory) {}

InputSource::~InputSource()
{
    if (m_zlibInit)
        inflateEnd(&m_zlib);
    if (m_zstd)
        ZSTD_freeDCtx(m_zstd);
}

const char *InputSource::compressionName() const
{
    switch (m_compression) {
    case Compression::Gzip: return "gzip";
    case Compression::Zstd: return "zstd";
    case Compression::None: break;
    }
    return "none";
}

bool InputSource::fillRaw(std::string &error)
{
    if (m_rawPos > 0 && m_rawPos == m_rawEnd)
        m_rawPos = m_rawEnd = 0;
    if (m_rawEof)
        return true;
    if (m_fd < 0) {
        // Memory input: hand out the buffer in raw-chunk pieces like a file would come.
        const size_t n = std::min(kRawChunk, m_memory.size());
        if (m_raw.size() < m_rawEnd + n)
            m_raw.resize(m_rawEnd + n);
        // An empty input leaves both pointers null, and memcpy's are declared non-null.
        if (n > 0)
            std::memcpy(m_raw.data() + m_rawEnd, m_memory.data(), n);
        m_memory.remove_prefix(n);
        m_rawEnd += n;
        m_rawConsumed += n;
        m_rawEof = m_memory.empty();
        return true;
    }
    if (m_raw.size() < m_rawEnd + kRawChunk)
        m_raw.resize(m_rawEnd + kRawChunk);
    for (;;) {
        const ssize_t got = ::read(m_fd, m_raw.data() + m_rawEnd, kRawChunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error = std::string("cannot read the input: ") + std::strerror(errno);
            return false;
        }
        if (got == 0)
            m_rawEof = true;
        m_rawEnd += size_t(got);
        m_rawConsumed += uint64_t(got);
        return true;
    }
}

bool InputSource::open(std::string &error)
{
    while (m_rawEnd < 4 && !m_rawEof) {
        if (!fillRaw(error))
            return false;
    }
    const auto *b = reinterpret_cast<const unsigned char *>(m_raw.data());
    if (m_rawEnd >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
        m_compression = Compression::Gzip;
        if (inflateInit2(&m_zlib, 16 + MAX_WBITS) != Z_OK) {
            error = "cannot start the gzip decoder";
            return false;
        }
        m_zlibInit = true;
    } else if (m_rawEnd >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) {
        m_compression = Compression::Zstd;
        m_zstd = ZSTD_createDCtx();
        if (!m_zstd) {
            error = "cannot start the zstd decoder";
            return false;
        }
    }
    m_out.resize(kOutChunk);
    return true;
}

bool InputSource::firstNonBlank(int &c, std::string &error)
{
    c = -1;
    for (;;) {
        const size_t first = m_peeked.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) {
            c = static_cast<unsigned char>(m_peeked[first]);
            return true;
        }
        const char *data = nullptr;
        size_t size = 0;
        if (!produce(data, size, error))
            return false;
        if (size == 0)
            return true;
        m_peeked.append(data, size);
        m_peekedPending = true;
    }
}

bool InputSource::peek(size_t atLeast, std::string_view &head, bool &whole, std::string &error)
{
    whole = false;
    while (m_peeked.size() < atLeast && !m_peekedEnd) {
        const char *data = nullptr;
        size_t size = 0;
        if (!produce(data, size, error))
            return false;
        if (size == 0)
            m_peekedEnd = true;
        m_peeked.append(data, size);
        m_peekedPending = !m_peeked.empty();
    }
    whole = m_peekedEnd;
    head = m_peeked;
    return true;
}

bool InputSource::next(const char *&data, size_t &size, std::string &error)
{
    if (m_peekedPending) {
        m_peekedPending = false;
        data = m_peeked.data();
        size = m_peeked.size();
        return true;
    }
    return produce(data, size, error);
}

bool InputSource::produce(const char *&data, size_t &size, std::string &error)
{
    size = 0;
    bool ok = true;
    switch (m_compression) {
    case Compression::None:
        if (m_rawPos == m_rawEnd && !fillRaw(error))
            return false;
        data = m_raw.data() + m_rawPos;
        size = m_rawEnd - m_rawPos;
        m_rawPos = m_rawEnd;
        break;
    case Compression::Gzip:
        ok = inflateGzip(data, size, error);
        break;
    case Compression::Zstd:
        ok = inflateZstd(data, size, error);
        break;
    }
    if (!ok)
        return false;
    m_produced += size;
    if (m_compression != Compression::None && m_produced > kBombFloor &&
        m_produced / std::max<uint64_t>(m_rawConsumed, 1) > kMaxExpansion) {
        error = "the compressed input expands more than " + std::to_string(kMaxExpansion) +
                " times (a decompression bomb?)";
        return false;
    }
    return true;
}

bool InputSource::inflateGzip(const char *&data, size_t &size, std::string &error)
{
    for (;;) {
        if (m_rawPos == m_rawEnd) {
            if (m_rawEof) {
                if (!m_gzipMemberDone) {
                    error = "the gzip stream is truncated";
                    return false;
                }
                return true; // size 0: the end
            }
            if (!fillRaw(error))
                return false;
            continue;
        }
        if (m_gzipMemberDone) {
            // Another gzip member follows (concatenated .gz files are valid gzip).
            inflateReset(&m_zlib);
            m_gzipMemberDone = false;
        }
        m_zlib.next_in = reinterpret_cast<Bytef *>(m_raw.data() + m_rawPos);
        m_zlib.avail_in = uInt(m_rawEnd - m_rawPos);
        m_zlib.next_out = reinterpret_cast<Bytef *>(m_out.data());
        m_zlib.avail_out = uInt(m_out.size());
        const int rc = inflate(&m_zlib, Z_NO_FLUSH);
        m_rawPos = m_rawEnd - m_zlib.avail_in;
        if (rc == Z_STREAM_END) {
            m_gzipMemberDone = true;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            error = std::string("corrupt gzip data: ") + (m_zlib.msg ? m_zlib.msg : "inflate failed");
            return false;
        }
        size = m_out.size() - m_zlib.avail_out;
        if (size > 0) {
            data = m_out.data();
            return true;
        }
    }
}

bool InputSource::inflateZstd(const char *&data, size_t &size, std::string &error)
{
    for (;;) {
        if (m_rawPos == m_rawEnd) {
            if (m_rawEof) {
                if (!m_zstdFrameDone) {
                    error = "the zstd stream is truncated";
                    return false;
                }
                return true;
            }
            if (!fillRaw(error))
                return false;
            continue;
        }
        ZSTD_inBuffer in{m_raw.data() + m_rawPos, m_rawEnd - m_rawPos, 0};
        ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
        const size_t rc = ZSTD_decompressStream(m_zstd, &out, &in);
        m_rawPos += in.pos;
        if (ZSTD_isError(rc)) {
            error = std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc);
            return false;
        }
        m_zstdFrameDone = rc == 0;
        size = out.pos;
        if (size > 0) {
            data = m_out.data();
            return true;
        }
    }
}

} // namespace ts::parsers

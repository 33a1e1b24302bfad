#pragma once
// The SHA-256 a cache records of its input, computed by OpenSSL's libcrypto (EVP_Digest*), which
// picks the CPU's SHA instructions where present and is the implementation the distribution
// keeps patched and audited. See BENCHMARKS.md for its speed against our former own code.

#include <QByteArray>

#include <atomic>

namespace ts::model {

// Lowercase hex SHA-256 of everything in `fd` from offset 0 to its end, read with pread so the
// descriptor's offset is left alone (the app hashes the very descriptor its import child read).
// Empty when a read fails, when libcrypto fails, or when `stop` is set before the end.
QByteArray sha256OfDescriptor(int fd, const std::atomic<bool> &stop);

// Lowercase hex SHA-256 of `data` (for small buffers and tests of the above).
QByteArray sha256Hex(QByteArrayView data);

} // namespace ts::model

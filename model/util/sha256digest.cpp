#include "sha256digest.h"

#include <openssl/evp.h>

#include <cerrno>
#include <memory>

#include <unistd.h>

namespace ts::model {

namespace {

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

DigestContext newSha256Context()
{
    DigestContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        ctx.reset();
    return ctx;
}

QByteArray finishHex(EVP_MD_CTX *ctx)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx, digest, &length) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

} // namespace

QByteArray sha256OfDescriptor(int fd, const std::atomic<bool> &stop)
{
    DigestContext ctx = newSha256Context();
    if (!ctx)
        return {};
    // 1 MiB reads: large enough that the syscalls cost nothing next to the hashing.
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    off_t offset = 0;
    for (;;) {
        if (stop)
            return {};
        const ssize_t got = ::pread(fd, buffer.data(), size_t(buffer.size()), offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return {};
        if (got == 0)
            break;
        if (EVP_DigestUpdate(ctx.get(), buffer.constData(), size_t(got)) != 1)
            return {};
        offset += got;
    }
    return finishHex(ctx.get());
}

QByteArray sha256Hex(QByteArrayView data)
{
    DigestContext ctx = newSha256Context();
    if (!ctx || EVP_DigestUpdate(ctx.get(), data.data(), size_t(data.size())) != 1)
        return {};
    return finishHex(ctx.get());
}

} // namespace ts::model

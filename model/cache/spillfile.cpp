#include "spillfile.h"

#include "util/safefs.h"

#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace ts::model {

SpillFile::~SpillFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SpillFile::fail(const QString &what)
{
    m_error = QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(strerror(errno)));
    return false;
}

bool SpillFile::open()
{
    const QByteArray dir = QFile::encodeName(m_dir);
#ifdef O_TMPFILE
    m_fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, fs::kFileMode);
    if (m_fd >= 0)
        return true;
#endif
    const QString path = QStringLiteral("%1/.sort-%2-%3.tmp")
                             .arg(m_dir)
                             .arg(::getpid())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QByteArray native = QFile::encodeName(path);
    m_fd = ::open(native.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  fs::kFileMode);
    if (m_fd < 0)
        return fail(QStringLiteral("cannot create a temporary file in %1").arg(m_dir));
    ::unlink(native.constData());
    return true;
}

bool SpillFile::append(const void *data, size_t bytes)
{
    if (m_fd < 0 && !open())
        return false;
    const char *p = static_cast<const char *>(data);
    off_t offset = off_t(m_size);
    while (bytes) {
        const ssize_t put = ::pwrite(m_fd, p, bytes, offset);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return fail(QStringLiteral("cannot write a temporary file in %1").arg(m_dir));
        p += put;
        bytes -= size_t(put);
        offset += put;
        m_size += uint64_t(put);
    }
    return true;
}

bool SpillFile::read(uint64_t offset, void *data, size_t bytes)
{
    char *p = static_cast<char *>(data);
    if (m_fd < 0 && bytes) {
        errno = EBADF; // nothing was ever appended
        return fail(QStringLiteral("cannot read a temporary file in %1").arg(m_dir));
    }
    while (bytes) {
        const ssize_t got = ::pread(m_fd, p, bytes, off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO; // shorter than what was appended
            return fail(QStringLiteral("cannot read a temporary file in %1").arg(m_dir));
        }
        p += got;
        bytes -= size_t(got);
        offset += uint64_t(got);
    }
    return true;
}

} // namespace ts::model

#include "safefs.h"

#include <QSaveFile>

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ts::fs {

namespace {

#ifdef Q_OS_UNIX
QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

QString notRegularFile(const QString &path, mode_t mode)
{
    const char *what = S_ISFIFO(mode)   ? "a named pipe"
                       : S_ISSOCK(mode) ? "a socket"
                       : S_ISCHR(mode)  ? "a character device"
                       : S_ISBLK(mode)  ? "a block device"
                                        : "a special file";
    return QStringLiteral("cannot import %1: not a regular file or folder (it is %2)")
        .arg(path, QLatin1String(what));
}
#endif

} // namespace

bool isSymlink(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISLNK(st.st_mode);
#else
    return QFileInfo(path).isSymLink();
#endif
}

bool ensurePrivateDir(const QString &path, QString *error)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    // Walk from the root down so every folder we create is made by us with our mode, and every
    // component is checked at the moment we step into it.
    const QStringList parts = clean.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current = clean.startsWith(QLatin1Char('/')) ? QStringLiteral("/") : QString();
    for (int i = 0; i < parts.size(); ++i) {
        current = current.isEmpty() || current.endsWith(QLatin1Char('/'))
                      ? current + parts[i]
                      : current + QLatin1Char('/') + parts[i];
        const bool last = i == parts.size() - 1;
#ifdef Q_OS_UNIX
        const QByteArray native = QFile::encodeName(current);
        struct stat st
        {
        };
        if (::lstat(native.constData(), &st) == 0) {
            // Links above the final folder belong to the user's own layout (/home -> /data/home);
            // the folder we write into must be a real folder.
            if (last && S_ISLNK(st.st_mode)) {
                if (error)
                    *error =
                        QStringLiteral("refusing to use %1: it is a symbolic link").arg(current);
                return false;
            }
            if (last && !S_ISDIR(st.st_mode)) {
                if (error)
                    *error = QStringLiteral("%1 exists and is not a folder").arg(current);
                return false;
            }
            continue;
        }
        if (::mkdir(native.constData(), kDirMode) != 0 && errno != EEXIST) {
            if (error)
                *error =
                    QStringLiteral("cannot create folder %1: %2").arg(current, errnoText(errno));
            return false;
        }
        // Re-check what is there now: someone may have raced a link into place.
        if (::lstat(native.constData(), &st) != 0 || S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
            if (error)
                *error = QStringLiteral("refusing to use %1: not a real folder").arg(current);
            return false;
        }
        // mkdir's mode is masked by the umask; make sure we are never looser than 0750.
        if ((st.st_mode & 07777) & ~mode_t(kDirMode))
            ::chmod(native.constData(), st.st_mode & kDirMode);
#else
        Q_UNUSED(last);
        if (!QDir().mkpath(current)) {
            if (error)
                *error = QStringLiteral("cannot create folder %1").arg(current);
            return false;
        }
#endif
    }
    return true;
}

int createPrivateFile(const QString &path, QString *error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kFileMode);
    if (fd < 0 && error) {
        *error = errno == EEXIST && isSymlink(path)
                     ? QStringLiteral("refusing to write %1: it is a symbolic link").arg(path)
                     : QStringLiteral("cannot create %1: %2").arg(path, errnoText(errno));
    }
    return fd;
#else
    Q_UNUSED(path);
    if (error)
        *error = QStringLiteral("createPrivateFile is not implemented on this platform");
    return -1;
#endif
}

OpenedInput openInput(const QString &path)
{
    OpenedInput in;
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    // Refuse pipes, sockets and devices before opening them: open() of a FIFO blocks until a
    // writer comes, and opening a device can have effects of its own.
    struct stat st
    {
    };
    if (::lstat(native.constData(), &st) == 0 && !S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode) &&
        !S_ISDIR(st.st_mode)) {
        in.error = notRegularFile(path, st.st_mode);
        return in;
    }
    // O_NONBLOCK: should something else be swapped in after that look, open() still returns at
    // once; the fstat below is what decides.
    const int fd =
        ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        in.error = errno == ELOOP
                       ? QStringLiteral("%1 is a symbolic link; open its target instead").arg(path)
                       : QStringLiteral("cannot open %1: %2").arg(path, errnoText(errno));
        return in;
    }
    if (::fstat(fd, &st) != 0) {
        in.error = QStringLiteral("cannot read the status of %1: %2").arg(path, errnoText(errno));
        ::close(fd);
        return in;
    }
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        in.error = notRegularFile(path, st.st_mode);
        ::close(fd);
        return in;
    }
    // Plain blocking reads from here on (the child and the hasher expect them).
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        in.error = QStringLiteral("cannot prepare %1 for reading: %2").arg(path, errnoText(errno));
        ::close(fd);
        return in;
    }
    in.fd = fd;
    in.isDirectory = S_ISDIR(st.st_mode);
    in.size = st.st_size;
    in.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    QStringList problems;
    if (st.st_uid != ::geteuid())
        problems << QStringLiteral("is owned by another user (uid %1)").arg(st.st_uid);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        problems << QStringLiteral("is writable by group or others");
    if (!problems.isEmpty())
        in.warning = QStringLiteral("%1 %2: someone else may have changed it")
                         .arg(path, problems.join(QStringLiteral(" and ")));
#else
    QFileInfo info(path);
    if (!info.exists()) {
        in.error = QStringLiteral("cannot open %1: no such file").arg(path);
        return in;
    }
    in.isDirectory = info.isDir();
    in.size = info.size();
    in.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1000000;
    in.error = QStringLiteral("descriptor hand-over is not implemented on this platform");
#endif
    return in;
}

bool replaceFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace ts::fs

#include "cachetemp.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cerrno>
#include <ctime>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ts::model {

namespace {

const QRegularExpression &temporaryNameRe()
{
    // cachestore.cpp's key (40 hex digits) + ".tscache", then ".tmp-<pid>-<8 hex digits>".
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{40}\\.tscache\\.tmp-([0-9]{1,10})-[0-9a-f]{8}$"));
    return re;
}

#ifdef Q_OS_UNIX
bool processIsGone(qint64 pid)
{
    return pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno == ESRCH);
}
#endif

} // namespace

QString CacheTemp::pathFor(const QString &finalPath)
{
#ifdef Q_OS_UNIX
    const qint64 pid = ::getpid();
#else
    const qint64 pid = 0;
#endif
    return QStringLiteral("%1.tmp-%2-%3")
        .arg(finalPath)
        .arg(pid)
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

bool CacheTemp::isTemporaryName(const QString &fileName)
{
    return temporaryNameRe().match(fileName).hasMatch();
}

bool CacheTemp::lockForWriting(int fd)
{
#ifdef Q_OS_UNIX
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EINTR)
            return false;
    }
#else
    Q_UNUSED(fd);
#endif
    return true;
}

SweepResult CacheTemp::removeAbandoned(const QString &cacheDir)
{
    SweepResult result;
#ifdef Q_OS_UNIX
    const QDir dir(cacheDir);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = temporaryNameRe().match(name);
        if (!match.hasMatch())
            continue;
        const QByteArray path = QFile::encodeName(dir.filePath(name));
        // O_NOFOLLOW and the checks on the descriptor: a link or anything not ours is left alone.
        const int fd = ::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat st
        {
        };
        const bool ours = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid();
        const bool unlocked = ours && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        const bool old = ::time(nullptr) - st.st_mtime > kUnlockedGraceSeconds;
        // Still holding the lock while unlinking: no writer can take this file up meanwhile.
        if (unlocked && (processIsGone(match.captured(1).toLongLong()) || old) &&
            ::unlink(path.constData()) == 0) {
            ++result.removed;
            result.bytes += st.st_size;
        }
        ::close(fd);
    }
#else
    Q_UNUSED(cacheDir);
#endif
    return result;
}

} // namespace ts::model

#pragma once
// What the crash and leftover tests look at in a cache folder, and how they fake the leftovers
// of a writer that is gone (cachetemp.h).

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ts::testing {

inline QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                               QDir::NoDotAndDotDot);
}

// Temporary caches (written under this name, renamed when complete).
inline QStringList temporaries(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.tscache.tmp-*")}, QDir::Files | QDir::Hidden);
}

// A pid that certainly belongs to no process now: a child of ours, started and reaped.
inline pid_t deadPid()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

// Writes bytes to path; returns path, or an empty string if it could not.
inline QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return path;
}

// A temporary cache name as CacheTemp::pathFor() makes it, for a writer with the given pid.
inline QString temporaryName(pid_t pid, const char *tag)
{
    return QStringLiteral("0123456789abcdef0123456789abcdef01234567.tscache.tmp-%1-%2")
        .arg(pid)
        .arg(QLatin1String(tag));
}

} // namespace ts::testing

#pragma once
// The process table as the import tests see it (Linux /proc): which processes a given one has
// started, and whether a process group still has a member. A cancelled or interrupted import
// must leave no child behind, and these are how a test looks.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#include <sys/types.h>

namespace ts::testing {

struct ProcessEntry
{
    pid_t pid = 0;
    pid_t parent = 0;
    pid_t group = 0;
    char state = '?';
};

inline QList<ProcessEntry> processTable()
{
    QList<ProcessEntry> table;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &name : pids) {
        bool number = false;
        const pid_t pid = pid_t(name.toInt(&number));
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses; the last ')' ends
        // it.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (rest.size() < 3)
            continue;
        table.append({pid, pid_t(rest[1].toInt()), pid_t(rest[2].toInt()),
                      rest[0].isEmpty() ? '?' : rest[0].at(0)});
    }
    return table;
}

inline QList<pid_t> childrenOf(pid_t parent)
{
    QList<pid_t> children;
    for (const ProcessEntry &p : processTable()) {
        if (p.parent == parent)
            children << p.pid;
    }
    return children;
}

// A member of the group still running. A zombie does not count: it runs nothing, and one whose
// parent died waits for init to reap it, which happens a moment later, not at once. (The
// launcher reaps its own child before it reports back, so that one is never a zombie here.)
inline bool processGroupAlive(pid_t group)
{
    for (const ProcessEntry &p : processTable()) {
        if (p.group == group && p.state != 'Z')
            return true;
    }
    return false;
}

} // namespace ts::testing

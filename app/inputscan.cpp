#include "inputscan.h"

#include "cache/cacheschema.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ts::app {

namespace {

#ifdef Q_OS_UNIX
const char *specialKind(mode_t mode)
{
    return S_ISFIFO(mode)   ? "named pipe"
           : S_ISSOCK(mode) ? "socket"
           : S_ISCHR(mode)  ? "character device"
           : S_ISBLK(mode)  ? "block device"
                            : "special file";
}
#endif

enum class Look { Head, Link, Special, Unreadable };

// The first bytes of a plain file, without following a link and without ever blocking: a named
// pipe in a profiling folder would otherwise hang the walk in open() (and a device's open() may
// do things of its own). lstat decides first; fstat on the descriptor decides again.
Look lookAt(const QString &file, QByteArray &head, QString &kind)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(file);
    struct stat st {};
    if (::lstat(native.constData(), &st) != 0)
        return Look::Unreadable;
    if (S_ISLNK(st.st_mode))
        return Look::Link;
    if (!S_ISREG(st.st_mode)) {
        kind = QLatin1String(specialKind(st.st_mode));
        return Look::Special;
    }
    const int fd =
        ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno == ELOOP ? Look::Link : Look::Unreadable;
    Look look = Look::Head;
    if (::fstat(fd, &st) != 0) {
        look = Look::Unreadable;
    } else if (!S_ISREG(st.st_mode)) {
        kind = QLatin1String(specialKind(st.st_mode));
        look = Look::Special;
    } else {
        char buf[kSniffBytes];
        const ssize_t got = ::pread(fd, buf, sizeof buf, 0);
        if (got < 0)
            look = Look::Unreadable;
        else
            head = QByteArray(buf, int(got));
    }
    ::close(fd);
    return look;
#else
    const QFileInfo info(file);
    if (info.isSymLink())
        return Look::Link;
    if (!info.isFile()) {
        kind = QStringLiteral("special file");
        return Look::Special;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Look::Unreadable;
    head = f.read(kSniffBytes);
    return Look::Head;
#endif
}

} // namespace

bool readHead(const QString &file, QByteArray &head)
{
    QString kind;
    return lookAt(file, head, kind) == Look::Head;
}

InputKind sniffKind(const QByteArray &head)
{
    const auto byte = [&head](int i) { return i < head.size() ? uchar(head[i]) : 0u; };
    if (byte(0) == 0x1f && byte(1) == 0x8b)
        return InputKind::Gzip;
    if (byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd)
        return InputKind::Zstd;
    if (byte(0) == 0x80 && byte(1) >= 2 && byte(1) <= 5)
        return InputKind::Pickle;
    if (head.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        // Ours only when the header carries our application id; any other SQLite file (a
        // profiler's DB) is foreign input for the child. A short header cannot be a cache, and
        // neither can a WAL-mode one (bytes 18/19 = 2): we write caches without a journal, and
        // opening a WAL database by path would create -wal/-shm files beside it.
        const int at = model::kApplicationIdOffset;
        const uint32_t id = uint32_t(byte(at)) << 24 | uint32_t(byte(at + 1)) << 16 |
                            uint32_t(byte(at + 2)) << 8 | uint32_t(byte(at + 3));
        const bool rollbackMode = byte(18) == 1 && byte(19) == 1;
        return head.size() >= 100 && id == uint32_t(model::kApplicationId) && rollbackMode
                   ? InputKind::Cache
                   : InputKind::ForeignDb;
    }
    // An msMemScope dump (memscope_dump_*.csv, msleaks' leaks_dump_*.csv): its fixed header.
    const QByteArray text = head.startsWith("\xef\xbb\xbf") ? head.mid(3) : head;
    if (text.startsWith(QByteArrayLiteral("ID,Event,Event Type,")))
        return InputKind::MemScopeCsv;
    for (char c : head) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{' || c == '[' ? InputKind::Json : InputKind::Unknown;
    }
    return InputKind::Unknown;
}

ScanResult scanInput(const QString &path, int maxFiles)
{
    ScanResult result;
    const QFileInfo root(path);
    if (!root.isDir() || root.isSymLink()) {
        result.files << root.absoluteFilePath();
        return result;
    }
    // QDirIterator does not descend into linked folders without FollowSymlinks.
    QDirIterator it(root.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    int seen = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        const QFileInfo info = it.fileInfo();
        if (++seen > maxFiles) {
            result.ignored << QStringLiteral("%1: stopped after %2 files").arg(path).arg(maxFiles);
            break;
        }
        QByteArray head;
        QString kind;
        switch (lookAt(file, head, kind)) {
        case Look::Link:
            result.ignored << QStringLiteral("%1: symbolic link, not followed").arg(file);
            continue;
        case Look::Special:
            result.ignored << QStringLiteral("%1: not a regular file (%2), skipped").arg(file, kind);
            continue;
        case Look::Unreadable:
            result.ignored << QStringLiteral("%1: cannot be read").arg(file);
            continue;
        case Look::Head:
            break;
        }
        if (sniffKind(head) == InputKind::Unknown)
            continue; // most files in a profiling folder are not ours: no noise for them
        if (info.fileName() == QLatin1String("config.json") &&
            info.dir().dirName().startsWith(QLatin1String("msmemscope_"))) {
            result.ignored << QStringLiteral("%1: msMemScope's collection settings, not a trace")
                                  .arg(file);
            continue;
        }
        result.files << info.absoluteFilePath();
    }
    result.files.sort();
    return result;
}

} // namespace ts::app

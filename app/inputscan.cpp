#include "inputscan.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace ts::app {

InputKind sniffKind(const QByteArray &head)
{
    const auto byte = [&head](int i) { return i < head.size() ? uchar(head[i]) : 0u; };
    if (byte(0) == 0x1f && byte(1) == 0x8b)
        return InputKind::Gzip;
    if (byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd)
        return InputKind::Zstd;
    if (byte(0) == 0x80 && byte(1) >= 2 && byte(1) <= 5)
        return InputKind::Pickle;
    if (head.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return InputKind::Cache;
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
        if (info.isSymLink()) {
            result.ignored << QStringLiteral("%1: symbolic link, not followed").arg(file);
            continue;
        }
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            result.ignored << QStringLiteral("%1: cannot be read").arg(file);
            continue;
        }
        if (sniffKind(f.read(64)) == InputKind::Unknown)
            continue; // most files in a profiling folder are not ours: no noise for them
        result.files << info.absoluteFilePath();
    }
    result.files.sort();
    return result;
}

} // namespace ts::app

#pragma once
// File-system rules of the MindStudio security statements, in one place for the app and the
// cache writer: folders we create are 0750, files 0640, and nothing is ever written through a
// symbolic link. Inputs are checked (owner, group/other-writable) and opened without following
// links. POSIX implementation; on Windows the checks that have no meaning there pass.

#include <QString>

namespace ts::fs {

inline constexpr int kDirMode = 0750;
inline constexpr int kFileMode = 0640;

// Creates `path` and any missing parents with mode 0750. Refuses (false + error) when the final
// folder or any folder it had to create is, or turns out to be, a symbolic link, or when an
// existing `path` is not a folder.
bool ensurePrivateDir(const QString &path, QString *error);

// Creates a new file (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0640) and returns its descriptor, or
// -1 with error set. Never opens an existing file or a link.
int createPrivateFile(const QString &path, QString *error);

// Writes bytes to a new file renamed over `path` (QSaveFile): a link left at that name is
// replaced, never written through, and a failed write leaves the old file as it was. The
// user's exports (CSV) go through here.
bool replaceFile(const QString &path, const QByteArray &bytes, QString *error);

// True when `path` itself is a symbolic link (its target is not looked at).
bool isSymlink(const QString &path);

// What the app checks on every input before import: an open descriptor (O_NOFOLLOW, O_RDONLY,
// O_CLOEXEC) plus the warnings a user must see.
struct OpenedInput
{
    int fd = -1; // -1 on error
    bool isDirectory = false;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    QString error;   // set when fd == -1
    QString warning; // non-empty: owned by another user or writable by group/others
};
OpenedInput openInput(const QString &path);

} // namespace ts::fs

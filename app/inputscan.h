#pragma once
// Finds what to import in a path. A file is itself; a folder is walked without following links
// and every file whose first bytes look importable is a candidate. The app looks only at magic
// bytes here — deciding what a file really is is parsing, which happens in the sandboxed child.

#include <QString>
#include <QStringList>

namespace ts::app {

// Cache: a TraceScope cache (SQLite) made by `tracescope --import`, here or on another machine.
enum class InputKind { Unknown, Json, Gzip, Zstd, Pickle, Cache };

InputKind sniffKind(const QByteArray &head);

// The first 64 bytes of a regular file, read without following a link and without blocking on
// a pipe or device; false (head untouched) for anything else.
bool readHead(const QString &file, QByteArray &head);

struct ScanResult
{
    QStringList files;   // candidates, sorted
    QStringList ignored; // "path: reason" for files passed over (links, unknown content)
};

// maxFiles bounds the walk so a huge tree cannot stall the GUI.
ScanResult scanInput(const QString &path, int maxFiles = 10000);

} // namespace ts::app

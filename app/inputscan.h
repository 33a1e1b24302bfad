#pragma once
// Finds what to import in a path. A file is itself; a folder is walked without following links
// and every file whose first bytes look importable is a candidate. The app looks only at magic
// bytes here — deciding what a file really is is parsing, which happens in the sandboxed child.

#include <QString>
#include <QStringList>

namespace ts::app {

// Cache: a TraceScope cache (SQLite with our application id) made by `tracescope --import`, here
// or on another machine. ForeignDb: any other SQLite file (msprof_*.db, …): imported by the
// child like every other input, never opened by the app.
// MemScopeCsv: a CSV whose header starts as msMemScope's dump does ("ID,Event,Event Type,").
enum class InputKind { Unknown, Json, Gzip, Zstd, Pickle, Cache, ForeignDb, MemScopeCsv };

// How many leading bytes sniffKind needs: the whole SQLite header, for the application id.
inline constexpr int kSniffBytes = 100;

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

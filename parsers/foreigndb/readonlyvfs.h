#pragma once
// A read-only SQLite VFS over bytes the child already holds: its inherited input descriptor
// (read with pread, so memory stays bounded by SQLite's page cache whatever the DB's size) or a
// buffer in memory (tests, fuzzing). It can open exactly one file, the main database, and
// refuses every other (journal, -wal, temp): SQLite never touches a path, and no side file can
// appear next to the user's data. A header that says WAL mode (bytes 18/19 = 2, as MindStudio
// Insight leaves the DBs it opened) is read as rollback mode (1/1): SQLite would otherwise look
// for a -wal and -shm that the child cannot and must not open.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ts::parsers {

// Where the database bytes come from.
struct DbBytes
{
    int fd = -1;             // read with pread when >= 0
    std::string_view memory; // otherwise
    uint64_t size = 0;       // bytes (fstat of fd, or memory.size())
};

// One registered VFS per open database; unregistered by the destructor.
class ReadOnlyVfs
{
public:
    explicit ReadOnlyVfs(const DbBytes &bytes);
    ~ReadOnlyVfs();
    ReadOnlyVfs(const ReadOnlyVfs &) = delete;
    ReadOnlyVfs &operator=(const ReadOnlyVfs &) = delete;

    const char *name() const { return m_name.c_str(); }
    // The URI to pass to sqlite3_open_v2 with this VFS and SQLITE_OPEN_URI.
    std::string uri() const { return "file:/" + m_name + "?immutable=1"; }
    bool walHeaderPatched() const { return m_walPatched; }
    // Names of files SQLite asked for and was refused (none for a healthy read-only open).
    const std::string &refusedOpens() const { return m_refused; }

    // Reads [offset, offset + n) of the source; false on a read error or past the end.
    bool read(void *out, size_t n, uint64_t offset);
    uint64_t size() const { return m_bytes.size; }
    void noteRefused(const char *file);
    void noteWalPatched() { m_walPatched = true; }
    bool mainOpen = false;

private:
    DbBytes m_bytes;
    std::string m_name;
    sqlite3_vfs m_vfs{};
    bool m_registered = false;
    bool m_walPatched = false;
    std::string m_refused;
};

} // namespace ts::parsers

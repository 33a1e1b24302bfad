#include "readonlyvfs.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <unistd.h>

namespace ts::parsers {

namespace {

// The file object SQLite allocates (szOsFile bytes) for the one database we serve.
struct VfsFile
{
    sqlite3_file base;
    ReadOnlyVfs *owner;
};

ReadOnlyVfs *ownerOf(sqlite3_file *f)
{
    return reinterpret_cast<VfsFile *>(f)->owner;
}

int fileClose(sqlite3_file *f)
{
    ownerOf(f)->mainOpen = false;
    return SQLITE_OK;
}

int fileRead(sqlite3_file *f, void *out, int amount, sqlite3_int64 offset)
{
    ReadOnlyVfs *owner = ownerOf(f);
    if (amount < 0 || offset < 0)
        return SQLITE_IOERR_READ;
    const uint64_t size = owner->size();
    const uint64_t start = uint64_t(offset);
    const size_t available =
        start >= size ? 0 : size_t(std::min<uint64_t>(size - start, uint64_t(amount)));
    if (available && !owner->read(out, available, start))
        return SQLITE_IOERR_READ;
    // The WAL trap: bytes 18 and 19 of the header (write / read format version) are 2 in WAL
    // mode. Read as 1, SQLite reads the main file like any rollback-journal database.
    auto *bytes = static_cast<unsigned char *>(out);
    for (uint64_t at : {uint64_t(18), uint64_t(19)}) {
        if (at >= start && at < start + available && bytes[at - start] == 2) {
            bytes[at - start] = 1;
            owner->noteWalPatched();
        }
    }
    if (available < size_t(amount)) {
        // SQLite's contract: zero the rest of a short read.
        std::memset(bytes + available, 0, size_t(amount) - available);
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int fileWrite(sqlite3_file *, const void *, int, sqlite3_int64)
{
    return SQLITE_READONLY;
}
int fileTruncate(sqlite3_file *, sqlite3_int64)
{
    return SQLITE_READONLY;
}
int fileSync(sqlite3_file *, int)
{
    return SQLITE_OK;
}
int fileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    *size = sqlite3_int64(ownerOf(f)->size());
    return SQLITE_OK;
}
int fileLock(sqlite3_file *, int)
{
    return SQLITE_OK;
}
int fileUnlock(sqlite3_file *, int)
{
    return SQLITE_OK;
}
int fileCheckReservedLock(sqlite3_file *, int *out)
{
    *out = 0;
    return SQLITE_OK;
}
int fileControl(sqlite3_file *, int, void *)
{
    return SQLITE_NOTFOUND;
}
int fileSectorSize(sqlite3_file *)
{
    return 4096;
}
int fileDeviceCharacteristics(sqlite3_file *)
{
    return SQLITE_IOCAP_IMMUTABLE;
}

const sqlite3_io_methods kIoMethods = {1,
                                       fileClose,
                                       fileRead,
                                       fileWrite,
                                       fileTruncate,
                                       fileSync,
                                       fileSize,
                                       fileLock,
                                       fileUnlock,
                                       fileCheckReservedLock,
                                       fileControl,
                                       fileSectorSize,
                                       fileDeviceCharacteristics,
                                       nullptr,
                                       nullptr,
                                       nullptr,
                                       nullptr,
                                       nullptr,
                                       nullptr};

ReadOnlyVfs *ownerOf(sqlite3_vfs *vfs)
{
    return static_cast<ReadOnlyVfs *>(vfs->pAppData);
}

int vfsOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    ReadOnlyVfs *owner = ownerOf(vfs);
    file->pMethods = nullptr; // SQLite then calls no xClose on a refused open
    // Only the main database, once, read-only. Journals, WAL, temp files: refused, so SQLite
    // can never create anything — it has no way to name a path outside this VFS anyway.
    if (!(flags & SQLITE_OPEN_MAIN_DB) || owner->mainOpen || (flags & SQLITE_OPEN_READWRITE) ||
        (flags & SQLITE_OPEN_CREATE)) {
        owner->noteRefused(name ? name : "(temporary file)");
        return SQLITE_CANTOPEN;
    }
    auto *f = reinterpret_cast<VfsFile *>(file);
    f->owner = owner;
    f->base.pMethods = &kIoMethods;
    owner->mainOpen = true;
    if (outFlags)
        *outFlags = SQLITE_OPEN_READONLY;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *, int)
{
    return SQLITE_IOERR_DELETE;
}
int vfsAccess(sqlite3_vfs *, const char *, int, int *out)
{
    *out = 0; // no journal, no -wal: nothing beside the database exists for SQLite
    return SQLITE_OK;
}
int vfsFullPathname(sqlite3_vfs *, const char *name, int outSize, char *out)
{
    sqlite3_snprintf(outSize, out, "%s", name);
    return SQLITE_OK;
}
int vfsRandomness(sqlite3_vfs *, int n, char *out)
{
    // Only temp-file names and similar use it; none exist here. No /dev/urandom in the sandbox.
    std::memset(out, 0, size_t(n));
    return n;
}
int vfsSleep(sqlite3_vfs *, int microseconds)
{
    return microseconds;
}
int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    // Julian day in milliseconds, as SQLite expects.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    *out = sqlite3_int64(210866760000000LL + ms);
    return SQLITE_OK;
}
int vfsCurrentTime(sqlite3_vfs *vfs, double *out)
{
    sqlite3_int64 ms = 0;
    vfsCurrentTimeInt64(vfs, &ms);
    *out = double(ms) / 86400000.0;
    return SQLITE_OK;
}
int vfsGetLastError(sqlite3_vfs *, int, char *)
{
    return 0;
}

std::atomic<uint64_t> g_nextVfs{1};

} // namespace

ReadOnlyVfs::ReadOnlyVfs(const DbBytes &bytes)
    : m_bytes(bytes), m_name("tracescope-ro-" + std::to_string(g_nextVfs++))
{
    m_vfs.iVersion = 2;
    m_vfs.szOsFile = int(sizeof(VfsFile));
    m_vfs.mxPathname = 256;
    m_vfs.zName = m_name.c_str();
    m_vfs.pAppData = this;
    m_vfs.xOpen = vfsOpen;
    m_vfs.xDelete = vfsDelete;
    m_vfs.xAccess = vfsAccess;
    m_vfs.xFullPathname = vfsFullPathname;
    m_vfs.xRandomness = vfsRandomness;
    m_vfs.xSleep = vfsSleep;
    m_vfs.xCurrentTime = vfsCurrentTime;
    m_vfs.xGetLastError = vfsGetLastError;
    m_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    m_registered = sqlite3_vfs_register(&m_vfs, 0) == SQLITE_OK;
}

ReadOnlyVfs::~ReadOnlyVfs()
{
    if (m_registered)
        sqlite3_vfs_unregister(&m_vfs);
}

void ReadOnlyVfs::noteRefused(const char *file)
{
    if (!m_refused.empty())
        m_refused += ", ";
    m_refused += file;
}

bool ReadOnlyVfs::read(void *out, size_t n, uint64_t offset)
{
    if (offset > m_bytes.size || n > m_bytes.size - offset)
        return false;
    if (m_bytes.fd < 0) {
        std::memcpy(out, m_bytes.memory.data() + offset, n);
        return true;
    }
    auto *p = static_cast<char *>(out);
    while (n > 0) {
        const ssize_t got = ::pread(m_bytes.fd, p, n, off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        p += got;
        n -= size_t(got);
        offset += uint64_t(got);
    }
    return true;
}

} // namespace ts::parsers

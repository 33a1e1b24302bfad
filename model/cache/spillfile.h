#pragma once
// A scratch file for an external sort: anonymous (O_TMPFILE, 0640, in the cache folder; where
// unsupported a named file unlinked at once), so nothing is left behind and no other process
// can open it by name. Created on the first write: a small input never touches the disk.

#include <QString>

#include <cstddef>
#include <cstdint>

namespace ts::model {

class SpillFile
{
public:
    explicit SpillFile(QString dir) : m_dir(std::move(dir)) {}
    ~SpillFile();
    SpillFile(const SpillFile &) = delete;
    SpillFile &operator=(const SpillFile &) = delete;

    // Appends `bytes`; false on an I/O error (error() says which).
    bool append(const void *data, size_t bytes);
    // Reads `bytes` at `offset`, all of which were appended before.
    bool read(uint64_t offset, void *data, size_t bytes);
    uint64_t size() const { return m_size; }
    QString error() const { return m_error; }

private:
    bool open();
    bool fail(const QString &what);

    QString m_dir;
    QString m_error;
    int m_fd = -1;
    uint64_t m_size = 0;
};

} // namespace ts::model

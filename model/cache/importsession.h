#pragma once
// The app's side of one import: bytes from the child's stdout go in through feed(); they are
// split into frames, every frame is checked by RecordValidator and applied by CacheWriter. The
// launcher calls feed() from its worker thread while the child runs; progressBytesDone() may be
// read from any thread.

#include "cache/cachewriter.h"
#include "records/recordformat.h"
#include "records/recordvalidator.h"

#include <QString>

#include <atomic>

namespace ts::model {

class ImportSession
{
public:
    void setCancelFlag(const std::atomic<bool> *flag) { m_writer.setCancelFlag(flag); }
    bool begin(const QString &cachePath, QString *error)
    {
        return m_writer.begin(cachePath, error);
    }
    // False on the first protocol violation or cache write failure; errorText() says which.
    bool feed(const char *data, size_t size);
    // writeTables(), then finish(): see CacheWriter. finish() alone does both.
    bool writeTables(QString *error);
    bool finish(const CacheMeta &meta, QString *error);
    void abort() { m_writer.abort(); }

    uint64_t progressBytesDone() const { return m_bytesDone.load(std::memory_order_relaxed); }
    bool hasResult() const { return m_writer.hasResult(); }
    bool hasInputError() const { return m_writer.hasError(); }
    // feed() failed writing the cache (a full disk, say), not on what the importer sent.
    bool writeFailed() const { return m_writeFailed; }
    // The violation, or the importer's own Error record (what was wrong with the input, where).
    QString errorText() const
    {
        return m_violation.isEmpty() ? m_writer.inputErrorText() : m_violation;
    }
    QString format() const { return m_writer.format(); }
    QStringList warnings() const { return m_writer.warnings(); }
    const ImportSummary &summary() const { return m_writer.summary(); }

private:
    rec::FrameSplitter m_splitter;
    RecordValidator m_validator;
    CacheWriter m_writer;
    QString m_violation;
    bool m_writeFailed = false;
    std::atomic<uint64_t> m_bytesDone{0};
};

} // namespace ts::model

#pragma once
// Writes one cache file from checked records. The file is built under a temporary name in the
// cache folder (created 0640, O_EXCL|O_NOFOLLOW) inside one transaction and renamed to its final
// name only when complete, so a crash, a cancel or a bad child never leaves a half-written cache
// where a reader would find it.
//
// Slices arrive unsorted (a trace is not ordered per thread), but depth, parent and flow binding
// need them sorted per track; so they are staged as compact 40-byte rows in sorted runs on disk
// (sliceruns.h), and the flows' ends likewise (flowends.h), merged and written at finish(): the
// writer's memory stays flat however large the input.
// Everything else is written as it arrives, in batches (bulkinsert.h), so that work is done
// while the child parses rather than after it. The one pass over the merged slices assigns ids,
// depths and parents, writes the slice rows and their packed copy per (track, depth)
// (slicepack.h), which is what the timeline loads, and binds the flow ends that refer to a
// track and a time; the flow indexes are built after it (indexes.sql).

#include "cache/sliceplacer.h"
#include "cache/sliceruns.h"
#include "cache/sqlite.h"
#include "records/recordformat.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ts::model {

class SlicePackWriter;
class MemoryWriter;
class AscendWriter;
class MemScopeWriter;
class CommWriter;

struct CacheMeta
{
    QString inputSha256;
    QString inputName; // file name only: caches carry no absolute paths
    qint64 inputSize = 0;
};

struct ImportSummary
{
    qint64 processes = 0, threads = 0, tracks = 0, slices = 0, instants = 0, counterSamples = 0,
           flows = 0, skipped = 0;
    // Ascend rows (ascend/ascendwriter.h): device tasks (kernels), steps, memory records,
    // operator allocations.
    qint64 deviceTasks = 0, steps = 0, memRecords = 0, opMemory = 0;
};

class CacheWriter
{
public:
    CacheWriter();
    ~CacheWriter(); // aborts if neither finish() nor abort() ran
    CacheWriter(const CacheWriter &) = delete;
    CacheWriter &operator=(const CacheWriter &) = delete;

    // Before begin(): a flag that, once set (from any thread), makes the writer stop at its next
    // check and SQLite abandon the statement it runs; the call then fails and abort() cleans up.
    void setCancelFlag(const std::atomic<bool> *flag) { m_cancel = flag; }
    bool begin(const QString &finalPath, QString *error);
    // Applies one frame that RecordValidator accepted. False only on an SQLite failure.
    bool apply(const rec::FrameSplitter::Frame &frame);
    // Everything but the metadata: slices, flows, indexes (most of the work once the child is
    // done). finish() does it too when it has not been done; the launcher calls it first so
    // the input's hash can be computed meanwhile, on the core the child no longer needs.
    bool writeTables(QString *error);
    bool finish(const CacheMeta &meta, QString *error);
    void abort();

    const ImportSummary &summary() const { return m_summary; }
    QString format() const { return m_format; }
    QStringList warnings() const { return m_warnings; }
    bool hasResult() const { return m_hasResult; }
    bool hasError() const { return m_hasError; }
    QString inputErrorText() const { return m_errorText; }
    QString lastError() const { return m_sqlError; }

private:
    struct Statements;
    struct Bulk;

    int64_t insertArgs(std::string_view json);
    std::string stringText(uint32_t id);
    bool writeSlices();
    bool writeFlows();
    bool idsAsAssigned();
    void startWriteback();
    void closeFile();
    bool writeMeta(const CacheMeta &meta);
    bool sqlFailed();
    bool cancelled();
    bool cancelRequested() const { return m_cancel && m_cancel->load(); }

    Database m_db;
    std::unique_ptr<Statements> m_stmts;
    std::unique_ptr<Bulk> m_bulk;
    std::unique_ptr<SlicePackWriter> m_pack;
    std::unique_ptr<MemoryWriter> m_memory;     // snapshot tables (memory records)
    std::unique_ptr<AscendWriter> m_ascend;     // device task, step and memory-record tables
    std::unique_ptr<MemScopeWriter> m_memscope; // msMemScope events and their blocks
    std::unique_ptr<CommWriter> m_comm;         // HCCL communication analysis
    QString m_tempPath;
    int m_fileFd = -1; // the temporary file, as created
    QString m_finalPath;
    bool m_open = false;
    const std::atomic<bool> *m_cancel = nullptr;

    std::unique_ptr<SliceRuns> m_runs;
    uint32_t m_sliceSequence = 0;
    int64_t m_lastArgId = 0;
    bool m_tablesWritten = false;
    std::unique_ptr<FlowEnds> m_flows;
    std::vector<uint8_t> m_trackFlags; // by track id
    std::map<std::string, uint64_t> m_skipped;
    std::string m_baseTimeNs;

    ImportSummary m_summary;
    QString m_format;
    QStringList m_warnings;
    bool m_hasResult = false;
    bool m_hasError = false;
    QString m_errorText;
    QString m_sqlError;
};

} // namespace ts::model

#pragma once
// One input file → one cache, blocking, for a worker thread (GUI) or the main thread (headless).
// It opens the input itself (no links, owner and mode checked), reuses an unchanged cache, or
// starts a sandboxed tracescope-import with the open descriptor as stdin, checks and writes what
// it sends, hashes the input alongside, and enforces cancel and the wall-clock limit by killing
// the child's process group. Whatever happens, no half-written cache is left behind.

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>

namespace ts::app {

struct ImportLimits
{
    int wallClockSeconds = 0; // 0: scaled to the input's size
    uint64_t memoryMb = 3072;
    uint64_t cpuSeconds = 0;  // 0: scaled to the input's size
};

struct ImportSettings
{
    QString cacheDir;
    QString childProgram;
    ImportLimits limits;
    // Appended to the child's command line. Tests use it to reach the child's --selftest entries
    // through the real launcher (a child that spins or eats memory must be stopped and reported).
    QStringList extraChildArguments;
};

// Shared between the worker and whoever shows progress; plain atomics, no signals.
struct ImportProgress
{
    std::atomic<uint64_t> bytesDone{0};
    std::atomic<uint64_t> bytesTotal{0};
    std::atomic<int> stage{0}; // 0 opening, 1 reading, 2 writing the cache, 3 done
    std::atomic<bool> cancelRequested{false};
};

struct ImportCounts
{
    qint64 processes = 0, threads = 0, tracks = 0, slices = 0, instants = 0, counterSamples = 0,
           flows = 0, skipped = 0;
    // Ascend rows: device tasks ("kernels"), steps, memory records, operator allocations.
    qint64 deviceTasks = 0, steps = 0, memRecords = 0, opMemory = 0;
    ImportCounts &operator+=(const ImportCounts &o);
};

struct ImportOutcome
{
    bool ok = false;
    bool cancelled = false;
    bool reused = false;
    QString inputPath;
    QString cachePath;
    QString format;
    QString error;         // what went wrong and where (file, byte offset or line:column)
    QStringList warnings;  // input ownership/mode, importer warnings
    ImportCounts counts;
    double seconds = 0;
    qint64 childPeakRssKb = 0; // 0 when no child ran (cache reused)
};

ImportOutcome importFile(const QString &inputPath, const ImportSettings &settings,
                         ImportProgress &progress);

} // namespace ts::app

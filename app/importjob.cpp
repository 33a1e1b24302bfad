#include "importjob.h"

#include "cache/cachereader.h"
#include "cache/cachestore.h"
#include "cache/importsession.h"
#include "childprocess.h"
#include "inputscan.h"
#include "util/safefs.h"
#include "util/sha256digest.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <csignal>
#include <future>

#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace ts::app {

ImportCounts &ImportCounts::operator+=(const ImportCounts &o)
{
    processes += o.processes;
    threads += o.threads;
    tracks += o.tracks;
    slices += o.slices;
    instants += o.instants;
    counterSamples += o.counterSamples;
    flows += o.flows;
    skipped += o.skipped;
    deviceTasks += o.deviceTasks;
    steps += o.steps;
    memRecords += o.memRecords;
    opMemory += o.opMemory;
    return *this;
}

namespace {

// SQLite says only "disk I/O error" or "database or disk is full"; what the user can act on is
// which limit was likely met. Looked up after the failure: a nearly full file system, else a
// file-size limit (RLIMIT_FSIZE, `ulimit -f`) in force. Said as what is found, not as the cause.
QString spaceShortage(const QString &cacheDir)
{
    QString why;
    struct statvfs fs
    {
    };
    constexpr qint64 kNearlyFull = qint64(64) << 20;
    if (::statvfs(QFile::encodeName(cacheDir).constData(), &fs) == 0) {
        const qint64 free = qint64(fs.f_bavail) * qint64(fs.f_frsize);
        if (free < kNearlyFull)
            why = QStringLiteral("the disk holding it is nearly full (%1 MB free)").arg(free >> 20);
    }
    struct rlimit limit
    {
    };
    if (why.isEmpty() && ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        why = QStringLiteral("a file-size limit (ulimit -f) of %1 bytes is in force")
                  .arg(qint64(limit.rlim_cur));
    return why;
}

constexpr int kPollMs = 50;

class FdGuard
{
public:
    explicit FdGuard(int fd) : m_fd(fd) {}
    ~FdGuard()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FdGuard(const FdGuard &) = delete;
    FdGuard &operator=(const FdGuard &) = delete;

private:
    int m_fd;
};

InputKind sniffDescriptor(int fd)
{
    char head[kSniffBytes] = {};
    const ssize_t got = ::pread(fd, head, sizeof head, 0);
    return sniffKind(QByteArray(head, int(std::max<ssize_t>(got, 0))));
}

// Generous limits that still stop a runaway: a parser streams at >100 MB/s, so a few MB/s of
// budget per second is plenty. Compressed inputs expand ~20×.
struct EffectiveLimits
{
    uint64_t cpuSeconds;
    int wallClockSeconds;
};
EffectiveLimits effectiveLimits(const ImportLimits &limits, qint64 size, bool compressed)
{
    const uint64_t work = uint64_t(size) * (compressed ? 20 : 1);
    EffectiveLimits e;
    e.cpuSeconds = limits.cpuSeconds ? limits.cpuSeconds : 60 + work / (4u << 20);
    e.wallClockSeconds = limits.wallClockSeconds
                             ? limits.wallClockSeconds
                             : int(std::min<uint64_t>(e.cpuSeconds * 2 + 30, 24 * 3600));
    return e;
}

ImportCounts countsOf(const model::ImportSummary &s)
{
    ImportCounts c;
    c.processes = s.processes;
    c.threads = s.threads;
    c.tracks = s.tracks;
    c.slices = s.slices;
    c.instants = s.instants;
    c.counterSamples = s.counterSamples;
    c.flows = s.flows;
    c.skipped = s.skipped;
    c.deviceTasks = s.deviceTasks;
    c.steps = s.steps;
    c.memRecords = s.memRecords;
    c.opMemory = s.opMemory;
    return c;
}

QString describeChildFailure(int exitCode, const ChildProcess &child, const EffectiveLimits &lim,
                             uint64_t memoryMb)
{
    const QString log = QString::fromUtf8(child.log()).trimmed();
    QString why;
    if (exitCode == -SIGXCPU)
        why = QStringLiteral("the importer used more than its %1 s of CPU time and was stopped")
                  .arg(lim.cpuSeconds);
    else if (log.contains(QStringLiteral("bad_alloc")) || log.contains(QStringLiteral("memory")))
        why = QStringLiteral("the importer ran out of its %1 MB memory limit").arg(memoryMb);
    else
        why = QStringLiteral("the importer %1").arg(describeExit(exitCode));
    if (!log.isEmpty())
        why += QStringLiteral("; it said: %1").arg(log.right(600));
    return why;
}

} // namespace

ImportOutcome importFile(const QString &inputPath, const ImportSettings &settings,
                         ImportProgress &progress)
{
    QElapsedTimer clock;
    clock.start();
    ImportOutcome out;
    out.inputPath = inputPath;
    auto finish = [&out, &clock]() -> ImportOutcome {
        out.seconds = clock.elapsed() / 1000.0;
        return out;
    };
    // Every failure to write the cache (the disk full, a file-size limit, the folder gone) names
    // the folder, so the user knows where space is missing.
    auto cacheWriteFailure = [&](const QString &why) {
        const QString shortage = spaceShortage(settings.cacheDir);
        return QStringLiteral("%1: cannot write its cache in the cache folder %2: %3")
            .arg(inputPath, settings.cacheDir,
                 shortage.isEmpty() ? why : shortage + " (" + why + ")");
    };

    const fs::OpenedInput input = fs::openInput(inputPath);
    if (input.fd < 0) {
        out.error = input.error;
        return finish();
    }
    FdGuard inputGuard(input.fd);
    if (!input.warning.isEmpty())
        out.warnings << input.warning;
    if (input.isDirectory) {
        out.error = QStringLiteral("%1 is a folder, not a file").arg(inputPath);
        return finish();
    }
    progress.bytesTotal += uint64_t(input.size);

    const QString cachePath =
        model::CacheStore::cachePathFor(settings.cacheDir, inputPath, input.size, input.mtimeNs);
    if (model::CacheStore::isReusable(cachePath)) {
        model::CacheReader reader;
        QString error;
        if (reader.open(cachePath, &error)) {
            out.ok = out.reused = true;
            out.cachePath = cachePath;
            out.format = reader.format();
            out.counts = countsOf(reader.summary());
            progress.bytesDone += uint64_t(input.size);
            return finish();
        }
    }

    const InputKind kind = sniffDescriptor(input.fd);
    if (kind == InputKind::Cache) {
        // A cache made by `tracescope --import` (perhaps on a cluster node): opened read-only,
        // defensively, and checked like any cache of ours; it is used where it lies.
        model::CacheReader reader;
        QString error;
        if (!reader.open(inputPath, &error)) {
            out.error = error;
            return finish();
        }
        out.ok = out.reused = true;
        out.cachePath = inputPath;
        out.format = reader.format();
        out.counts = countsOf(reader.summary());
        progress.bytesDone += uint64_t(input.size);
        return finish();
    }
    if (kind == InputKind::ForeignDb) {
        // The child reads the main file only; pages still in a -wal beside it are not seen.
        // Only the app can notice (the child has no path): a stat, never an open.
        const QFileInfo wal(inputPath + QStringLiteral("-wal"));
        if (wal.exists() && wal.size() > 0)
            out.warnings << QStringLiteral("%1 has a write-ahead log beside it (%2, %3 bytes); "
                                           "changes still in that log are not shown")
                                .arg(inputPath, wal.fileName())
                                .arg(wal.size());
    }
    const bool compressed = kind == InputKind::Gzip || kind == InputKind::Zstd;
    const EffectiveLimits limits = effectiveLimits(settings.limits, input.size, compressed);
    // The child starts first: it parses while the cache file is created, and what it sends
    // meanwhile waits in the pipe.
    ChildProcess child;
    QStringList args{QStringLiteral("--mem-mb"), QString::number(settings.limits.memoryMb),
                     QStringLiteral("--cpu-seconds"), QString::number(limits.cpuSeconds)};
    args << settings.extraChildArguments;
    progress.stage = 1;
    QString error;
    if (!child.start(settings.childProgram, args, input.fd, &error)) {
        out.error = error;
        return finish();
    }
    model::ImportSession session;
    // Cancel reaches the writing phase too: the writer checks the flag and SQLite stops
    // mid-statement.
    session.setCancelFlag(&progress.cancelRequested);
    if (!session.begin(cachePath, &error)) {
        child.killGroup();
        child.wait();
        out.error = cacheWriteFailure(error);
        return finish();
    }

    uint64_t reported = 0;
    bool violation = false, timedOut = false, cancelled = false;
    const qint64 deadlineMs = qint64(limits.wallClockSeconds) * 1000;
    for (;;) {
        const auto event = child.pump(kPollMs, [&](const char *data, size_t n) {
            if (!violation && !session.feed(data, n))
                violation = true;
        });
        const uint64_t done = session.progressBytesDone();
        if (done > reported) {
            progress.bytesDone +=
                std::min(done, uint64_t(input.size)) - std::min(reported, uint64_t(input.size));
            reported = done;
        }
        if (violation || progress.cancelRequested || clock.elapsed() > deadlineMs) {
            // A cancel may also have stopped a statement of feed(), which then looks like a
            // violation: the user's request is the reason either way.
            cancelled = progress.cancelRequested;
            timedOut = !violation && !cancelled;
            child.killGroup();
            break;
        }
        if (event == ChildProcess::Event::Closed)
            break;
    }
    const int exitCode = child.wait();
    out.childPeakRssKb = child.peakRssKb();

    if (cancelled) {
        out.cancelled = true;
        out.error = QStringLiteral("import of %1 was cancelled").arg(inputPath);
    } else if (violation && session.writeFailed()) {
        out.error = cacheWriteFailure(session.errorText());
    } else if (violation) {
        out.error = QStringLiteral("%1: the importer sent invalid data and was stopped (%2)")
                        .arg(inputPath, session.errorText());
    } else if (timedOut) {
        out.error = QStringLiteral("%1: the import took longer than %2 s and was stopped")
                        .arg(inputPath)
                        .arg(limits.wallClockSeconds);
    } else if (session.hasInputError()) {
        out.error = QStringLiteral("%1: %2").arg(inputPath, session.errorText());
    } else if (exitCode != 0 || !session.hasResult()) {
        out.error = QStringLiteral("%1: %2").arg(
            inputPath, exitCode != 0
                           ? describeChildFailure(exitCode, child, limits, settings.limits.memoryMb)
                           : QStringLiteral("the importer stopped before the end of its output"));
    }
    if (!out.error.isEmpty()) {
        session.abort();
        progress.bytesDone += uint64_t(input.size) - std::min(reported, uint64_t(input.size));
        return finish();
    }

    progress.stage = 2;
    // The child is done: its core hashes the input while this thread writes the tables (during
    // the parse both cores were busy with the child and the records).
    std::atomic<bool> stopHashing{false};
    std::future<QByteArray> hash =
        std::async(std::launch::async,
                   qOverload<int, const std::atomic<bool> &, const std::atomic<bool> &>(
                       model::sha256OfDescriptor),
                   input.fd, std::cref(stopHashing), std::cref(progress.cancelRequested));
    // A cancel during the writing phase: the writer gave up (and removed its file) or is told to.
    auto cancelledWhileWriting = [&]() -> ImportOutcome {
        stopHashing = true;
        if (hash.valid())
            hash.wait();
        session.abort();
        out.cancelled = true;
        out.error = QStringLiteral("import of %1 was cancelled").arg(inputPath);
        return finish();
    };
    if (!session.writeTables(&error)) {
        if (progress.cancelRequested)
            return cancelledWhileWriting();
        stopHashing = true;
        hash.wait();
        out.error = cacheWriteFailure(error);
        return finish();
    }
    model::CacheMeta meta;
    meta.inputSha256 = QString::fromLatin1(hash.get());
    if (progress.cancelRequested)
        return cancelledWhileWriting();
    if (meta.inputSha256.isEmpty()) {
        session.abort();
        out.error =
            QStringLiteral("%1: cannot read the input again to compute its SHA-256").arg(inputPath);
        return finish();
    }
    meta.inputName = QFileInfo(inputPath).fileName();
    meta.inputSize = input.size;
    if (!session.finish(meta, &error)) {
        if (progress.cancelRequested)
            return cancelledWhileWriting();
        out.error = cacheWriteFailure(error);
        return finish();
    }
    progress.bytesDone += uint64_t(input.size) - std::min(reported, uint64_t(input.size));
    out.ok = true;
    out.cachePath = cachePath;
    out.format = session.format();
    out.counts = countsOf(session.summary());
    for (const QString &w : session.warnings())
        out.warnings << QStringLiteral("%1: %2").arg(QFileInfo(inputPath).fileName(), w);
    return finish();
}

} // namespace ts::app

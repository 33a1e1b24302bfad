#pragma once
// One running tracescope-import child. Started with posix_spawn: a clean environment, its own
// process group (so a kill reaches anything it might leave behind), the already-open input
// descriptor as stdin, and pipes for stdout (records) and stderr (logs). No QProcess: the
// import loop runs in a worker thread and wants plain blocking poll() without an event loop.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace ts::app {

class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess(); // kills and reaps a child still running
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    bool start(const QString &program, const QStringList &arguments, int stdinFd, QString *error);

    enum class Event { Stdout, Stderr, Closed, Idle };
    // Waits up to timeoutMs for output. Stdout bytes go to onStdout; stderr is kept (the last
    // kMaxLogBytes). Returns Closed once both pipes reached end of file.
    Event pump(int timeoutMs, const std::function<void(const char *, size_t)> &onStdout);

    void killGroup();
    // Reaps the child; returns the exit code, or -signal when a signal ended it.
    int wait();

    QByteArray log() const { return m_log; }
    qint64 pid() const { return m_pid; }
    // Peak resident memory of the child in KiB, known after wait(). On Linux it is the child's
    // own high-water mark (VmHWM), read from /proc while pump() runs (every kSampleMs, so the
    // growth of the last interval may be missed): wait4's ru_maxrss cannot be used, since a
    // spawned child's starts at the parent's size. Elsewhere, and for a child gone before the
    // first sample, ru_maxrss (an upper bound).
    qint64 peakRssKb() const { return m_peakRssKb; }

    static constexpr int kMaxLogBytes = 64 * 1024;
    static constexpr int kPipeBytes = 1 << 20; // records in flight; fs.pipe-max-size's default
    static constexpr int kSampleMs = 100;

private:
    void sampleMemory();

    qint64 m_pid = -1;
    int m_stdout = -1;
    int m_stderr = -1;
    bool m_reaped = false;
    int m_status = 0;
    qint64 m_peakRssKb = 0;
    qint64 m_sampledPeakKb = 0;
    qint64 m_lastSampleMs = -1;
    QByteArray m_log;
};

// Human words for a wait() result, e.g. "was killed by signal 9 (Killed)".
QString describeExit(int code);

} // namespace ts::app

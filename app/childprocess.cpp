#include "childprocess.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <vector>

namespace ts::app {

namespace {

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

qint64 monotonicMs()
{
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

} // namespace

void ChildProcess::sampleMemory()
{
#ifdef __linux__
    const qint64 now = monotonicMs();
    if (m_pid <= 0 || m_reaped || (m_lastSampleMs >= 0 && now - m_lastSampleMs < kSampleMs))
        return;
    m_lastSampleMs = now;
    char path[48];
    std::snprintf(path, sizeof path, "/proc/%lld/status", static_cast<long long>(m_pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    char text[4096];
    const ssize_t got = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (got <= 0)
        return;
    text[got] = 0;
    if (const char *hwm = std::strstr(text, "VmHWM:"))
        m_sampledPeakKb = std::max<qint64>(m_sampledPeakKb, std::strtoll(hwm + 6, nullptr, 10));
#endif
}

ChildProcess::~ChildProcess()
{
    if (m_pid > 0 && !m_reaped) {
        killGroup();
        wait();
    }
    closeFd(m_stdout);
    closeFd(m_stderr);
}

bool ChildProcess::start(const QString &program, const QStringList &arguments, int stdinFd,
                         QString *error)
{
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        if (error)
            *error = QStringLiteral("cannot create pipes: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        closeFd(out[0]), closeFd(out[1]), closeFd(err[0]), closeFd(err[1]);
        return false;
    }
#ifdef F_SETPIPE_SZ
    // The records pipe holds 64 KiB by default: the child would stop at every pause of the
    // writer (a batch of rows, a run of slices sorted) and the two would go in lockstep. A
    // larger pipe lets the child run ahead; where the system caps it lower, the default stays.
    ::fcntl(out[1], F_SETPIPE_SZ, kPipeBytes);
#endif

    std::vector<QByteArray> storage;
    storage.push_back(QFile::encodeName(program));
    for (const QString &a : arguments)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    // The child needs nothing from our environment; a clean one leaks no secrets and no
    // LD_PRELOAD-style influence into the process that handles hostile bytes.
    char envLocale[] = "LC_ALL=C";
    char *envp[] = {envLocale, nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdinFd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGXCPU);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                        POSIX_SPAWN_SETSIGMASK);

    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    closeFd(out[1]);
    closeFd(err[1]);
    if (rc != 0) {
        closeFd(out[0]);
        closeFd(err[0]);
        if (error)
            *error = QStringLiteral("cannot start %1: %2")
                         .arg(program, QString::fromLocal8Bit(std::strerror(rc)));
        return false;
    }
    m_pid = pid;
    m_stdout = out[0];
    m_stderr = err[0];
    m_reaped = false;
    return true;
}

ChildProcess::Event ChildProcess::pump(int timeoutMs,
                                       const std::function<void(const char *, size_t)> &onStdout)
{
    if (m_stdout < 0 && m_stderr < 0)
        return Event::Closed;
    sampleMemory();
    pollfd fds[2] = {{m_stdout, POLLIN, 0}, {m_stderr, POLLIN, 0}};
    const int n = ::poll(fds, 2, timeoutMs);
    if (n <= 0)
        return Event::Idle;
    static thread_local char buffer[1 << 18]; // a quarter of the pipe per read
    Event event = Event::Idle;
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t got = ::read(m_stdout, buffer, sizeof buffer);
        if (got > 0) {
            onStdout(buffer, size_t(got));
            event = Event::Stdout;
        } else if (got == 0 || errno != EINTR) {
            closeFd(m_stdout);
        }
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t got = ::read(m_stderr, buffer, sizeof buffer);
        if (got > 0) {
            m_log.append(buffer, int(got));
            if (m_log.size() > kMaxLogBytes)
                m_log.remove(0, m_log.size() - kMaxLogBytes);
            if (event == Event::Idle)
                event = Event::Stderr;
        } else if (got == 0 || errno != EINTR) {
            closeFd(m_stderr);
        }
    }
    if (m_stdout < 0 && m_stderr < 0)
        return Event::Closed;
    return event;
}

void ChildProcess::killGroup()
{
    if (m_pid > 0 && !m_reaped)
        ::kill(-pid_t(m_pid), SIGKILL);
}

int ChildProcess::wait()
{
    if (m_pid <= 0)
        return -1;
    if (!m_reaped) {
        int status = 0;
        struct rusage usage
        {
        };
        while (::wait4(pid_t(m_pid), &status, 0, &usage) < 0 && errno == EINTR) {
        }
        m_peakRssKb = m_sampledPeakKb > 0 ? m_sampledPeakKb : usage.ru_maxrss;
        m_status = WIFEXITED(status) ? WEXITSTATUS(status)
                                     : (WIFSIGNALED(status) ? -WTERMSIG(status) : -1);
        m_reaped = true;
        closeFd(m_stdout);
        closeFd(m_stderr);
    }
    return m_status;
}

QString describeExit(int code)
{
    if (code >= 0)
        return QStringLiteral("exited with code %1").arg(code);
    const int sig = -code;
    return QStringLiteral("was stopped by signal %1 (%2)")
        .arg(sig)
        .arg(QString::fromLocal8Bit(::strsignal(sig)));
}

} // namespace ts::app

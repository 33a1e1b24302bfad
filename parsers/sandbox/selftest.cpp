#include "selftest.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace ts::sandbox {

namespace {

int report(const char *name, bool refused, int err)
{
    if (refused)
        std::printf("%s: refused (%s)\n", name, std::strerror(err));
    else
        std::printf("%s: ALLOWED\n", name);
    std::fflush(stdout);
    return refused ? 0 : 1;
}

int probeOpen()
{
    int worst = 0;
    for (const char *path : {"/etc/passwd", "/etc/hostname"}) {
        const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        const int err = errno;
        if (fd >= 0)
            ::close(fd);
        worst |= report("open", fd < 0, err);
    }
    const int fd = ::open("/tmp/tracescope-sandbox-probe", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    const int err = errno;
    if (fd >= 0)
        ::close(fd);
    return worst | report("create", fd < 0, err);
}

int probeSocket()
{
    int worst = 0;
    for (int domain : {AF_INET, AF_UNIX}) {
        const int fd = ::socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int err = errno;
        if (fd >= 0)
            ::close(fd);
        worst |= report("socket", fd < 0, err);
    }
    return worst;
}

int probeExec()
{
    char program[] = "/bin/true";
    char *argv[] = {program, nullptr};
    char *envp[] = {nullptr};
    ::execve(program, argv, envp);
    return report("exec", true, errno); // only reached when execve failed
}

int probeMemory()
{
    // Touch every page so the limit, not lazy allocation, decides how far this gets.
    constexpr size_t kStep = 64u << 20;
    std::vector<void *> blocks;
    size_t total = 0;
    for (;;) {
        void *p = std::malloc(kStep);
        if (!p)
            break;
        std::memset(p, 1, kStep);
        blocks.push_back(p);
        total += kStep;
        if (total > (64ull << 30))
            return report("memory", false, 0);
    }
    std::printf("memory: refused at %zu MiB\n", total >> 20);
    std::fflush(stdout);
    for (void *p : blocks)
        std::free(p);
    return 0;
}

[[noreturn]] void spin()
{
    volatile unsigned long long n = 0;
    for (;;)
        n = n + 1;
}

} // namespace

int runSelfTest(const std::string &name)
{
    if (name == "open")
        return probeOpen();
    if (name == "socket")
        return probeSocket();
    if (name == "exec")
        return probeExec();
    if (name == "memory")
        return probeMemory();
    if (name == "spin")
        spin();
    std::fprintf(stderr, "tracescope-import: unknown selftest '%s'\n", name.c_str());
    return 2;
}

} // namespace ts::sandbox

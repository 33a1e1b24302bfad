#include "selftest.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace ts::sandbox {

namespace {

// Only EPERM and EACCES are the sandbox saying no (seccomp answers EPERM, Landlock EACCES); any
// other failure (ENOENT, EMFILE …) proves nothing and is reported as such.
const char *errnoName(int err)
{
    switch (err) {
    case EPERM:
        return "EPERM";
    case EACCES:
        return "EACCES";
    case ENOMEM:
        return "ENOMEM";
    case ENOENT:
        return "ENOENT";
    default:
        return "errno";
    }
}

int report(const char *name, bool failed, int err)
{
    if (failed && (err == EPERM || err == EACCES))
        std::printf("%s: refused (%s: %s)\n", name, errnoName(err), std::strerror(err));
    else if (failed)
        std::printf("%s: FAILED OTHERWISE (%s %d: %s)\n", name, errnoName(err), err,
                    std::strerror(err));
    else
        std::printf("%s: ALLOWED\n", name);
    std::fflush(stdout);
    return failed && (err == EPERM || err == EACCES) ? 0 : 1;
}

int probeOpen()
{
    int worst = 0;
    // Both exist on every Linux system (the test checks before it runs the probe).
    for (const char *path : {"/etc/passwd", "/"}) {
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

// The address-space limit itself: a mapping just above the configured cap must fail with ENOMEM,
// and one just below it (the cap less what the process already maps) must succeed and be usable.
// Mappings, not malloc, so the sizes are exactly those asked for.
int probeMemory(uint64_t capBytes)
{
    constexpr size_t kMiB = size_t(1) << 20;
    constexpr size_t kOwnFootprint = 64 * kMiB; // this process's code, heap and stack, generously
    struct rlimit limit
    {
    };
    ::getrlimit(RLIMIT_AS, &limit);
    std::printf("memory: limit %llu MiB\n", limit.rlim_cur == RLIM_INFINITY
                                                ? 0ull
                                                : (unsigned long long)(limit.rlim_cur >> 20));
    int worst = limit.rlim_cur == capBytes ? 0 : 1;

    const size_t above = size_t(capBytes) + kMiB;
    void *p = ::mmap(nullptr, above, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const int err = errno;
    if (p != MAP_FAILED) {
        ::munmap(p, above);
        std::printf("memory: %zu MiB above the cap: ALLOWED\n", above / kMiB);
        worst = 1;
    } else {
        std::printf("memory: %zu MiB above the cap: %s (%s)\n", above / kMiB,
                    err == ENOMEM ? "refused" : "FAILED OTHERWISE", errnoName(err));
        worst |= err == ENOMEM ? 0 : 1;
    }

    const size_t below = capBytes > kOwnFootprint ? size_t(capBytes) - kOwnFootprint : 0;
    void *q =
        below ? ::mmap(nullptr, below, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
              : MAP_FAILED;
    if (q == MAP_FAILED) {
        std::printf("memory: %zu MiB below the cap: FAILED\n", below / kMiB);
        worst = 1;
    } else {
        std::memset(q, 1, below); // really usable, not just reserved
        ::munmap(q, below);
        std::printf("memory: %zu MiB below the cap: ok\n", below / kMiB);
    }
    std::fflush(stdout);
    return worst;
}

// What a parser does when the input needs more than the limit: allocate until new throws. The
// exception is not caught (as in the real importer), so the child dies with std::bad_alloc in
// its log — what the app's launcher turns into "ran out of its memory limit".
[[noreturn]] void exhaustMemory()
{
    std::vector<std::unique_ptr<char[]>> blocks;
    for (;;) {
        blocks.emplace_back(new char[32u << 20]);
        std::memset(blocks.back().get(), 1, 32u << 20);
    }
}

[[noreturn]] void spin()
{
    volatile unsigned long long n = 0;
    for (;;)
        n = n + 1;
}

} // namespace

int runSelfTest(const std::string &name, const Limits &limits)
{
    if (name == "open")
        return probeOpen();
    if (name == "socket")
        return probeSocket();
    if (name == "exec")
        return probeExec();
    if (name == "memory")
        return probeMemory(limits.addressSpaceBytes);
    if (name == "exhaust-memory")
        exhaustMemory();
    if (name == "spin")
        spin();
    std::fprintf(stderr, "tracescope-import: unknown selftest '%s'\n", name.c_str());
    return 2;
}

} // namespace ts::sandbox

#include "seccompfilter.h"

#ifdef __linux__
#include <seccomp.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>
#endif

namespace ts::sandbox {

#ifdef __linux__
bool applySeccomp(std::string &error)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    if (!ctx) {
        error = "seccomp_init failed";
        return false;
    }
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    // SQLite, for a foreign database (parsers/foreigndb), needs nothing beyond this list: it
    // reads through ReadOnlyVfs (pread on the inherited descriptor), keeps temp data in memory,
    // and its VFS answers randomness and time itself — no open, no fcntl locks, no mmap of files.
    static const int kAllowed[] = {
        SCMP_SYS(read), SCMP_SYS(readv), SCMP_SYS(pread64), SCMP_SYS(write), SCMP_SYS(writev),
        SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(lseek),
        SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(mprotect),
        SCMP_SYS(madvise), SCMP_SYS(brk), SCMP_SYS(futex), SCMP_SYS(rt_sigreturn),
        SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction), SCMP_SYS(sigaltstack), SCMP_SYS(exit),
        SCMP_SYS(exit_group), SCMP_SYS(clock_gettime), SCMP_SYS(clock_nanosleep),
        SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(getpid), SCMP_SYS(gettid),
        SCMP_SYS(getrandom), SCMP_SYS(rseq), SCMP_SYS(getrlimit),
        SCMP_SYS(sched_yield), SCMP_SYS(restart_syscall),
    };
    int rc = 0;
    for (int sys : kAllowed) {
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, sys, 0);
        if (rc != 0)
            break;
    }
    // abort() raises SIGABRT on itself: signals to our own process only.
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                              SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(::getpid())));
    // Reading our own limits is harmless; setting anyone's is not.
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2,
                              SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A2(SCMP_CMP_EQ, 0));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc != 0) {
        error = std::string("cannot load the seccomp filter: ") + std::strerror(-rc);
        return false;
    }
    return true;
}
#else
bool applySeccomp(std::string &error)
{
    error.clear();
    return true;
}
#endif

} // namespace ts::sandbox

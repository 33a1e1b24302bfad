#include "sandbox.h"

#include "landlock.h"
#include "seccompfilter.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace ts::sandbox {

namespace {

bool setLimit(int resource, rlim_t value, const char *name, std::string &error,
              rlim_t hardExtra = 0)
{
    const struct rlimit limit {value, value + hardExtra};
    if (::setrlimit(resource, &limit) != 0) {
        error = std::string("setrlimit(") + name + "): " + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace

bool lockDown(const Limits &limits, Report &report, std::string &error)
{
    // 1. No core dumps: a crash must not write the hostile input's bytes anywhere.
    if (!setLimit(RLIMIT_CORE, 0, "RLIMIT_CORE", error))
        return false;
#ifdef __linux__
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
    // 2. Resource limits, hard = soft so the child cannot raise them — except CPU time, whose
    // hard limit is one second later: SIGXCPU at the soft limit tells the app what happened.
    if (!kAddressSpaceLimited)
        report.notes.push_back("no RLIMIT_AS: built with AddressSanitizer");
    else if (!setLimit(RLIMIT_AS, rlim_t(limits.addressSpaceBytes), "RLIMIT_AS", error))
        return false;
    if (!setLimit(RLIMIT_CPU, rlim_t(limits.cpuSeconds), "RLIMIT_CPU", error, 1) ||
        !setLimit(RLIMIT_FSIZE, 0, "RLIMIT_FSIZE", error) ||
        !setLimit(RLIMIT_NOFILE, rlim_t(limits.maxOpenFiles), "RLIMIT_NOFILE", error))
        return false;
    report.rlimits = true;

#ifdef __linux__
    // 3. No new privileges: no set-uid binary or file capability can ever lift us back up.
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        error = std::string("PR_SET_NO_NEW_PRIVS: ") + std::strerror(errno);
        return false;
    }
    report.noNewPrivileges = true;

    // 4. Landlock with no rights granted: nothing in the file system can be opened.
    std::string note;
    report.landlock = applyLandlock(note);
    report.notes.push_back(note);

    // 5. seccomp: the last layer, and the one that must not fail.
    if (!applySeccomp(error))
        return false;
    report.seccomp = true;
    report.notes.push_back("seccomp allow-list loaded");
#else
    report.notes.push_back("resource limits only: this platform's sandbox is not implemented");
#endif
    return true;
}

} // namespace ts::sandbox

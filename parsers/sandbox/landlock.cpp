#include "landlock.h"

#ifdef __linux__
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace ts::sandbox {

#ifdef __linux__
namespace {

uint64_t filesystemRights(int abi)
{
    uint64_t rights = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                      LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
                      LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
                      LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
                      LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
                      LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
                      LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2)
        rights |= 1ull << 13; // LANDLOCK_ACCESS_FS_REFER
    if (abi >= 3)
        rights |= 1ull << 14; // LANDLOCK_ACCESS_FS_TRUNCATE
    if (abi >= 5)
        rights |= 1ull << 15; // LANDLOCK_ACCESS_FS_IOCTL_DEV
    return rights;
}

// The ruleset layout grew with the ABI; the kernel accepts the size we pass.
struct RulesetAttr
{
    uint64_t handledAccessFs;
    uint64_t handledAccessNet;
    uint64_t scoped;
};

} // namespace

bool applyLandlock(std::string &note)
{
    const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0,
                               LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) {
        note = std::string("landlock unavailable (") + std::strerror(errno) +
               "); relying on seccomp";
        return false;
    }
    RulesetAttr attr{};
    attr.handledAccessFs = filesystemRights(int(abi));
    size_t size = sizeof(uint64_t);
    if (abi >= 4) {
        attr.handledAccessNet = 3; // LANDLOCK_ACCESS_NET_BIND_TCP | CONNECT_TCP
        size = 2 * sizeof(uint64_t);
    }
    if (abi >= 6) {
        attr.scoped = 3; // abstract unix sockets and signals to processes outside the domain
        size = sizeof(RulesetAttr);
    }
    const int fd = int(::syscall(SYS_landlock_create_ruleset, &attr, size, 0));
    if (fd < 0) {
        note = std::string("landlock ruleset refused (") + std::strerror(errno) +
               "); relying on seccomp";
        return false;
    }
    const long rc = ::syscall(SYS_landlock_restrict_self, fd, 0);
    ::close(fd);
    if (rc != 0) {
        note = std::string("landlock_restrict_self failed (") + std::strerror(errno) +
               "); relying on seccomp";
        return false;
    }
    note = "landlock ABI " + std::to_string(abi) + ": no file-system rights";
    return true;
}
#else
bool applyLandlock(std::string &note)
{
    note = "landlock is Linux-only";
    return false;
}
#endif

} // namespace ts::sandbox

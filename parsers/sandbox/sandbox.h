#pragma once
// Locks the import child down before it reads a byte of untrusted input. After lockDown() the
// process can read and write the descriptors it already holds (stdin = input, stdout = records,
// stderr = logs), allocate memory up to its limit, and nothing else: no open, no socket, no exec,
// no ptrace. See README "Security" for what each platform gets.

#include <cstdint>
#include <string>
#include <vector>

namespace ts::sandbox {

// AddressSanitizer reserves terabytes of address space for its shadow memory before main(), so
// an RLIMIT_AS would make every later allocation fail. The sanitizer build (a test build, never
// shipped) therefore runs its child without that one limit; the tests of the limit skip there.
#if defined(__SANITIZE_ADDRESS__)
#define TS_SANDBOX_ADDRESS_SPACE_LIMITED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TS_SANDBOX_ADDRESS_SPACE_LIMITED 0
#endif
#endif
#ifndef TS_SANDBOX_ADDRESS_SPACE_LIMITED
#define TS_SANDBOX_ADDRESS_SPACE_LIMITED 1
#endif
inline constexpr bool kAddressSpaceLimited = TS_SANDBOX_ADDRESS_SPACE_LIMITED;

struct Limits
{
    uint64_t addressSpaceBytes = 4ull << 30; // RLIMIT_AS
    uint64_t cpuSeconds = 600;               // RLIMIT_CPU (the app scales it to the input size)
    uint32_t maxOpenFiles = 8;               // RLIMIT_NOFILE
};

struct Report
{
    bool rlimits = false;
    bool noNewPrivileges = false;
    bool landlock = false; // false where the kernel lacks it: logged, not fatal
    bool seccomp = false;
    std::vector<std::string> notes; // human-readable, for the child's stderr log
};

// Applies every layer that the platform offers. Returns false (and sets error) only when a layer
// that must not be skipped failed; the child then exits without reading the input.
bool lockDown(const Limits &limits, Report &report, std::string &error);

} // namespace ts::sandbox

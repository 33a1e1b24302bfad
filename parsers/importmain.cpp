// tracescope-import: the sandboxed child. The app starts one per input file with the input as
// stdin (an already-open, read-only descriptor), reads records from stdout and logs from stderr.
//
//   tracescope-import [--mem-mb N] [--cpu-seconds N]
//                     [--selftest open|socket|exec|memory|exhaust-memory|spin]
//
// --selftest is the test-only entry: it locks down exactly as for an import and then tries the
// named forbidden thing, reporting on stdout what happened.

#include "importrunner.h"
#include "sandbox/sandbox.h"
#include "sandbox/selftest.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

bool parseCount(const char *text, uint64_t &out)
{
    char *end = nullptr;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (!text[0] || *end || v == 0)
        return false;
    out = v;
    return true;
}

int usage(const char *why)
{
    std::fprintf(stderr,
                 "tracescope-import: %s\n"
                 "usage: tracescope-import [--mem-mb N] [--cpu-seconds N] "
                 "[--selftest open|socket|exec|memory|exhaust-memory|spin] < INPUT > RECORDS\n",
                 why);
    return ts::parsers::kExitUsage;
}

} // namespace

#if !TS_SANDBOX_ADDRESS_SPACE_LIMITED
// The sanitizer build only (a test build, never shipped). The app starts the child with an
// environment of its own, so the tests' ASAN_OPTIONS never reach it; and LeakSanitizer's check at
// exit stops the process's threads with ptrace-like calls the seccomp filter refuses, which
// turns every clean exit into "LeakSanitizer has encountered a fatal error" and exit code 1.
// Memory errors are still caught; leaks are not looked for here.
extern "C" const char *__asan_default_options()
{
    return "detect_leaks=0";
}
#endif

int main(int argc, char **argv)
{
    ts::sandbox::Limits limits;
    std::string selftest;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        uint64_t n = 0;
        if (arg == "--mem-mb" && hasValue && parseCount(argv[i + 1], n)) {
            limits.addressSpaceBytes = n << 20;
            ++i;
        } else if (arg == "--cpu-seconds" && hasValue && parseCount(argv[i + 1], n)) {
            limits.cpuSeconds = n;
            ++i;
        } else if (arg == "--selftest" && hasValue) {
            selftest = argv[++i];
        } else {
            return usage(("bad argument: " + std::string(arg)).c_str());
        }
    }

    ts::sandbox::Report report;
    std::string error;
    if (!ts::sandbox::lockDown(limits, report, error)) {
        std::fprintf(stderr, "tracescope-import: sandbox failed: %s\n", error.c_str());
        return ts::parsers::kExitSandboxFailed;
    }
    for (const std::string &note : report.notes)
        std::fprintf(stderr, "tracescope-import: sandbox: %s\n", note.c_str());

    if (!selftest.empty())
        return ts::sandbox::runSelfTest(selftest, limits);

    ts::parsers::RunOptions options;
    struct stat st {};
    if (fstat(options.inputFd, &st) == 0 && S_ISREG(st.st_mode))
        options.inputSize = uint64_t(st.st_size);
    return ts::parsers::runImport(options);
}

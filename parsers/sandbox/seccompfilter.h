#pragma once
#include <string>

namespace ts::sandbox {

// Loads the allow-list: what a streaming parser that reads one descriptor and writes two needs,
// and nothing else. Everything not listed fails with EPERM (so a probe can see the refusal);
// clone3 answers ENOSYS so glibc's fallbacks behave; other architectures' syscalls kill.
bool applySeccomp(std::string &error);

} // namespace ts::sandbox

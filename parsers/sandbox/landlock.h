#pragma once
#include <string>

namespace ts::sandbox {

// Restricts the process with a Landlock ruleset that handles every file-system right the
// kernel knows (and network rights where supported) and allows none. Returns false, with a note
// saying why, where the kernel lacks Landlock — not an error: seccomp still stands.
bool applyLandlock(std::string &note);

} // namespace ts::sandbox

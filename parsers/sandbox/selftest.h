#pragma once
// Test-only entry of the import child (tracescope-import --selftest NAME), run after lockDown().
// Each probe tries one thing the sandbox must stop and prints one line on stdout:
//   "<name>: refused (<errno text>)"  or  "<name>: ALLOWED"
// Exit code 0 when refused, 1 when allowed. "memory" allocates until the address-space limit
// stops it; "spin" burns CPU forever (for the app's CPU and wall-clock limits).

#include <string>

namespace ts::sandbox {

int runSelfTest(const std::string &name);

} // namespace ts::sandbox

#pragma once
// Test-only entry of the import child (tracescope-import --selftest NAME), run after lockDown().
// Each probe tries one thing the sandbox must stop and prints one line on stdout:
//   "<name>: refused (<errno text>)"  or  "<name>: ALLOWED"
// Refused means EPERM or EACCES; any other failure is reported and counts as not refused.
// Exit code 0 when every attempt was refused, 1 otherwise. "memory" checks the address-space
// limit against limits.addressSpaceBytes (above it: ENOMEM; just below: usable); "exhaust-memory"
// allocates until the limit kills it, as a parser would; "spin" burns CPU forever (for the
// CPU and wall-clock limits).

#include "sandbox.h"

#include <string>

namespace ts::sandbox {

int runSelfTest(const std::string &name, const Limits &limits);

} // namespace ts::sandbox

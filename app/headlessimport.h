#pragma once
#include "commandline.h"

namespace ts::app {

// tracescope --import PATH...: imports each PATH without a window and prints one JSON object per
// PATH on stdout (the fields README.md lists). Failures go to stderr; the exit code is non-zero
// when any PATH failed.
int runHeadlessImport(int &argc, char **argv, const AppOptions &options);

} // namespace ts::app

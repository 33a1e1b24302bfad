#pragma once
#include "commandline.h"

namespace ts::app {

// tracescope --import PATH...: imports each PATH without a window and prints one JSON object per
// PATH on stdout (the fields README.md lists). Failures go to stderr; the exit code is non-zero
// when any PATH failed.
int runHeadlessImport(int &argc, char **argv, const AppOptions &options);

// For the other headless commands that import first (--sql): Ctrl+C, SIGTERM and SIGHUP set
// headlessProgress().cancelRequested and stopSignal(), as they do for --import.
struct ImportProgress;
void installStopHandlers();
ImportProgress &headlessProgress();
int stopSignal(); // 0, or the signal that asked to stop
const char *signalName(int sig);

} // namespace ts::app

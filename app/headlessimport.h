#pragma once
#include "commandline.h"
#include "importjob.h"

#include <optional>

namespace ts::app {

// Shared by the headless commands (--import, --stats, --sql): once installed, Ctrl+C (SIGINT), kill
// (SIGTERM) or a closed terminal (SIGHUP) cancel the import under way as Cancel does — its
// importer killed, its unfinished cache removed — and the command exits with 128 + the signal.
void installStopHandlers();
ImportProgress &stopProgress(); // the progress every headless import polls for the cancel
int stopSignal();               // the signal received, 0: none
const char *signalName(int sig);

// The settings every headless import uses: the cache folder of --cache-dir (or the platform's),
// made private, and the import child. Empty, with the reason on stderr, when the folder cannot be
// used. Needs the QCoreApplication (and its identity) to exist already.
std::optional<ImportSettings> headlessImportSettings(const AppOptions &options);

// tracescope --import PATH...: imports each PATH without a window and prints one JSON object per
// PATH on stdout (the fields README.md lists). Failures go to stderr; the exit code is non-zero
// when any PATH failed.
int runHeadlessImport(int &argc, char **argv, const AppOptions &options);

} // namespace ts::app

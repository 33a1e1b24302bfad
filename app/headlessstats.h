#pragma once
#include "commandline.h"

namespace ts::app {

// tracescope --stats operators PATH: imports PATH (or reuses its cache) without a window and
// prints its operator table as CSV on stdout (model/timeline/operatorcsv.h); with --compare BASE,
// both inputs' tables side by side. --stats memory: what the msMemScope dumps hold per owner and
// per call stack (model/memscope/memscopecompare.h), or with --compare their growth. Failures go
// to stderr with a non-zero exit code.
int runHeadlessStats(int &argc, char **argv, const AppOptions &options);

} // namespace ts::app

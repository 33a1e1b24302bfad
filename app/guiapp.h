#pragma once
#include "commandline.h"

namespace ts::app {

// The windowed application: main window, the PATHs of the command line opened, and, with
// --screenshot, an offscreen render written to a PNG once every import has finished.
int runGuiApp(int &argc, char **argv, const AppOptions &options);

} // namespace ts::app

#pragma once
// What the GUI and the headless importer both need before they touch a file: application
// identity (for QSettings and the cache location) and a private cache folder.

#include "commandline.h"

#include <QString>

namespace ts::app {

void setApplicationIdentity();

// The cache folder: --cache-dir if given, else the platform cache location. Created 0750;
// refused when it or a folder created for it is a symbolic link (links in parents the user
// already had are followed, and resolved in the path returned). Returns an empty string and
// sets error on refusal.
QString prepareCacheDir(const AppOptions &options, QString *error);

// tracescope-import beside the running executable.
QString importChildPath();

} // namespace ts::app

#pragma once
// The manual page tracescope(1) and the bash completion, both made from the option table that
// also gives --help (commandline.h), at build time by tracescope-docgen (docgen.cpp). The man
// page's prose lives in resources/tracescope.1.in; its OPTIONS section and description come
// from the table, so the page and --help cannot drift apart.

#include <QString>

namespace ts::app {

// The roff page: the template with @VERSION@, @DESCRIPTION@ and @OPTIONS@ filled in.
QString manPage(const QString &templateText, const QString &version);

// A bash completion script: every option, --view's values, folders for --cache-dir, files
// and folders elsewhere.
QString bashCompletion();

} // namespace ts::app

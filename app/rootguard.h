#pragma once
// The first check of main(): TraceScope parses files other people produced, so running it with
// root (or elevated administrator) rights turns any parser bug into a machine compromise. It
// refuses unless the user explicitly says --allow-root.

#include <QString>

namespace ts::app {

bool runningWithAdminRights();

// The message printed to stderr when refusing; names --allow-root.
QString rootRefusalMessage();
QString rootWarningMessage();

} // namespace ts::app

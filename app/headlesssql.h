#pragma once
#include "commandline.h"

namespace ts::app {

// tracescope --sql QUERY PATH: imports PATH when it has no cache yet (as --import does), runs the
// read-only QUERY over its caches (sqlsources.h names them) and prints the result as CSV on
// stdout: a header line, then one line per row. Exit 0 on success; 1, with the reason on stderr,
// when the import or the query failed or the query was refused because it would write; 128 + N
// when signal N (Ctrl+C) stopped it.
int runHeadlessSql(int &argc, char **argv, const AppOptions &options);

} // namespace ts::app

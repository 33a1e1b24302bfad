#pragma once
// Which caches the SQL tab and `tracescope --sql` query for an opened input, and the schema name
// each gets. One cache: `main`. Several (a folder of traces, an Ascend cluster): every cache is
// attached as `rank<N>` after the rank it holds (the Ascend rank folder's, else the processes'
// distributed rank), `input<i>` (its position) when it names none, with `_<file stem>` added
// when a rank has several caches; the first is `main` as well. README documents this.

#include "importservice.h"

#include "sql/queryconnection.h"

namespace ts::app {

QList<model::SqlSource> sqlSourcesFor(const InputOutcome &outcome);

} // namespace ts::app

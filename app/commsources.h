#pragma once
// The caches of an opened input that hold HCCL's communication analysis, each with the rank of
// the folder it came from (-1 for cluster files, whose rows name their ranks): what the
// Communication tab and `--stats communication` read.

#include "communication/commdata.h"
#include "importservice.h"

namespace ts::app {

QList<model::CommSource> communicationSources(const InputOutcome &outcome);

} // namespace ts::app

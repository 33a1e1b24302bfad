#pragma once
// The import child's work after the sandbox is up: read the input from one descriptor, detect
// compression and format by content, stream-parse it and write the record stream
// (model/records/recordformat.h) to another descriptor. Implemented in parsers/importrunner.cpp.

#include <cstdint>

namespace ts::parsers {

struct RunOptions
{
    int inputFd = 0;  // already open, read-only; the child never opens anything itself
    int outputFd = 1; // record stream
    uint64_t inputSize = 0; // bytes, from fstat on inputFd (0 if unknown); drives progress
};

// Exit codes of tracescope-import; app/ maps each to a message for the user.
enum ExitCode : int {
    kExitOk = 0,
    kExitInputError = 1, // the input could not be imported; an Error record says why and where
    kExitUsage = 2,
    kExitSandboxFailed = 3,
    kExitInternal = 4,
    kExitOutputFailed = 5, // the record stream could not be written (the app went away)
};

int runImport(const RunOptions &options);

class InputSource;
class RecordSink;
// The same on any source and sink (tests and the fuzz target use memory).
int importFrom(InputSource &source, RecordSink &sink, uint64_t inputSize);

} // namespace ts::parsers

// libFuzzer entry for the memory snapshot importer: any bytes in (plain, gzip or zstd), read as
// a pickle snapshot whatever the first byte, and a record stream out that the app's
// RecordValidator accepts, ending in exactly one Result or Error — never a crash or hang.
// The seeds are tests/data/snapshot (make_snapshots.py): good, hostile and legacy snapshots.
#include "snapshot/snapshotimporter.h"

#include "common/inputsource.h"
#include "common/recordsink.h"
#include "streamcheck.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::parsers::InputSource source{std::string_view(reinterpret_cast<const char *>(data), size)};
    ts::parsers::RecordSink sink;
    std::string error;
    if (!source.open(error))
        return 0;
    ts::parsers::PickleLimits limits;
    limits.maxDepth = 32;
    limits.maxStringLength = 16 << 20;
    limits.maxMemoryBytes = 512 << 20;
    ts::parsers::SnapshotImporter importer(source, sink, size, limits);
    importer.run();

    ts::fuzzing::abortUnlessTheAppAccepts(sink.buffer());
    return 0;
}

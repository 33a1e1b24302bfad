// libFuzzer entry for the foreign-DB reader: any bytes, read as an SQLite database through
// ReadOnlyVfs and ForeignDb's checks, then as an Ascend profiler DB; a record stream out that
// the app's RecordValidator accepts, ending in exactly one Result or Error — never a crash, a
// hang (the deadline stops SQLite) or a side file. Seeds: tests/data/ascenddb (make_seeds.py).
#include "ascend/ascenddbimporter.h"

#include "common/recordsink.h"
#include "streamcheck.h"

#include <chrono>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::parsers::DbBytes bytes;
    bytes.memory = std::string_view(reinterpret_cast<const char *>(data), size);
    bytes.size = size;
    ts::parsers::ForeignDbLimits limits;
    limits.heapBytes = 256ll << 20;
    limits.deadline = std::chrono::seconds(5);
    ts::parsers::RecordSink sink;
    ts::parsers::AscendDbImporter importer(bytes, sink, limits);
    importer.run();
    ts::fuzzing::abortUnlessTheAppAccepts(sink.buffer());
    return 0;
}

// libFuzzer entry for the import child's reader: any bytes in, a record stream out that the
// app's RecordValidator accepts, ending in exactly one Result or Error — never a crash or hang.
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "importrunner.h"
#include "streamcheck.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::parsers::InputSource source{std::string_view(reinterpret_cast<const char *>(data), size)};
    ts::parsers::RecordSink sink;
    ts::parsers::importFrom(source, sink, size);

    ts::fuzzing::abortUnlessTheAppAccepts(sink.buffer());
    return 0;
}

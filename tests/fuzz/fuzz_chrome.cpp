// libFuzzer entry for the import child's reader: any bytes in, a record stream out that the
// app's RecordValidator accepts, ending in exactly one Result or Error — never a crash or hang.
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "importrunner.h"
#include "records/recordformat.h"
#include "records/recordvalidator.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::parsers::InputSource source{std::string_view(reinterpret_cast<const char *>(data), size)};
    ts::parsers::RecordSink sink;
    ts::parsers::importFrom(source, sink, size);

    ts::rec::FrameSplitter splitter;
    splitter.append(sink.buffer().data(), sink.buffer().size());
    ts::model::RecordValidator validator;
    ts::rec::FrameSplitter::Frame frame;
    while (splitter.next(frame) == ts::rec::FrameSplitter::Status::Frame) {
        if (!validator.check(frame))
            std::abort(); // the child produced something the app would refuse
    }
    if (!validator.finished() || splitter.buffered() != 0)
        std::abort(); // no final Result/Error, or a torn record
    return 0;
}

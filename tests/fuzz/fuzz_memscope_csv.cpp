// libFuzzer entry for the msMemScope dump CSV (parsers/memscope): the input's bytes follow the
// dump's header line (added when the input does not start with one, so every input reaches the
// dump reader rather than the other CSV tables), go through the child's importer, and must give
// a stream the app accepts. The Attr reader alone must also read back its own JSON text to the
// same fields, whatever the bytes.
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "importrunner.h"
#include "memscope/attrtext.h"
#include "streamcheck.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    static const std::string_view kHeader =
        "ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,Ptr,Attr,"
        "Call Stack(Python),Call Stack(C)\n";
    const std::string text = bytes.substr(0, 3) == "ID,"
                                 ? std::string(bytes)
                                 : std::string(kHeader) + std::string(bytes);
    ts::parsers::InputSource source{std::string_view(text)};
    ts::parsers::RecordSink sink;
    ts::parsers::importFrom(source, sink, text.size());
    ts::fuzzing::abortUnlessTheAppAccepts(sink.buffer());

    ts::parsers::memscope::AttrText attr, again;
    attr.parse(bytes);
    const std::string json(attr.json());
    if (!json.empty() && (again.parse(json) != ts::parsers::memscope::AttrText::Status::Ok ||
                          again.fields() != attr.fields()))
        std::abort(); // the JSON written for the cache does not say what was read
    return 0;
}

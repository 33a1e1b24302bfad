// libFuzzer entry for the safe pickle reader: any bytes in (plain, gzip or zstd, through the
// child's InputSource) — either a document whose every value can be walked, or an error with a
// message; never a crash, a hang or unbounded memory.
#include "common/inputsource.h"
#include "pickle/bytesource.h"
#include "pickle/picklereader.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// Touches every accessor of every value reachable within a budget, checking the invariants the
// reader promises: depth bounded and decreasing, sizes consistent, no Missing inside containers.
void walk(const ts::parsers::PickleValue &v, uint32_t maxDepth, uint64_t &budget)
{
    using T = ts::parsers::PickleValue::Type;
    if (budget == 0)
        return;
    --budget;
    if (v.isMissing() || v.depth() > maxDepth)
        std::abort();
    (void)v.asBool(), (void)v.asInt(), (void)v.asUInt64(), (void)v.asDouble();
    (void)v.asString(), (void)v.asBytes(), (void)v.bigIntBytes(), (void)v.fromSet();
    (void)v.get("segments");
    if (v.type() == T::UInt64 && (v.asInt() || !v.asUInt64() || *v.asUInt64() < (1ull << 63)))
        std::abort();
    size_t n = 0;
    for (const ts::parsers::PickleValue item : v.items()) {
        if (item.depth() >= v.depth())
            std::abort();
        walk(item, maxDepth, budget);
        ++n;
    }
    if (v.isSequence() != (v.type() == T::List || v.type() == T::Tuple) ||
        (v.isSequence() && n != v.size()))
        std::abort();
    for (size_t i = 0; v.isDict() && i < v.size(); ++i) {
        if (v.valueAt(i).depth() >= v.depth())
            std::abort();
        walk(v.keyAt(i), maxDepth, budget);
        walk(v.valueAt(i), maxDepth, budget);
    }
    if (!v.at(v.size()).isMissing() || !v.keyAt(v.size()).isMissing())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts::parsers::InputSource input{std::string_view(reinterpret_cast<const char *>(data), size)};
    std::string error;
    if (!input.open(error))
        return 0;
    ts::parsers::InputByteSource source(input);
    ts::parsers::PickleLimits limits;
    limits.maxDepth = 32;
    limits.maxStringLength = 16 << 20;
    limits.maxMemoryBytes = 512 << 20;
    ts::parsers::PickleReader reader(limits);
    const auto doc = reader.read(source);
    if (!doc) {
        if (reader.error().message.empty())
            std::abort(); // a failure must say why
        return 0;
    }
    if (!reader.error().message.empty() || doc->root().depth() > limits.maxDepth)
        std::abort();
    uint64_t budget = 200000;
    walk(doc->root(), limits.maxDepth, budget);
    std::string text;
    ts::parsers::appendCanonical(doc->root(), text, 1 << 20);
    return 0;
}

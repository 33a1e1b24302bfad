// libFuzzer entry for the Ascend CSV path: any bytes through the child's importer must give a
// record stream the app accepts, ending in one Result or Error. And the row reader must not
// depend on where its chunks end: the records of the whole input at once must equal those of
// the same bytes fed in pieces (split where the input says, and byte by byte when small), or
// a later parallel reader of byte ranges would read differently from this one.
#include "ascend/csvimporter.h"
#include "ascend/csvreader.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "importrunner.h"
#include "streamcheck.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ts::parsers::CsvRecord;
using ts::parsers::CsvRowReader;

// Every record as its fields joined with a separator that cannot be confused with content.
struct Reading
{
    std::vector<std::string> records;
    std::vector<uint64_t> lines;
    bool ok = true;
};

Reading readInPieces(std::string_view text, const std::vector<size_t> &cuts)
{
    Reading out;
    CsvRowReader reader;
    const auto keep = [&out](const CsvRecord &r) {
        std::string joined = std::to_string(r.size()) + ":";
        for (size_t i = 0; i < r.size(); ++i) {
            const std::string_view f = r.field(int(i));
            joined += std::to_string(f.size()) + "=" + std::string(f) + ";";
        }
        out.records.push_back(std::move(joined));
        out.lines.push_back(r.line());
        return true;
    };
    size_t at = 0;
    for (size_t cut : cuts) {
        if (cut < at || cut > text.size())
            continue;
        if (!reader.feed(text.substr(at, cut - at), keep)) {
            out.ok = false;
            return out;
        }
        at = cut;
    }
    out.ok = reader.feed(text.substr(at), keep) && reader.finish(keep);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);

    ts::parsers::InputSource source{text};
    ts::parsers::RecordSink sink;
    ts::parsers::importFrom(source, sink, size);
    ts::fuzzing::abortUnlessTheAppAccepts(sink.buffer());

    const Reading whole = readInPieces(text, {});
    std::vector<size_t> cuts;
    for (size_t i = 0; i < size && i < 8; ++i)
        cuts.push_back(size_t(data[i]) * size / 256);
    std::sort(cuts.begin(), cuts.end());
    const Reading pieces = readInPieces(text, cuts);
    if (pieces.ok != whole.ok || pieces.records != whole.records || pieces.lines != whole.lines)
        std::abort(); // the chunk boundaries changed what was read
    if (size <= 512) {
        std::vector<size_t> every;
        for (size_t i = 1; i < size; ++i)
            every.push_back(i);
        const Reading bytes = readInPieces(text, every);
        if (bytes.ok != whole.ok || bytes.records != whole.records || bytes.lines != whole.lines)
            std::abort();
    }
    return 0;
}

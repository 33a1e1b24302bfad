// The floor for the import benchmark: one RapidJSON SAX pass over a JSON file that stores
// nothing. Whatever TraceScope's import costs beyond this is ours.
//
//   bench_json_parse_only FILE.json    → prints "events=N seconds=S"

#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace {

// Counts objects at depth 2 (the events of traceEvents) so the pass cannot be optimised away.
struct CountingHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, CountingHandler>
{
    int depth = 0;
    long long events = 0;
    bool StartObject()
    {
        if (++depth == 3)
            ++events;
        return true;
    }
    bool EndObject(rapidjson::SizeType)
    {
        --depth;
        return true;
    }
    bool StartArray()
    {
        ++depth;
        return true;
    }
    bool EndArray(rapidjson::SizeType)
    {
        --depth;
        return true;
    }
    bool Default() { return true; }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_json_parse_only FILE.json\n");
        return 2;
    }
    FILE *f = std::fopen(argv[1], "rb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<char> buffer(1 << 16);
    rapidjson::FileReadStream stream(f, buffer.data(), buffer.size());
    rapidjson::Reader reader;
    CountingHandler handler;
    const auto ok = reader.Parse<rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseIterativeFlag>(stream, handler);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fclose(f);
    if (ok.IsError()) {
        std::fprintf(stderr, "parse error at %zu\n", ok.Offset());
        return 1;
    }
    std::printf("events=%lld seconds=%.3f\n", handler.events, seconds);
    return 0;
}

// The floor for the import benchmark: one RapidJSON SAX pass over a JSON file that stores
// nothing. Whatever TraceScope's import costs beyond this is ours.
//
//   bench_json_parse_only FILE.json    → prints "events=N seconds=S peak_rss_kb=K"
//
// peak_rss_kb is this process's own VmHWM from /proc/self/status (0 where there is no /proc);
// getrusage's ru_maxrss would not do: after exec it starts at the parent's peak.

#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

long peakRssKb()
{
    long kb = 0;
    if (FILE *status = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, status)) {
            if (std::strncmp(line, "VmHWM:", 6) == 0) {
                kb = std::atol(line + 6);
                break;
            }
        }
        std::fclose(status);
    }
    return kb;
}

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
    const auto ok =
        reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag>(
            stream, handler);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fclose(f);
    if (ok.IsError()) {
        std::fprintf(stderr, "parse error at %zu\n", ok.Offset());
        return 1;
    }
    std::printf("events=%lld seconds=%.3f peak_rss_kb=%ld\n", handler.events, seconds, peakRssKb());
    return 0;
}

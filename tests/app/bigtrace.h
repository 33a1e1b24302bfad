#pragma once
// A Chrome trace large enough that its import is still running when a test interrupts it
// (cancel, a signal): written here, in a second or so, rather than kept in the repository.
// Eight threads of nested slices (a parent of 10 µs over three children), with flows between
// neighbouring threads so the writing phase (slices placed, flows bound, indexes) has work too.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdio>
#include <string>

namespace ts::testing {

inline bool writeBigTrace(const QString &path, int parents)
{
    std::FILE *out = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!out)
        return false;
    std::string chunk;
    chunk.reserve(1 << 20);
    chunk += "{\"traceEvents\":[\n";
    char line[256];
    bool first = true;
    auto add = [&](int n) {
        if (!first)
            chunk += ",\n";
        first = false;
        chunk.append(line, size_t(n));
        if (chunk.size() > (1u << 20) - 512) {
            std::fwrite(chunk.data(), 1, chunk.size(), out);
            chunk.clear();
        }
    };
    for (int i = 0; i < parents; ++i) {
        const int tid = 1 + i % 8;
        const long long ts = 20LL * (i / 8);
        add(std::snprintf(line, sizeof line,
                          R"({"ph":"X","name":"step%d","pid":1,"tid":%d,"ts":%lld,"dur":10})",
                          i % 97, tid, ts));
        for (int c = 0; c < 3; ++c)
            add(std::snprintf(line, sizeof line,
                              R"({"ph":"X","name":"op%d","pid":1,"tid":%d,"ts":%lld.5,"dur":2})",
                              (i + c) % 211, tid, ts + 3 * c));
        if (i % 4 == 0) {
            add(std::snprintf(
                line, sizeof line,
                R"({"ph":"s","id":%d,"name":"f","cat":"ac2g","pid":1,"tid":%d,"ts":%lld.6})", i,
                tid, ts));
            add(std::snprintf(
                line, sizeof line,
                R"({"ph":"f","bp":"e","id":%d,"name":"f","cat":"ac2g","pid":1,"tid":%d,"ts":%lld.6})",
                i, 1 + (i + 1) % 8, ts));
        }
    }
    chunk += "\n]}\n";
    const bool ok = std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size();
    return std::fclose(out) == 0 && ok;
}

} // namespace ts::testing

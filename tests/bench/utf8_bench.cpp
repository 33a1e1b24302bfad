// UTF-8 validation: ours (parsers/common/utf8.h, the import child's; ASCII eight bytes at a time)
// against the libraries a Debian system offers for it: Qt's QByteArrayView::isValidUtf8, ICU's
// U8_NEXT and libunistring's u8_check. Each must agree with ours on every string; prints MB/s per
// corpus (median of 7 interleaved passes). Built only where ICU and libunistring headers are
// installed; run:
//   build/bin/bench_utf8
#include "common/utf8.h"

#include <QByteArrayView>
#include <QElapsedTimer>

#include <unicode/utf8.h>
#include <unistr.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

bool oursValid(std::string_view s)
{
    return ts::parsers::validUtf8Prefix(s) == s.size();
}

bool icuValid(std::string_view s)
{
    const auto *p = reinterpret_cast<const uint8_t *>(s.data());
    const int32_t n = int32_t(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0)
            return false;
    }
    return true;
}

bool unistringValid(std::string_view s)
{
    return u8_check(reinterpret_cast<const uint8_t *>(s.data()), s.size()) == nullptr;
}

bool qtValid(std::string_view s)
{
    return QByteArrayView(s.data(), qsizetype(s.size())).isValidUtf8();
}

// Names and args as traces hold them: kernel and operator names, long argument JSON, and
// Chinese text (Ascend tools write Chinese in some fields).
std::vector<std::string> corpus(const char *kind)
{
    std::mt19937 rng(42);
    std::vector<std::string> out;
    const std::string kind_s = kind;
    for (int i = 0; i < 200000; ++i) {
        std::string s;
        if (kind_s == "names") {
            s = "aten::linear_" + std::to_string(rng() % 1000) +
                "_void at::native::vectorized_elementwise_kernel<4>";
            s.resize(20 + rng() % 60);
        } else if (kind_s == "args") {
            s = "{\"Input Dims\":[[8,1024,4096],[4096,4096]],\"Input type\":[\"c10::BFloat16\"],";
            while (s.size() < 2000)
                s += "\"External id\":" + std::to_string(rng()) + ",";
            s += "}";
        } else {
            s = "算子 MatMul 输入形状 [8,1024] 内存分配 " + std::to_string(rng() % 100000) +
                " 字节 aclnnMatmul 张量";
        }
        out.push_back(std::move(s));
    }
    return out;
}

using Validator = std::function<bool(std::string_view)>;

// One timed pass of each validator in turn, seven times, so a burst of load on this shared
// machine hits them alike; the median pass of each.
std::vector<double> mbPerSecond(const std::vector<std::string> &strings,
                                const std::vector<Validator> &validators)
{
    size_t bytes = 0;
    for (const auto &s : strings)
        bytes += s.size();
    std::vector<std::vector<double>> rates(validators.size());
    for (int pass = 0; pass < 7; ++pass) {
        for (size_t v = 0; v < validators.size(); ++v) {
            QElapsedTimer t;
            t.start();
            size_t ok = 0;
            for (const auto &s : strings)
                ok += validators[v](s);
            const double seconds = double(t.nsecsElapsed()) / 1e9;
            if (ok != strings.size())
                std::fprintf(stderr, "a valid string was refused\n");
            rates[v].push_back(double(bytes) / 1e6 / seconds);
        }
    }
    std::vector<double> medians;
    for (auto &r : rates) {
        std::sort(r.begin(), r.end());
        medians.push_back(r[r.size() / 2]);
    }
    return medians;
}

bool agreeOnEdgeCases()
{
    const std::vector<std::string> cases = {"",
                                            "a",
                                            "\xc2\x80",
                                            "\xc0\x80",
                                            "\xc1\xbf",
                                            "\xe0\x80\x80",
                                            "\xe0\xa0\x80",
                                            "\xed\xa0\x80",
                                            "\xed\x9f\xbf",
                                            "\xef\xbf\xbf",
                                            "\xf0\x8f\xbf\xbf",
                                            "\xf0\x90\x80\x80",
                                            "\xf4\x8f\xbf\xbf",
                                            "\xf4\x90\x80\x80",
                                            "\xf5\x80\x80\x80",
                                            "\xff",
                                            "\x80",
                                            "abc\xe4\xb8",
                                            "\xe4\xb8\xad",
                                            std::string("a\0b", 3)};
    bool all = true;
    for (const auto &c : cases) {
        const bool ours = oursValid(c);
        if (ours != qtValid(c) || ours != icuValid(c) || ours != unistringValid(c)) {
            std::printf("disagreement on a %zu-byte case: ours %d qt %d icu %d unistring %d\n",
                        c.size(), ours, qtValid(c), icuValid(c), unistringValid(c));
            all = false;
        }
    }
    return all;
}

} // namespace

int main()
{
    std::printf("edge cases: %s\n", agreeOnEdgeCases() ? "all four agree" : "see above");
    std::printf("%-8s %10s %10s %10s %10s   (MB/s, median of 7)\n", "corpus", "ours", "Qt", "ICU",
                "unistring");
    for (const char *kind : {"names", "args", "chinese"}) {
        const auto strings = corpus(kind);
        const std::vector<double> m =
            mbPerSecond(strings, {oursValid, qtValid, icuValid, unistringValid});
        std::printf("%-8s %10.0f %10.0f %10.0f %10.0f\n", kind, m[0], m[1], m[2], m[3]);
    }
}

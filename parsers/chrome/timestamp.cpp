#include "timestamp.h"

#include "records/recordformat.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace ts::parsers {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

ParsedTime viaLongDouble(std::string_view text)
{
    const std::string copy(text);
    char *end = nullptr;
    const long double us = std::strtold(copy.c_str(), &end);
    ParsedTime t;
    if (end != copy.c_str() + copy.size() || !std::isfinite(us)) {
        t.status = ParsedTime::Status::Invalid;
        return t;
    }
    const long double ns = std::round(us * 1000.0L);
    if (std::fabs(ns) >= static_cast<long double>(rec::kMaxAbsTime)) {
        t.status = ParsedTime::Status::OutOfRange;
        return t;
    }
    t.ns = static_cast<int64_t>(ns);
    t.status = ParsedTime::Status::Lossy;
    return t;
}

} // namespace

ParsedTime microsTextToNs(std::string_view text)
{
    // Ascend writes a trailing TAB after times in CSVs and strings in JSON; tolerate blanks.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    ParsedTime t;
    if (text.empty())
        return t;
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative || text[0] == '+')
        ++i;
    const size_t intStart = i;
    uint64_t whole = 0;
    constexpr uint64_t kWholeLimit = uint64_t(rec::kMaxAbsTime) / 1000;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        whole = whole * 10 + uint64_t(text[i] - '0');
        if (whole >= kWholeLimit) {
            t.status = ParsedTime::Status::OutOfRange;
            return t;
        }
    }
    const bool hasWhole = i > intStart;
    int64_t fraction = 0; // in ns: the first three decimals
    bool roundUp = false;
    bool hasFraction = false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int digits = 0;
        for (; i < text.size() && isDigit(text[i]); ++i, ++digits) {
            hasFraction = true;
            if (digits < 3)
                fraction = fraction * 10 + (text[i] - '0');
            else if (digits == 3)
                roundUp = text[i] >= '5';
        }
        for (; digits < 3; ++digits)
            fraction *= 10;
    }
    if (!hasWhole && !hasFraction)
        return t;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E'))
        return viaLongDouble(text);
    if (i != text.size())
        return t; // trailing garbage: not a number
    int64_t ns = int64_t(whole) * 1000 + fraction + (roundUp ? 1 : 0);
    t.ns = negative ? -ns : ns;
    t.status = ParsedTime::Status::Exact;
    return t;
}

} // namespace ts::parsers

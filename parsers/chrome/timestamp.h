#pragma once
// Trace timestamps are microseconds written as decimal text ("1712195495519689.047"). A double
// holding 1.7e15 µs has a 0.25 µs step, so the text is converted to int64 nanoseconds digit by
// digit. Exponent forms ("1.69512E+15", from spreadsheets) are accepted but marked lossy.

#include <cstdint>
#include <string_view>

namespace ts::parsers {

struct ParsedTime
{
    enum class Status { Exact, Lossy, Invalid, OutOfRange };
    Status status = Status::Invalid;
    int64_t ns = 0;
    bool ok() const { return status == Status::Exact || status == Status::Lossy; }
};

ParsedTime microsTextToNs(std::string_view text);

} // namespace ts::parsers

#include "cells.h"

#include "chrome/timestamp.h"
#include "records/recordformat.h"

#include <cctype>
#include <cstdio>

namespace ts::parsers::ascend {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

} // namespace

bool isNoValue(std::string_view cell)
{
    cell = trimCell(cell);
    return cell.empty() || equalsNoCase(cell, "N/A") || equalsNoCase(cell, "NA") || cell == "-" ||
           equalsNoCase(cell, "null") || equalsNoCase(cell, "None");
}

CellStatus microsToNs(std::string_view cell, int64_t &ns)
{
    if (isNoValue(cell))
        return CellStatus::None;
    const ParsedTime t = microsTextToNs(trimCell(cell));
    if (!t.ok())
        return CellStatus::Invalid;
    ns = t.ns;
    return t.status == ParsedTime::Status::Exact ? CellStatus::Ok : CellStatus::Lossy;
}

CellStatus scaledDecimal(std::string_view cell, int64_t factor, int64_t &out)
{
    if (isNoValue(cell))
        return CellStatus::None;
    const std::string_view text = trimCell(cell);
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative || text[0] == '+')
        ++i;
    __int128 mantissa = 0;
    int digits = 0, scale = 0; // value = mantissa × 10^-scale
    bool any = false, lossy = false;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        any = true;
        if (digits < 18) {
            mantissa = mantissa * 10 + (text[i] - '0');
            if (mantissa)
                ++digits;
        } else {
            --scale; // a digit beyond what is kept: the value is ×10 larger
            lossy = lossy || text[i] != '0';
        }
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && isDigit(text[i]); ++i) {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (text[i] - '0');
                ++scale;
                if (mantissa)
                    ++digits;
            } else {
                lossy = lossy || text[i] != '0';
            }
        }
    }
    if (!any)
        return CellStatus::Invalid;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        const bool expNegative = i < text.size() && text[i] == '-';
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            ++i;
        int exponent = 0;
        bool expDigits = false;
        for (; i < text.size() && isDigit(text[i]); ++i) {
            expDigits = true;
            if (exponent < 100)
                exponent = exponent * 10 + (text[i] - '0');
        }
        if (!expDigits)
            return CellStatus::Invalid;
        scale += expNegative ? exponent : -exponent;
        lossy = true; // exponent forms come from spreadsheets that rounded the value
    }
    if (i != text.size())
        return CellStatus::Invalid;
    __int128 value = mantissa * factor;
    if (scale < 0) {
        for (int k = 0; k < -scale; ++k) {
            value *= 10;
            if (value > (__int128(1) << 100))
                return CellStatus::Invalid;
        }
    } else if (scale > 0) {
        __int128 divisor = 1;
        for (int k = 0; k < scale && divisor < (__int128(1) << 100); ++k)
            divisor *= 10;
        const __int128 q = value / divisor, r = value % divisor;
        value = q + (2 * r >= divisor ? 1 : 0);
    }
    if (value > INT64_MAX)
        return CellStatus::Invalid;
    out = negative ? -int64_t(value) : int64_t(value);
    return lossy ? CellStatus::Lossy : CellStatus::Ok;
}

CellStatus integer(std::string_view cell, int64_t &out)
{
    if (isNoValue(cell))
        return CellStatus::None;
    const std::string_view text = trimCell(cell);
    size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative || text[0] == '+')
        ++i;
    if (i == text.size())
        return CellStatus::Invalid;
    uint64_t v = 0;
    for (; i < text.size(); ++i) {
        if (!isDigit(text[i]) || v > (uint64_t(INT64_MAX) - 9) / 10)
            return CellStatus::Invalid;
        v = v * 10 + uint64_t(text[i] - '0');
    }
    out = negative ? -int64_t(v) : int64_t(v);
    return CellStatus::Ok;
}

CellStatus unsignedValue(std::string_view cell, uint64_t &out)
{
    if (isNoValue(cell))
        return CellStatus::None;
    std::string_view text = trimCell(cell);
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    uint64_t v = 0;
    for (char c : text) {
        int d;
        if (isDigit(c))
            d = c - '0';
        else if (base == 16 && std::isxdigit(static_cast<unsigned char>(c)))
            d = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        else
            return CellStatus::Invalid;
        if (v > (UINT64_MAX - uint64_t(d)) / uint64_t(base))
            return CellStatus::Invalid;
        v = v * uint64_t(base) + uint64_t(d);
    }
    out = v;
    return CellStatus::Ok;
}

int64_t bytesPerUnit(std::string_view header)
{
    const size_t open = header.rfind('(');
    if (open == std::string_view::npos || header.back() != ')')
        return 0;
    const std::string_view unit = header.substr(open + 1, header.size() - open - 2);
    if (equalsNoCase(unit, "MB") || equalsNoCase(unit, "MiB"))
        return int64_t(1) << 20;
    if (equalsNoCase(unit, "KB") || equalsNoCase(unit, "KiB"))
        return int64_t(1) << 10;
    if (equalsNoCase(unit, "GB") || equalsNoCase(unit, "GiB"))
        return int64_t(1) << 30;
    if (equalsNoCase(unit, "B") || equalsNoCase(unit, "Byte") || equalsNoCase(unit, "Bytes"))
        return 1;
    return 0;
}

int32_t deviceOf(std::string_view cell)
{
    if (isNoValue(cell))
        return -1;
    std::string_view text = trimCell(cell);
    // The number at the end: "NPU:0", "npu:3", "Ascend 4", "0".
    size_t start = text.size();
    while (start > 0 && isDigit(text[start - 1]))
        --start;
    if (start == text.size() || text.size() - start > 4)
        return -1;
    int32_t v = 0;
    for (size_t i = start; i < text.size(); ++i)
        v = v * 10 + (text[i] - '0');
    return v < rec::kMaxDevice ? v : -1; // what the record contract allows

}

void appendJsonString(std::string &out, std::string_view text)
{
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

bool isJsonNumber(std::string_view cell)
{
    const std::string_view t = trimCell(cell);
    size_t i = 0;
    if (i < t.size() && t[i] == '-')
        ++i;
    if (i == t.size())
        return false;
    if (t[i] == '0') {
        ++i;
    } else if (isDigit(t[i])) {
        while (i < t.size() && isDigit(t[i]))
            ++i;
    } else {
        return false;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        const size_t start = i;
        while (i < t.size() && isDigit(t[i]))
            ++i;
        if (i == start)
            return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        const size_t start = i;
        while (i < t.size() && isDigit(t[i]))
            ++i;
        if (i == start)
            return false;
    }
    return i == t.size();
}

void ColumnsJson::skip(int column)
{
    if (column < 0)
        return;
    if (m_skip.size() <= size_t(column))
        m_skip.resize(size_t(column) + 1, '\0');
    m_skip[size_t(column)] = 1;
}

std::string_view ColumnsJson::build(const CsvRecord &record)
{
    m_text.assign(1, '{');
    const auto &names = m_header.names();
    for (size_t i = 0; i < names.size(); ++i) {
        if (i < m_skip.size() && m_skip[i])
            continue;
        if (m_text.size() > 1)
            m_text.push_back(',');
        appendJsonString(m_text, names[i]);
        m_text.push_back(':');
        const std::string_view cell = trimCell(record.field(int(i)));
        if (isJsonNumber(cell))
            m_text.append(cell);
        else
            appendJsonString(m_text, cell);
    }
    m_text.push_back('}');
    return m_text;
}

} // namespace ts::parsers::ascend

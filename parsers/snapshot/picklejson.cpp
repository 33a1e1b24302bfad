#include "picklejson.h"

#include <cmath>
#include <cstdio>

namespace ts::parsers {

namespace {

void appendString(std::string_view s, std::string &out)
{
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c; // UTF-8 passes through; the sink repairs anything invalid
        }
    }
    out += '"';
}

} // namespace

bool appendJson(const PickleValue &v, std::string &out, size_t maxBytes)
{
    using T = PickleValue::Type;
    if (out.size() > maxBytes)
        return false;
    switch (v.type()) {
    case T::Missing:
    case T::None:
    case T::BigInt:
    case T::Bytes:
        out += "null";
        break;
    case T::Bool:
        out += *v.asBool() ? "true" : "false";
        break;
    case T::Int:
        out += std::to_string(*v.asInt());
        break;
    case T::UInt64:
        out += std::to_string(*v.asUInt64());
        break;
    case T::Float: {
        const double d = *v.asDouble();
        if (!std::isfinite(d)) {
            out += "null";
        } else {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            out += buf;
        }
        break;
    }
    case T::String:
        appendString(*v.asString(), out);
        break;
    case T::List:
    case T::Tuple: {
        out += '[';
        bool first = true;
        for (const PickleValue item : v.items()) {
            if (!first)
                out += ',';
            first = false;
            if (!appendJson(item, out, maxBytes))
                return false;
        }
        out += ']';
        break;
    }
    case T::Dict: {
        out += '{';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                out += ',';
            const PickleValue key = v.keyAt(i);
            if (const auto s = key.asString()) {
                appendString(*s, out);
            } else {
                std::string text;
                if (!appendJson(key, text, maxBytes))
                    return false;
                appendString(text, out);
            }
            out += ':';
            if (!appendJson(v.valueAt(i), out, maxBytes))
                return false;
        }
        out += '}';
        break;
    }
    }
    return out.size() <= maxBytes;
}

} // namespace ts::parsers

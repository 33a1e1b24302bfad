#include "picklejson.h"

#include <rapidjson/writer.h>

#include <cmath>

namespace ts::parsers {

namespace {

// RapidJSON's Writer (already the child's JSON library) does the quoting and number formatting;
// this adapter lets it append to the caller's string.
struct StringOutput
{
    using Ch = char;
    std::string &text;
    void Put(char c) { text += c; }
    void Flush() {}
};
using JsonWriter = rapidjson::Writer<StringOutput>;

bool write(const PickleValue &v, JsonWriter &w, const std::string &out, size_t maxBytes)
{
    using T = PickleValue::Type;
    if (out.size() > maxBytes)
        return false;
    switch (v.type()) {
    case T::Missing:
    case T::None:
    case T::BigInt:
    case T::Bytes:
        w.Null();
        break;
    case T::Bool:
        w.Bool(*v.asBool());
        break;
    case T::Int:
        w.Int64(*v.asInt());
        break;
    case T::UInt64:
        w.Uint64(*v.asUInt64());
        break;
    case T::Float: {
        const double d = *v.asDouble();
        if (std::isfinite(d))
            w.Double(d);
        else
            w.Null();
        break;
    }
    case T::String: {
        // Invalid UTF-8 passes through as it is; the record sink repairs it.
        const std::string_view s = *v.asString();
        w.String(s.data(), rapidjson::SizeType(s.size()));
        break;
    }
    case T::List:
    case T::Tuple:
        w.StartArray();
        for (const PickleValue item : v.items()) {
            if (!write(item, w, out, maxBytes))
                return false;
        }
        w.EndArray();
        break;
    case T::Dict:
        w.StartObject();
        for (size_t i = 0; i < v.size(); ++i) {
            const PickleValue key = v.keyAt(i);
            if (const auto s = key.asString()) {
                w.Key(s->data(), rapidjson::SizeType(s->size()));
            } else {
                // A key that is no string is named by its own JSON text.
                std::string text;
                StringOutput keyOut{text};
                JsonWriter keyWriter(keyOut);
                if (!write(key, keyWriter, text, maxBytes))
                    return false;
                w.Key(text.data(), rapidjson::SizeType(text.size()));
            }
            if (!write(v.valueAt(i), w, out, maxBytes))
                return false;
        }
        w.EndObject();
        break;
    }
    return out.size() <= maxBytes;
}

} // namespace

bool appendJson(const PickleValue &v, std::string &out, size_t maxBytes)
{
    StringOutput output{out};
    JsonWriter writer(output);
    return write(v, writer, out, maxBytes);
}

} // namespace ts::parsers

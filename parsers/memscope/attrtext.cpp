#include "attrtext.h"

#include "ascend/jsonobject.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace ts::parsers::memscope {

namespace {

constexpr std::string_view kUnparsed = "(unparsed)";

std::string_view trimmed(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string_view unquoted(std::string_view s)
{
    s = trimmed(s);
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        s = s.substr(1, s.size() - 2);
    return s;
}

} // namespace

void AttrText::add(std::string_view key, std::string_view value)
{
    m_fields.emplace_back(std::string(key), std::string(value));
}

bool AttrText::parseJson(std::string_view text)
{
    rapidjson::Document doc;
    // Iterative: nesting cannot spend the child's stack. Numbers as strings: kept as written.
    doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag>(text.data(),
                                                                                      text.size());
    if (doc.HasParseError() || !doc.IsObject())
        return false;
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
        const std::string_view key(it->name.GetString(), it->name.GetStringLength());
        if (it->value.IsString()) {
            add(key, std::string_view(it->value.GetString(), it->value.GetStringLength()));
        } else {
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            it->value.Accept(writer);
            add(key, std::string_view(buffer.GetString(), buffer.GetSize()));
        }
    }
    return true;
}

bool AttrText::parseLoose(std::string_view text)
{
    if (!text.empty() && text.front() == '{')
        text.remove_prefix(1);
    if (!text.empty() && text.back() == '}')
        text.remove_suffix(1);
    bool ok = true;
    std::string bad;
    const auto part = [&](std::string_view p) {
        p = trimmed(p);
        if (p.empty())
            return;
        const size_t colon = p.find(':');
        if (colon == std::string_view::npos || trimmed(p.substr(0, colon)).empty()) {
            ok = false;
            bad += (bad.empty() ? "" : ",") + std::string(p);
            return;
        }
        add(unquoted(p.substr(0, colon)), unquoted(p.substr(colon + 1)));
    };
    int depth = 0;
    char quote = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '{' || c == '(') {
            ++depth;
        } else if ((c == ']' || c == '}' || c == ')') && depth > 0) {
            --depth;
        } else if (c == ',' && depth == 0) {
            part(text.substr(start, i - start));
            start = i + 1;
        }
    }
    part(text.substr(std::min(start, text.size())));
    if (quote || depth)
        ok = false;
    if (!bad.empty())
        add(kUnparsed, bad);
    return ok;
}

AttrText::Status AttrText::parse(std::string_view text)
{
    m_fields.clear();
    m_json.clear();
    text = trimmed(text);
    if (text.empty() || text == "{}")
        return Status::Empty;
    if (text.front() == '{' && parseJson(text))
        return Status::Ok;
    m_fields.clear();
    const bool ok = parseLoose(text);
    if (!ok && m_fields.empty())
        add(kUnparsed, text);
    return ok ? Status::Ok : Status::Malformed;
}

std::string_view AttrText::value(std::string_view key) const
{
    for (const auto &[k, v] : m_fields) {
        if (k == key)
            return v;
    }
    return {};
}

bool AttrText::has(std::string_view key) const
{
    for (const auto &[k, v] : m_fields) {
        if (k == key)
            return true;
    }
    return false;
}

std::string_view AttrText::json()
{
    if (m_fields.empty())
        return {};
    JsonObject object;
    object.clear();
    for (const auto &[k, v] : m_fields)
        object.addString(k, v);
    m_json = object.text();
    return m_json;
}

} // namespace ts::parsers::memscope

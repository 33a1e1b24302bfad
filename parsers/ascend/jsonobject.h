#pragma once
// A compact JSON object built member by member: the args of a slice and the columns of a
// device task, from database values. Strings are escaped here; the sink makes them valid UTF-8
// and bounds the size (RecordSink::boundedJson). The DB reader reuses one object per table.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ts::parsers {

class JsonObject
{
public:
    void clear() { m_text.assign(1, '{'); }
    void addString(std::string_view key, std::string_view value)
    {
        addKey(key);
        appendQuoted(value);
    }
    void addInt(std::string_view key, int64_t value)
    {
        addKey(key);
        m_text += std::to_string(value);
    }
    void addDouble(std::string_view key, double value)
    {
        addKey(key);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        m_text += buf;
    }
    // The closed object; valid until the next change.
    std::string_view text()
    {
        m_closed = m_text;
        m_closed += '}';
        return m_closed;
    }
    bool empty() const { return m_text.size() <= 1; }

private:
    void addKey(std::string_view key)
    {
        if (m_text.size() > 1)
            m_text += ',';
        appendQuoted(key);
        m_text += ':';
    }
    void appendQuoted(std::string_view s)
    {
        m_text += '"';
        for (char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_text += '\\';
                m_text += c;
            } else if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                m_text += buf;
            } else {
                m_text += c;
            }
        }
        m_text += '"';
    }
    std::string m_text = "{";
    std::string m_closed;
};

} // namespace ts::parsers

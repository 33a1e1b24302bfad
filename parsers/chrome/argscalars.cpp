#include "argscalars.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace ts::parsers {

// Collects the scalars at depth 1; everything deeper is read and dropped.
class ArgScalarsHandler
{
public:
    explicit ArgScalarsHandler(ArgScalars &out) : m_out(out) {}

    bool Null() { return true; }
    bool Bool(bool b) { return scalar(b ? "true" : "false", false); }
    bool Int(int) { return true; }
    bool Uint(unsigned) { return true; }
    bool Int64(int64_t) { return true; }
    bool Uint64(uint64_t) { return true; }
    bool Double(double) { return true; }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool) { return scalar({s, n}, false); }
    bool String(const char *s, rapidjson::SizeType n, bool) { return scalar({s, n}, true); }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        if (m_depth == 1)
            m_key.assign(s, n);
        return true;
    }
    bool StartObject() { return start(true); }
    bool EndObject(rapidjson::SizeType) { return --m_depth, true; }
    bool StartArray() { return start(false); }
    bool EndArray(rapidjson::SizeType) { return --m_depth, true; }

private:
    bool start(bool object)
    {
        if (m_depth++ == 0)
            m_rootIsObject = object; // in an array at the top, nothing is a member
        return true;
    }
    bool scalar(std::string_view value, bool isString)
    {
        if (m_depth == 1 && m_rootIsObject)
            m_out.add(m_key, value, isString);
        return true;
    }
    ArgScalars &m_out;
    int m_depth = 0;
    bool m_rootIsObject = false;
    std::string m_key;
};

void ArgScalars::read(std::string_view json)
{
    m_count = 0;
    if (json.empty())
        return;
    rapidjson::MemoryStream stream(json.data(), json.size());
    ArgScalarsHandler handler(*this);
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                 rapidjson::kParseStopWhenDoneFlag>(stream, handler);
}

void ArgScalars::add(std::string_view key, std::string_view value, bool isString)
{
    if (m_count >= kMaxMembers)
        return;
    if (m_members.size() <= m_count)
        m_members.emplace_back();
    ScalarMember &m = m_members[m_count++];
    m.key.assign(key);
    m.value.assign(value);
    m.isString = isString;
}

const ScalarMember *ArgScalars::find(std::string_view key) const
{
    for (size_t i = 0; i < m_count; ++i)
        if (m_members[i].key == key)
            return &m_members[i];
    return nullptr;
}

} // namespace ts::parsers

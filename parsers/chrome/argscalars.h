#pragma once
// The top-level scalar members of a JSON object text — an event's "args", or a top-level member
// such as distributedInfo — for the few events whose meaning lives in them: [memory] instants,
// counters, metadata. Read on demand from the text the event keeps anyway, so the many events
// that never look inside their args pay nothing for it.

#include <string>
#include <string_view>
#include <vector>

namespace ts::parsers {

struct ScalarMember
{
    std::string key;
    std::string value; // number text, string contents, or "true" / "false"
    bool isString = false;
};

class ArgScalars
{
public:
    static constexpr size_t kMaxMembers = 64;

    // Replaces what was read before. Nulls, objects and arrays are left out; text that is not a
    // JSON object yields what was read up to the problem (nothing, usually).
    void read(std::string_view json);

    // Filled member by member instead, by a reader that meets them while parsing anyway.
    void clear() { m_count = 0; }
    void add(std::string_view key, std::string_view value, bool isString);

    size_t size() const { return m_count; }
    const ScalarMember &operator[](size_t i) const { return m_members[i]; }
    const ScalarMember *find(std::string_view key) const;

private:
    std::vector<ScalarMember> m_members; // the first m_count are valid; the rest is reuse
    size_t m_count = 0;
};

} // namespace ts::parsers

#pragma once
// msMemScope's Attr cell in every encoding seen (../shared/formats/msmemscope.md §4):
//   2025-04 CSV  {addr:20615843020800,size:16384,owner:,MID:7}      decimal, empty values
//   2025-12 CSV  {allocation_id:4,addr:0x000012c041400000,size:…}    unquoted, not JSON
//   2026 DB      {"allocation_id":"4","addr":"0x…","size":"6356992"} JSON, every value a string
// One tolerant reading covers them: a text that parses as a JSON object is taken as JSON; any
// other is split on the commas outside brackets and quotes, each part's key being the text
// before its first ':' (a value may hold more colons: "owner:PTA@ops:aten"). A part without
// ':' or unbalanced brackets or quotes make the Attr malformed: the good parts are still kept,
// and the bad text under the key "(unparsed)" so nothing is lost.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ts::parsers::memscope {

class AttrText
{
public:
    enum class Status { Empty, Ok, Malformed };

    Status parse(std::string_view text);
    // The value of `key` as text ("" when absent; see has()).
    std::string_view value(std::string_view key) const;
    bool has(std::string_view key) const;
    const std::vector<std::pair<std::string, std::string>> &fields() const { return m_fields; }
    // The fields as a JSON object text, every value a string ("" for an empty Attr).
    std::string_view json();

private:
    bool parseJson(std::string_view text);
    bool parseLoose(std::string_view text);
    void add(std::string_view key, std::string_view value);

    std::vector<std::pair<std::string, std::string>> m_fields;
    std::string m_json;
};

} // namespace ts::parsers::memscope

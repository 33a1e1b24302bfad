#pragma once
// Reading the cells of Ascend CSVs: times in µs as decimal text (to int64 ns, digit by digit),
// sizes in the unit the column's header names (MB, KB, bytes), integer ids with N/A and empty
// cells as "none", device names ("NPU:0", "0", "host"), and a row's other columns as a JSON
// object text. Every function takes the raw cell and trims it itself.

#include "csvreader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ts::parsers::ascend {

// Empty, "N/A", "NA", "-", "null", "None": no value.
bool isNoValue(std::string_view cell);

enum class CellStatus { Ok, Lossy, None, Invalid };

// µs text → ns. Lossy for exponent forms ("1.69512E+15", spreadsheet-mangled).
CellStatus microsToNs(std::string_view cell, int64_t &ns);
// A decimal number times `factor`, rounded once to the nearest integer (half away from zero),
// exactly for up to 18 significant digits: "1.5" MB × 1048576 → 1572864 bytes.
CellStatus scaledDecimal(std::string_view cell, int64_t factor, int64_t &out);
// A whole number (sign allowed). UINT32_MAX / UINT64_MAX-like sentinels are left to the caller.
CellStatus integer(std::string_view cell, int64_t &out);
// An unsigned number, decimal or 0x-hex (stream pointers).
CellStatus unsignedValue(std::string_view cell, uint64_t &out);

// Bytes per unit named in a header: "Size(KB)" → 1024, "Total Allocated(MB)" → 1048576,
// "(B)" / "(Byte)" / "(bytes)" → 1; 0 when the header names no size unit.
int64_t bytesPerUnit(std::string_view header);

// "NPU:0", "npu:3", "0", "Ascend 4" → the number; "host", empty, N/A → -1.
int32_t deviceOf(std::string_view cell);

// Appends `text` as a JSON string (quoted, escaped). The caller makes it valid UTF-8.
void appendJsonString(std::string &out, std::string_view text);
// True when the trimmed cell is a JSON number as written (so it can go in unquoted).
bool isJsonNumber(std::string_view cell);

// Builds the JSON object of a row's columns, by header name, skipping the ones already read
// into fields. Numbers go in as numbers, anything else as strings.
class ColumnsJson
{
public:
    explicit ColumnsJson(const CsvHeader &header) : m_header(header) {}
    void skip(int column);
    // The object text for `record`, reusing the internal buffer.
    std::string_view build(const CsvRecord &record);

private:
    const CsvHeader &m_header;
    std::string m_skip; // by column: 1 = not in the object
    std::string m_text;
};

} // namespace ts::parsers::ascend

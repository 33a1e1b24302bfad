#pragma once
// RFC 4180 CSV, streamed. Design (kept small on purpose, for parsing one huge file in chunks):
//
// - CsvHeader is the only per-file state: the header record's column names (trimmed of blanks,
//   a UTF-8 BOM and the TAB Ascend appends) and a name → index map. Readers look columns up by
//   name, never by position: column sets differ by version, level and metrics.
// - CsvRowReader turns a byte range into records. It is fed chunks of any size (a chunk may end
//   inside a field, a quoted newline or a CRLF) and calls back once per complete record with
//   the record's fields, unescaped, valid until the callback returns. It keeps only the record
//   being assembled, so memory is bounded by the longest record, not by the file. Handing a
//   later byte range of the same file to another reader (another child) needs only a start at
//   a record boundary and a copy of the header.
// - Quoting: a field that starts with '"' runs to the matching '"' ("" is a literal quote) and
//   may hold ',', CR and LF; a record ends at LF, CRLF or a lone CR outside quotes. Bytes after
//   a closing quote up to the separator are kept (lenient, as spreadsheets are). A quote that
//   never closes is an error at end of input. Blank lines are skipped.
// - A record over kMaxRecordBytes is an error (a hostile file cannot grow the buffer forever).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ts::parsers {

// One record's fields, valid during the callback only.
class CsvRecord
{
public:
    size_t size() const { return m_ends.size(); }
    // An absent column (index -1 or past the record's end) reads as empty.
    std::string_view field(int index) const;
    uint64_t line() const { return m_line; }     // 1-based line where the record starts
    uint64_t offset() const { return m_offset; } // byte offset where the record starts

private:
    friend class CsvRowReader;
    std::string m_text;         // the fields' unescaped bytes, back to back
    std::vector<size_t> m_ends; // end offset of each field in m_text
    uint64_t m_line = 0;
    uint64_t m_offset = 0;
};

// Blank-trimmed text: spaces, TABs and CR/LF around a cell (Ascend ends time cells with a TAB).
std::string_view trimCell(std::string_view text);

class CsvHeader
{
public:
    // Builds the map from the header record. Duplicate names keep their first position.
    explicit CsvHeader(const CsvRecord &record);
    CsvHeader() = default;

    int column(std::string_view name) const; // -1 when absent
    // The first of several names present (files of different producers name a column
    // differently: "Start Time(us)" / "Task Start Time(us)").
    int columnOf(std::initializer_list<std::string_view> names) const;
    bool has(std::string_view name) const { return column(name) >= 0; }
    const std::vector<std::string> &names() const { return m_names; }

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string_view, int> m_index; // views into m_names
};

class CsvRowReader
{
public:
    static constexpr size_t kMaxRecordBytes = 16u << 20;
    using RecordFn = std::function<bool(const CsvRecord &)>; // false stops the reader

    // startOffset / startLine: where the byte range begins in its file (for messages).
    explicit CsvRowReader(uint64_t startOffset = 0, uint64_t startLine = 1);

    // Parses a chunk; calls fn for each record it completes. False when fn stopped the reader
    // or the input is malformed (error() says what and where).
    bool feed(std::string_view chunk, const RecordFn &fn);
    // The range has ended: completes the last record (a file need not end with a newline).
    bool finish(const RecordFn &fn);

    const std::string &error() const { return m_error; }
    uint64_t records() const { return m_records; }

private:
    enum class State { RecordStart, FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterCr };
    bool endField();
    bool endRecord(const RecordFn &fn);
    bool append(char c);
    bool tooLong();

    CsvRecord m_record;
    State m_state = State::RecordStart;
    uint64_t m_offset; // bytes consumed so far, in file terms
    uint64_t m_line;   // current line, 1-based
    uint64_t m_records = 0;
    bool m_stopped = false;
    std::string m_error;
};

} // namespace ts::parsers

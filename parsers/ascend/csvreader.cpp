#include "csvreader.h"

namespace ts::parsers {

std::string_view CsvRecord::field(int index) const
{
    if (index < 0 || size_t(index) >= m_ends.size())
        return {};
    const size_t begin = index == 0 ? 0 : m_ends[size_t(index) - 1];
    return std::string_view(m_text).substr(begin, m_ends[size_t(index)] - begin);
}

std::string_view trimCell(std::string_view text)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return text;
}

CsvHeader::CsvHeader(const CsvRecord &record)
{
    m_names.reserve(record.size());
    for (size_t i = 0; i < record.size(); ++i) {
        std::string_view name = record.field(int(i));
        if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF")
            name.remove_prefix(3); // a UTF-8 BOM (spreadsheet exports)
        m_names.emplace_back(trimCell(name));
    }
    // The views point into m_names, which no longer changes size.
    for (size_t i = 0; i < m_names.size(); ++i)
        m_index.emplace(std::string_view(m_names[i]), int(i));
}

int CsvHeader::column(std::string_view name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? -1 : it->second;
}

int CsvHeader::columnOf(std::initializer_list<std::string_view> names) const
{
    for (std::string_view name : names) {
        if (const int c = column(name); c >= 0)
            return c;
    }
    return -1;
}

CsvRowReader::CsvRowReader(uint64_t startOffset, uint64_t startLine)
    : m_offset(startOffset), m_line(startLine)
{}

bool CsvRowReader::tooLong()
{
    m_error = "the CSV record starting at line " + std::to_string(m_record.m_line) +
              " is longer than " + std::to_string(kMaxRecordBytes >> 20) + " MiB";
    return false;
}

bool CsvRowReader::append(char c)
{
    if (m_record.m_text.size() >= kMaxRecordBytes)
        return tooLong();
    m_record.m_text.push_back(c);
    return true;
}

bool CsvRowReader::endField()
{
    if (m_record.m_ends.size() >= kMaxRecordBytes / 4) {
        m_error = "the CSV record starting at line " + std::to_string(m_record.m_line) +
                  " has too many fields";
        return false;
    }
    m_record.m_ends.push_back(m_record.m_text.size());
    return true;
}

bool CsvRowReader::endRecord(const RecordFn &fn)
{
    ++m_records;
    if (!fn(m_record)) {
        m_stopped = true;
        return false;
    }
    return true;
}

bool CsvRowReader::feed(std::string_view chunk, const RecordFn &fn)
{
    if (m_stopped || !m_error.empty())
        return false;
    const char *p = chunk.data();
    const char *const end = p + chunk.size();
    while (p < end) {
        const char c = *p;
        switch (m_state) {
        case State::AfterCr:
            // The CR already ended the line; an LF right after it belongs to it.
            m_state = State::RecordStart;
            if (c == '\n') {
                ++p;
                ++m_offset;
            }
            continue;
        case State::RecordStart:
            if (c == '\n') { // a blank line
                ++m_line;
                break;
            }
            if (c == '\r') {
                ++m_line;
                m_state = State::AfterCr;
                break;
            }
            m_record.m_text.clear();
            m_record.m_ends.clear();
            m_record.m_line = m_line;
            m_record.m_offset = m_offset;
            m_state = State::FieldStart;
            continue; // the same byte starts the first field
        case State::FieldStart:
            if (c == '"') {
                m_state = State::Quoted;
                break;
            }
            m_state = State::Unquoted;
            continue;
        case State::Unquoted: {
            // The common case: copy a run of plain bytes at once.
            const char *run = p;
            while (run < end && *run != ',' && *run != '\n' && *run != '\r')
                ++run;
            if (run > p) {
                if (m_record.m_text.size() + size_t(run - p) > kMaxRecordBytes)
                    return tooLong();
                m_record.m_text.append(p, size_t(run - p));
                m_offset += uint64_t(run - p);
                p = run;
                continue;
            }
            if (!endField())
                return false;
            if (c == ',') {
                m_state = State::FieldStart;
                break;
            }
            ++m_line;
            m_state = c == '\r' ? State::AfterCr : State::RecordStart;
            ++p;
            ++m_offset;
            if (!endRecord(fn))
                return false;
            continue;
        }
        case State::Quoted:
            if (c == '"') {
                m_state = State::QuoteInQuoted;
                break;
            }
            if (c == '\n')
                ++m_line;
            if (!append(c))
                return false;
            break;
        case State::QuoteInQuoted:
            if (c == '"') { // "" inside quotes: one literal quote
                if (!append('"'))
                    return false;
                m_state = State::Quoted;
                break;
            }
            // The quote closed the field: what follows up to the separator is kept as is.
            m_state = State::Unquoted;
            continue;
        }
        ++p;
        ++m_offset;
    }
    return true;
}

bool CsvRowReader::finish(const RecordFn &fn)
{
    if (m_stopped || !m_error.empty())
        return false;
    switch (m_state) {
    case State::Quoted:
        m_error = "a quoted CSV field opened at line " + std::to_string(m_record.m_line) +
                  " never closes";
        return false;
    case State::FieldStart:
    case State::Unquoted:
    case State::QuoteInQuoted:
        m_state = State::RecordStart;
        return endField() && endRecord(fn);
    case State::RecordStart:
    case State::AfterCr:
        break;
    }
    return true;
}

} // namespace ts::parsers

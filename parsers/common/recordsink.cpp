#include "recordsink.h"

#include "utf8.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ts::parsers {

std::string_view RecordSink::validUtf8(std::string_view text, std::string &scratch)
{
    const size_t valid = validUtf8Prefix(text);
    if (valid == text.size())
        return text;
    const auto *p = reinterpret_cast<const unsigned char *>(text.data()) + valid;
    const auto *end = reinterpret_cast<const unsigned char *>(text.data()) + text.size();
    ++m_repaired;
    scratch.assign(text.data(), valid);
    while (p < end) {
        const size_t n = utf8SequenceLength(p, end);
        if (n == 0) {
            scratch += "\xef\xbf\xbd"; // U+FFFD
            ++p;
        } else {
            scratch.append(reinterpret_cast<const char *>(p), n);
            p += n;
        }
    }
    return scratch;
}

std::string_view RecordSink::boundedText(std::string_view text, size_t cap, std::string &scratch)
{
    text = validUtf8(text, scratch);
    if (text.size() <= cap)
        return text;
    // Valid UTF-8 now, so stepping back over continuation bytes lands on a character start.
    size_t cut = cap;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    return text.substr(0, cut);
}

std::string_view RecordSink::boundedJson(std::string_view json, std::string &scratch)
{
    // Bad bytes can only sit inside JSON strings, so the repair keeps the JSON well-formed.
    json = validUtf8(json, scratch);
    if (json.size() <= kMaxJsonBytes)
        return json;
    return omittedJson(json.size(), scratch);
}

std::string_view RecordSink::omittedJson(uint64_t bytes, std::string &scratch)
{
    ++m_omittedJson;
    scratch = "{\"(omitted)\":\"" + std::to_string(bytes) + " bytes, over the limit of " +
              std::to_string(kMaxJsonBytes) + "\"}";
    return scratch;
}

uint32_t RecordSink::intern(std::string_view text)
{
    // Every stored key is valid and within the cap, so a text found as it is needs neither
    // check; only a new (or a bad) one goes through them.
    if (const auto it = m_strings.find(text); it != m_strings.end())
        return it->second;
    text = boundedText(text, rec::kMaxStringBytes, m_scratch);
    if (const auto it = m_strings.find(text); it != m_strings.end())
        return it->second;
    const uint32_t id = uint32_t(m_strings.size() + 1);
    m_strings.emplace(std::string(text), id);
    put(rec::StringRec{id, text});
    return id;
}

bool RecordSink::flush()
{
    if (m_fd < 0 || m_failed)
        return !m_failed;
    size_t done = 0;
    while (done < m_buffer.size()) {
        const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_failed = true;
            break;
        }
        done += size_t(n);
    }
    m_buffer.clear();
    return !m_failed;
}

} // namespace ts::parsers

#pragma once
// Where the child's records go: encoded with model/records/recordformat.h into a buffer that is
// written to the output descriptor in large chunks (or kept in memory for tests). Owns string
// interning — each distinct string crosses the pipe once — and makes every string valid UTF-8
// (bad sequences become U+FFFD) and short enough (interned strings ≤ rec::kMaxStringBytes, JSON
// texts ≤ kMaxJsonBytes) so the app's checker never has to refuse honest input. Repair comes
// before the cut: a bad byte grows to three, so a string under the cap can end up over it.

#include "records/recordformat.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ts::parsers {

class RecordSink
{
public:
    explicit RecordSink(int fd) : m_fd(fd) { rec::encodeMagic(m_buffer); }
    // Memory sink: everything stays in buffer() (tests, fuzzing).
    RecordSink() : m_fd(-1) { rec::encodeMagic(m_buffer); }

    uint32_t intern(std::string_view text);

    template <typename Record> void put(const Record &r)
    {
        rec::encode(m_buffer, r);
        if (m_fd >= 0 && m_buffer.size() >= kFlushBytes)
            flush();
    }
    bool flush(); // false when the app stopped reading
    bool failed() const { return m_failed; }

    // Returns `text` when valid UTF-8, else a repaired copy in `scratch`.
    std::string_view validUtf8(std::string_view text, std::string &scratch);
    // Valid UTF-8 of at most `cap` bytes, cut at a character boundary (a prefix of the repair).
    std::string_view boundedText(std::string_view text, size_t cap, std::string &scratch);
    // A JSON text (args, a top-level member) made valid UTF-8; when that is over kMaxJsonBytes it
    // is replaced by a small object saying so — a cut would no longer be JSON.
    std::string_view boundedJson(std::string_view json, std::string &scratch);
    // That small object for a JSON text of `bytes` bytes that was not kept.
    std::string_view omittedJson(uint64_t bytes, std::string &scratch);
    uint64_t repairedStrings() const { return m_repaired; }
    uint64_t omittedJsonTexts() const { return m_omittedJson; }

    // Far below rec::kMaxPayload, so a record with one such text always fits; more than a
    // details pane can show anyway.
    static constexpr size_t kMaxJsonBytes = 1u << 20;

    const std::string &buffer() const { return m_buffer; }
    uint64_t sliceCount() const { return m_slices; }
    uint64_t nextSliceSequence() { return m_slices++; }

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    static constexpr size_t kFlushBytes = 256 * 1024;

    int m_fd;
    bool m_failed = false;
    std::string m_buffer;
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> m_strings;
    std::string m_scratch;
    uint64_t m_repaired = 0;
    uint64_t m_omittedJson = 0;
    uint64_t m_slices = 0;
};

} // namespace ts::parsers

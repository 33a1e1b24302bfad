#include "commjson.h"

#include "chrome/jsonstream.h"
#include "chrome/timestamp.h"
#include "common/skipcounter.h"
#include "communits.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace ts::parsers {

namespace {

constexpr std::string_view kTimeInfo = "Communication Time Info";
constexpr std::string_view kBandwidthInfo = "Communication Bandwidth Info";
constexpr std::string_view kDistribution = "Size Distribution";

bool isDigits(std::string_view s)
{
    if (s.empty() || s.size() > 9)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}
int32_t digitsValue(std::string_view s)
{
    int32_t v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    return v;
}
// "3-12": a matrix cell's source and destination rank.
bool matrixKey(std::string_view s, int32_t &src, int32_t &dst)
{
    const size_t dash = s.find('-');
    if (dash == std::string_view::npos || !isDigits(s.substr(0, dash)) ||
        !isDigits(s.substr(dash + 1)))
        return false;
    src = digitsValue(s.substr(0, dash));
    dst = digitsValue(s.substr(dash + 1));
    return true;
}

// A JSON string at `pos` (no escapes: the keys this looks for have none); false otherwise.
bool readKey(std::string_view text, size_t &pos, std::string_view &key)
{
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
        ++pos;
    if (pos >= text.size() || text[pos] != '"')
        return false;
    const size_t end = text.find_first_of("\"\\", pos + 1);
    if (end == std::string_view::npos || text[end] != '"')
        return false;
    key = text.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    return true;
}
bool expect(std::string_view text, size_t &pos, char c)
{
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
        ++pos;
    if (pos >= text.size() || text[pos] != c)
        return false;
    ++pos;
    return true;
}
bool isStepKey(std::string_view key)
{
    return key.substr(0, 4) == "step" && (key.size() == 4 || isDigits(key.substr(4)));
}

// The SAX handler: follows the path of member names and gathers one entry, link or matrix cell
// at a time; each is sent when its object closes.
class CommSax
{
public:
    CommSax(RecordSink &sink, SkipCounter &skips) : m_sink(sink), m_skips(skips) {}

    bool Null() { return value({}, false); }
    bool Bool(bool) { return value({}, false); }
    bool Int(int) { return true; } // numbers arrive as RawNumber (kParseNumbersAsStringsFlag)
    bool Uint(unsigned) { return true; }
    bool Int64(int64_t) { return true; }
    bool Uint64(uint64_t) { return true; }
    bool Double(double) { return true; }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool) { return value({s, n}, true); }
    bool String(const char *s, rapidjson::SizeType n, bool) { return text({s, n}); }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        if (m_depth < 1 || size_t(m_depth) > kMaxPath)
            return true;
        const std::string_view key(s, n);
        if (m_depth == 1 && m_layout == Layout::Unknown)
            m_layout = isStepKey(key) ? Layout::Rank : Layout::Cluster;
        m_path.resize(size_t(m_depth));
        m_path.back().assign(key);
        if (m_depth == entryDepth() && m_path.size() > entryIndex() &&
            m_path[entryIndex()] == kTimeInfo)
            m_sawTimeInfo = true;
        return true;
    }
    bool StartObject() { return open(); }
    bool StartArray() { return open(); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    uint64_t entries() const { return m_entries; }

private:
    enum class Layout { Unknown, Rank, Cluster };
    static constexpr size_t kMaxPath = 8;

    // The path index of the entry's members ("Communication Time Info", …): a cluster entry
    // lies one level deeper, under its rank.
    size_t entryIndex() const { return m_layout == Layout::Cluster ? 4 : 3; }
    int entryDepth() const { return int(entryIndex()) + 1; }
    bool pathIs(size_t i, std::string_view s) const { return m_path.size() > i && m_path[i] == s; }

    bool open()
    {
        ++m_depth;
        m_arrayIndex = 0;
        if (m_depth == entryDepth()) {
            m_op = rec::CommOpRec{};
            m_sawTimeInfo = false;
        }
        return true;
    }
    bool close()
    {
        const int depth = m_depth--;
        int32_t src = 0, dst = 0;
        if (depth == 5 && m_path.size() > 3 && matrixKey(m_path[3], src, dst)) {
            sendMatrix(src, dst);
        } else if (depth == entryDepth() && m_sawTimeInfo) {
            sendOp();
        } else if (depth == entryDepth() + 2 && pathIs(entryIndex(), kBandwidthInfo)) {
            sendLink();
        } else if (depth == entryDepth() + 4 && pathIs(entryIndex() + 2, kDistribution)) {
            m_arrayIndex = 0;
            return true;
        }
        if (size_t(depth) <= m_path.size())
            m_path.resize(size_t(depth) - 1);
        return true;
    }

    // The key every record of the current op starts with; false when the path is not one.
    bool key(rec::CommKey &k)
    {
        if (m_path.size() < 3)
            return false;
        const bool rank = m_layout == Layout::Rank;
        const std::string &step = m_path[rank ? 0 : 1];
        const std::string &scope = m_path[rank ? 1 : 0];
        const std::string_view opKey = m_path[2];
        const size_t at = opKey.rfind('@');
        k.step = m_sink.intern(step);
        k.scope = m_sink.intern(scope);
        k.op = m_sink.intern(opKey.substr(0, at));
        k.group = at == std::string_view::npos ? 0 : m_sink.intern(opKey.substr(at + 1));
        k.rank = -1;
        if (!rank) {
            if (m_path.size() > 3 && isDigits(m_path[3]))
                k.rank = digitsValue(m_path[3]);
        }
        return true;
    }
    void sendOp()
    {
        m_sawTimeInfo = false;
        if (!key(m_op.key))
            return;
        if (m_layout == Layout::Cluster && m_op.key.rank < 0) {
            m_skips.add("communication entry of a cluster file not under a rank number");
            return;
        }
        m_sink.put(m_op);
        ++m_entries;
        m_op = rec::CommOpRec{};
    }
    void sendLink()
    {
        rec::CommLinkRec r = m_link;
        m_link = rec::CommLinkRec{};
        std::string distribution = std::move(m_distribution);
        m_distribution.clear();
        if (!key(r.key) || m_path.size() <= entryIndex() + 1)
            return;
        r.link = m_sink.intern(m_path[entryIndex() + 1]);
        if (!distribution.empty())
            distribution = '{' + distribution + '}';
        std::string scratch;
        r.distribution =
            distribution.empty() ? std::string_view() : m_sink.boundedJson(distribution, scratch);
        m_sink.put(r);
        ++m_entries;
    }
    void sendMatrix(int32_t src, int32_t dst)
    {
        rec::CommMatrixRec r = m_cell;
        m_cell = rec::CommMatrixRec{};
        const uint32_t transport = m_cellTransport;
        m_cellTransport = 0;
        if (!key(r.key))
            return;
        // A cell names its ranks itself; a cluster file's cells say the sender as their rank so
        // the cache tells them from a rank's own (whose rank is the folder's).
        r.key.rank = m_layout == Layout::Cluster ? src : -1;
        r.srcRank = src;
        r.dstRank = dst;
        r.transport = transport ? transport : m_sink.intern("UNKNOWN");
        m_sink.put(r);
        ++m_entries;
    }

    // A number (or a null/bool where a number belongs) at the current path.
    bool value(std::string_view number, bool isNumber)
    {
        if (m_depth < 1 || m_path.empty())
            return true;
        const std::string &field = m_path.back();
        const size_t e = entryIndex();
        int32_t src = 0, dst = 0;
        if (m_depth == 5 && m_path.size() == 5 && matrixKey(m_path[3], src, dst)) {
            if (field == "Transit Size(MB)")
                m_cell.size = bytes(number, isNumber, field);
            else if (field == "Transit Time(ms)")
                m_cell.time = msToNs(number, isNumber, field);
            else if (field == "Bandwidth(GB/s)")
                m_cell.bandwidth = bandwidth(number, isNumber, field);
            return true;
        }
        if (m_path.size() == e + 2 && m_path[e] == kTimeInfo) {
            if (field == "Start Timestamp(us)") {
                const ParsedTime t = microsTextToNs(isNumber ? number : std::string_view());
                if (t.ok())
                    m_op.startNs = t.ns;
                else
                    m_skips.add("communication: Start Timestamp(us) is not a time");
            } else if (field == "Elapse Time(ms)") {
                m_op.elapse = msToNs(number, isNumber, field);
            } else if (field == "Transit Time(ms)") {
                m_op.transit = msToNs(number, isNumber, field);
            } else if (field == "Wait Time(ms)") {
                m_op.wait = msToNs(number, isNumber, field);
            } else if (field == "Synchronization Time(ms)") {
                m_op.sync = msToNs(number, isNumber, field);
            } else if (field == "Idle Time(ms)") {
                m_op.idle = msToNs(number, isNumber, field);
            } else if (field == "Wait Time Ratio") {
                m_op.waitRatio = ratio(number, isNumber, field);
            } else if (field == "Synchronization Time Ratio") {
                m_op.syncRatio = ratio(number, isNumber, field);
            }
            return true;
        }
        if (m_path.size() == e + 3 && m_path[e] == kBandwidthInfo) {
            if (field == "Transit Size(MB)")
                m_link.size = bytes(number, isNumber, field);
            else if (field == "Transit Time(ms)")
                m_link.time = msToNs(number, isNumber, field);
            else if (field == "Bandwidth(GB/s)")
                m_link.bandwidth = bandwidth(number, isNumber, field);
            else if (field == "Large Packet Ratio")
                m_link.largePacketRatio = ratio(number, isNumber, field);
            return true;
        }
        // "Size Distribution": {"<MB>": [count, ms]}, inside the array.
        if (m_depth == entryDepth() + 4 && m_path.size() == e + 4 && m_path[e] == kBandwidthInfo &&
            m_path[e + 2] == kDistribution) {
            const int index = m_arrayIndex++;
            if (index == 0) {
                const int64_t size = bytes(field, true, "Size Distribution");
                double count = 0;
                if (size < 0 || !isNumber || !parseNumber(number, count) || count < 0 ||
                    count > 1e15) {
                    m_skips.add("communication: a Size Distribution entry is not a size and count");
                    m_pendingPacket.clear();
                    return true;
                }
                m_pendingPacket =
                    '"' + std::to_string(size) + "\":[" + std::to_string(std::llround(count)) + ',';
            } else if (index == 1 && !m_pendingPacket.empty()) {
                const int64_t ns = msToNs(number, isNumber, "Size Distribution");
                if (!m_distribution.empty())
                    m_distribution += ',';
                m_distribution += m_pendingPacket + std::to_string(std::max<int64_t>(ns, 0)) + ']';
                m_pendingPacket.clear();
            }
        }
        return true;
    }
    bool text(std::string_view s)
    {
        int32_t src = 0, dst = 0;
        if (m_depth == 5 && m_path.size() == 5 && matrixKey(m_path[3], src, dst)) {
            std::string scratch;
            const std::string_view bounded = m_sink.boundedText(s, 256, scratch);
            if (m_path[4] == "Transport Type")
                m_cellTransport = m_sink.intern(bounded);
            else if (m_path[4] == "Op Name")
                m_cell.opName = m_sink.intern(bounded);
            return true;
        }
        return value({}, false); // a string where a number belongs is counted there
    }

    static bool parseNumber(std::string_view text, double &out)
    {
        if (text.empty() || text.size() > 64)
            return false;
        const std::string copy(text);
        char *end = nullptr;
        out = std::strtod(copy.c_str(), &end);
        return end == copy.c_str() + copy.size() && std::isfinite(out);
    }
    // The field's number, or nothing (counted by reason) when it is none or out of range.
    bool number(std::string_view text, bool isNumber, std::string_view field, double &v)
    {
        if (!isNumber || !parseNumber(text, v)) {
            m_skips.add("communication: " + std::string(field) + " is not a number");
            return false;
        }
        return true;
    }
    template <typename T>
    T convert(T (*unit)(double), std::string_view text, bool isNumber, std::string_view field)
    {
        double v = 0;
        if (!number(text, isNumber, field, v))
            return -1;
        const T out = unit(v);
        if (out == -1)
            m_skips.add("communication: " + std::string(field) + " out of range");
        return out;
    }
    int64_t msToNs(std::string_view text, bool isNumber, std::string_view field)
    {
        return convert(comm::msToNs, text, isNumber, field);
    }
    int64_t bytes(std::string_view text, bool isNumber, std::string_view field)
    {
        return convert(comm::mbToBytes, text, isNumber, field);
    }
    double bandwidth(std::string_view text, bool isNumber, std::string_view field)
    {
        return convert(comm::bandwidth, text, isNumber, field);
    }
    double ratio(std::string_view text, bool isNumber, std::string_view field)
    {
        return convert(comm::ratio, text, isNumber, field);
    }

    RecordSink &m_sink;
    SkipCounter &m_skips;
    Layout m_layout = Layout::Unknown;
    int m_depth = 0;
    int m_arrayIndex = 0;
    std::vector<std::string> m_path; // member names from the root, one per open object
    bool m_sawTimeInfo = false;
    rec::CommOpRec m_op;
    rec::CommLinkRec m_link;
    std::string m_distribution;  // members of the link's distribution object so far
    std::string m_pendingPacket; // "bytes":[count, — waiting for its time
    rec::CommMatrixRec m_cell;
    uint32_t m_cellTransport = 0;
    uint64_t m_entries = 0;
};

} // namespace

bool CommJsonImporter::matches(std::string_view head)
{
    size_t pos = 0;
    std::string_view first;
    if (!expect(head, pos, '{') || !readKey(head, pos, first))
        return false;
    if (isStepKey(first))
        return true;
    const bool scope = first == "p2p" || first == "collective" || first.substr(0, 1) == "(";
    std::string_view second;
    return scope && expect(head, pos, ':') && expect(head, pos, '{') &&
           readKey(head, pos, second) && isStepKey(second);
}

bool CommJsonImporter::run()
{
    SkipCounter skips;
    CommSax sax(m_sink, skips);
    JsonStream stream(m_source);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                     rapidjson::kParseStopWhenDoneFlag>(stream, sax);
    std::string error;
    uint64_t offset = m_source.rawBytesRead();
    if (stream.failed()) {
        error = stream.error();
    } else if (result.IsError()) {
        offset = result.Offset();
        error = offset >= m_source.bytesProduced()
                    ? std::string("communication JSON: the file ends too early (truncated?)")
                    : std::string("communication JSON: invalid JSON: ") +
                          rapidjson::GetParseError_En(result.Code());
        error += " at byte offset " + std::to_string(offset);
    }
    if (!error.empty()) {
        std::string scratch;
        m_sink.put(rec::ErrorRec{offset, 0, 0, m_sink.boundedText(error, 4096, scratch)});
        return false;
    }
    skips.sendTo(m_sink);
    if (m_sink.repairedStrings())
        m_sink.put(rec::WarningRec{0, std::to_string(m_sink.repairedStrings()) +
                                          " strings were not valid UTF-8; bad bytes were "
                                          "replaced by U+FFFD"});
    m_sink.put(rec::ProgressRec{m_source.rawBytesRead(), m_inputSize, rec::Stage::Finishing});
    m_sink.put(rec::ResultRec{m_sink.intern("ascend-communication"), sax.entries()});
    return true;
}

} // namespace ts::parsers

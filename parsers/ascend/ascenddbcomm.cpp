// analysis.db's communication tables (torch_npu's per-rank HCCL analysis, what
// communication.json and communication_matrix.json hold for a text export) into CommOp,
// CommLink and CommMatrix records (commrecords.h), in the units communits.h converts:
//   CommAnalyzerTime       one row per operator: start (µs), elapse, transit, wait, sync, idle (ms)
//   CommAnalyzerBandwidth  one row per operator, link type and packet size: the link's size (MB),
//                          time (ms) and bandwidth repeated on each, the size distribution spread
//                          over them (package_size MB, count, total_duration ms)
//   CommAnalyzerMatrix     one row per src → dst cell of an operator or aggregate
// The file names no rank: the records say -1, the rank of the folder it lies in. Ratios are not
// stored in the file and are left to the model, which computes them the same way for every
// source.
#include "ascenddbimporter.h"
#include "communits.h"

#include <string>

namespace ts::parsers {

namespace {

// Text of a column as the key strings want it: the stored text, or the number written out.
std::string textOf(const ForeignQuery &q, int col)
{
    std::string_view t = q.textAt(col);
    if (!t.empty())
        return std::string(t);
    int64_t n = 0;
    return q.int64At(col, n) ? std::to_string(n) : std::string();
}

double doubleOr(const ForeignQuery &q, int col, double fallback = -1)
{
    double v = 0;
    return q.doubleAt(col, v) ? v : fallback;
}

} // namespace

bool AscendDbImporter::commKey(const ForeignQuery &q, int firstCol, rec::CommKey &key)
{
    // Columns firstCol…: step, type, hccl_op_name, group_name.
    const std::string step = textOf(q, firstCol), scope = textOf(q, firstCol + 1),
                      op = textOf(q, firstCol + 2), group = textOf(q, firstCol + 3);
    if (step.empty() || scope.empty() || op.empty()) {
        m_skips.add("communication row without step, type or operator name");
        return false;
    }
    key = rec::CommKey{};
    key.step = m_sink.intern(step);
    key.scope = m_sink.intern(scope);
    key.op = m_sink.intern(op);
    key.group = group.empty() ? 0 : m_sink.intern(group);
    return true;
}

bool AscendDbImporter::readAnalysisCommunication()
{
    static constexpr const char *kKey = "step, type, hccl_op_name, group_name";
    if (m_db.hasTable("CommAnalyzerTime")) {
        const char *table = "CommAnalyzerTime";
        if (const std::string why = missingColumns(
                m_db, table,
                {"step", "type", "hccl_op_name", "group_name", "start_timestamp", "elapse_time",
                 "transit_time", "wait_time", "synchronization_time", "idle_time"});
            !why.empty())
            return fail(why);
        ForeignQuery q(m_db, std::string("SELECT ") + kKey +
                                 ", start_timestamp, elapse_time, transit_time, wait_time, "
                                 "synchronization_time, idle_time FROM CommAnalyzerTime");
        while (q.step()) {
            ++m_rows;
            rec::CommOpRec r;
            if (!commKey(q, 0, r.key))
                continue;
            r.startNs = comm::usToNs(doubleOr(q, 4));
            r.elapse = comm::msToNs(doubleOr(q, 5));
            r.transit = comm::msToNs(doubleOr(q, 6));
            r.wait = comm::msToNs(doubleOr(q, 7));
            r.sync = comm::msToNs(doubleOr(q, 8));
            r.idle = comm::msToNs(doubleOr(q, 9));
            m_sink.put(r);
        }
        if (q.failed())
            return tableFailed(table, q);
    }
    if (m_db.hasTable("CommAnalyzerBandwidth") && !readAnalysisBandwidth())
        return false;
    if (m_db.hasTable("CommAnalyzerMatrix")) {
        const char *table = "CommAnalyzerMatrix";
        if (const std::string why = missingColumns(m_db, table,
                                                   {"step", "type", "hccl_op_name", "group_name",
                                                    "src_rank", "dst_rank", "transport_type",
                                                    "transit_size", "transit_time", "bandwidth"});
            !why.empty())
            return fail(why);
        ForeignQuery q(m_db, std::string("SELECT ") + kKey +
                                 ", src_rank, dst_rank, transport_type, transit_size, "
                                 "transit_time, bandwidth, " +
                                 columnOrNull(m_db, table, "m", "op_name") +
                                 " FROM CommAnalyzerMatrix m");
        while (q.step()) {
            ++m_rows;
            rec::CommMatrixRec r;
            int64_t src = -1, dst = -1;
            if (!commKey(q, 0, r.key))
                continue;
            if (!parseDecimalInt64(textOf(q, 4), src) || !parseDecimalInt64(textOf(q, 5), dst) ||
                src < 0 || dst < 0 || src > INT32_MAX || dst > INT32_MAX) {
                m_skips.add("communication matrix row whose src_rank or dst_rank is no rank");
                continue;
            }
            r.srcRank = int32_t(src);
            r.dstRank = int32_t(dst);
            const std::string transport = textOf(q, 6);
            r.transport = m_sink.intern(transport.empty() ? "UNKNOWN" : transport);
            r.size = comm::mbToBytes(doubleOr(q, 7));
            r.time = comm::msToNs(doubleOr(q, 8));
            r.bandwidth = comm::bandwidth(doubleOr(q, 9));
            const std::string opName = textOf(q, 10);
            r.opName = opName.empty() ? 0 : m_sink.intern(opName);
            m_sink.put(r);
        }
        if (q.failed())
            return tableFailed(table, q);
    }
    return true;
}

// One CommLink per (operator, link type): the rows of one arrive together (ORDER BY), each
// repeating the link's totals and carrying one packet size of its distribution.
bool AscendDbImporter::readAnalysisBandwidth()
{
    const char *table = "CommAnalyzerBandwidth";
    if (const std::string why =
            missingColumns(m_db, table,
                           {"step", "type", "hccl_op_name", "group_name", "transport_type",
                            "transit_size", "transit_time", "bandwidth", "large_packet_ratio",
                            "package_size", "count", "total_duration"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db, "SELECT step, type, hccl_op_name, group_name, transport_type, "
                         "transit_size, transit_time, bandwidth, large_packet_ratio, "
                         "package_size, count, total_duration FROM CommAnalyzerBandwidth "
                         "ORDER BY step, type, group_name, hccl_op_name, transport_type, rowid");
    rec::CommLinkRec link;
    std::string lastKey, distribution, scratch;
    bool open = false;
    const auto send = [&] {
        if (!open)
            return;
        const std::string json = distribution.empty() ? std::string() : '{' + distribution + '}';
        link.distribution = json.empty() ? std::string_view() : m_sink.boundedJson(json, scratch);
        m_sink.put(link);
        open = false;
        distribution.clear();
    };
    while (q.step()) {
        ++m_rows;
        const std::string transport = textOf(q, 4);
        const std::string key = textOf(q, 0) + '\n' + textOf(q, 1) + '\n' + textOf(q, 3) + '\n' +
                                textOf(q, 2) + '\n' + transport;
        if (!open || key != lastKey) {
            send();
            rec::CommLinkRec next;
            if (!commKey(q, 0, next.key))
                continue;
            next.link = m_sink.intern(transport.empty() ? "UNKNOWN" : transport);
            next.size = comm::mbToBytes(doubleOr(q, 5));
            next.time = comm::msToNs(doubleOr(q, 6));
            next.bandwidth = comm::bandwidth(doubleOr(q, 7));
            next.largePacketRatio = comm::ratio(doubleOr(q, 8));
            link = next;
            lastKey = key;
            open = true;
        }
        const int64_t packet = comm::mbToBytes(doubleOr(q, 9));
        const double count = doubleOr(q, 10);
        const int64_t ns = comm::msToNs(doubleOr(q, 11));
        if (packet > 0 && count > 0 && count < 1e15 && ns >= 0) {
            if (!distribution.empty())
                distribution += ',';
            distribution += '"' + std::to_string(packet) + "\":[" +
                            std::to_string(std::llround(count)) + ',' + std::to_string(ns) + ']';
        }
    }
    send();
    return q.failed() ? tableFailed(table, q) : true;
}

} // namespace ts::parsers

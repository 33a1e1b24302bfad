#pragma once
// Communication records of the child's stream (types 26–28 of recordformat.h): what HCCL's
// analysis says about each communication operator of a rank — communication.json,
// communication_matrix.json, analysis.db's CommAnalyzer* tables, and msprof-analyze's
// cluster_communication(_matrix).json. Text, database and cluster readers emit the same records.
// Included at the end of recordformat.h; not meant to be included alone.
//
// Every record starts with a CommKey: which rank (-1 = the rank of the folder the file lies in:
// a rank's own files do not name it; cluster files do, and their matrix cells say the sender), which step ("step50", "step"), which
// scope ("collective", "p2p", or a cluster group's rank list "(0, 1, 2, 3)"), which operator
// (the name before '@': "hcom_allReduce__586_0_1", "allreduce-top1", "Total Op Info") and which
// group (the hash after '@'; 0 = none). String ids; step, scope and op are required.
//
// Units: times and durations int64 ns (the files' ms and µs converted; -1 = the source has
// none); sizes bytes (the files' MB are 10^6 bytes); bandwidth GB/s as a double (= bytes per
// ns; -1 = none); ratios 0…1 (-1 = none).
//
//   CommOp      CommKey, i64 startNs, i64 elapse, i64 transit, i64 wait, i64 sync, i64 idle,
//               f64 waitRatio, f64 syncRatio
//   CommLink    CommKey, u32 link (HCCS, PCIE, RDMA, SDMA, SIO, …), i64 size, i64 time,
//               f64 bandwidth, f64 largePacketRatio, bytes distribution (JSON object text:
//               {"<packet bytes>": [count, total ns], …}, or empty)
//   CommMatrix  CommKey, i32 srcRank, i32 dstRank, u32 transport (LOCAL, HCCS, RDMA, …),
//               i64 size, i64 time, f64 bandwidth, u32 opName (the operator the link belongs
//               to when the key names an aggregate such as "allreduce-top1"; 0 = none)

#include <string_view>

namespace ts::rec {

struct CommKey
{
    int32_t rank = -1;
    uint32_t step = 0;
    uint32_t scope = 0;
    uint32_t op = 0;
    uint32_t group = 0;
};
struct CommOpRec
{
    CommKey key;
    int64_t startNs = -1;
    int64_t elapse = -1, transit = -1, wait = -1, sync = -1, idle = -1;
    double waitRatio = -1, syncRatio = -1;
};
struct CommLinkRec
{
    CommKey key;
    uint32_t link = 0;
    int64_t size = -1;
    int64_t time = -1;
    double bandwidth = -1;
    double largePacketRatio = -1;
    std::string_view distribution; // JSON object text, or empty
};
struct CommMatrixRec
{
    CommKey key;
    int32_t srcRank = 0;
    int32_t dstRank = 0;
    uint32_t transport = 0;
    int64_t size = -1;
    int64_t time = -1;
    double bandwidth = -1;
    uint32_t opName = 0;
};

inline void putKey(FrameWriter &w, const CommKey &k)
{
    w.put(k.rank); w.put(k.step); w.put(k.scope); w.put(k.op); w.put(k.group);
}
inline CommKey getKey(PayloadReader &in)
{
    CommKey k;
    k.rank = in.get<int32_t>(); k.step = in.get<uint32_t>(); k.scope = in.get<uint32_t>();
    k.op = in.get<uint32_t>(); k.group = in.get<uint32_t>();
    return k;
}

inline void encode(std::string &o, const CommOpRec &r)
{
    FrameWriter w(o); w.begin(RecordType::CommOp);
    putKey(w, r.key);
    w.put(r.startNs); w.put(r.elapse); w.put(r.transit); w.put(r.wait); w.put(r.sync);
    w.put(r.idle); w.put(r.waitRatio); w.put(r.syncRatio);
    w.end();
}
inline void encode(std::string &o, const CommLinkRec &r)
{
    FrameWriter w(o); w.begin(RecordType::CommLink);
    putKey(w, r.key);
    w.put(r.link); w.put(r.size); w.put(r.time); w.put(r.bandwidth); w.put(r.largePacketRatio);
    w.putBytes(r.distribution);
    w.end();
}
inline void encode(std::string &o, const CommMatrixRec &r)
{
    FrameWriter w(o); w.begin(RecordType::CommMatrix);
    putKey(w, r.key);
    w.put(r.srcRank); w.put(r.dstRank); w.put(r.transport); w.put(r.size); w.put(r.time);
    w.put(r.bandwidth); w.put(r.opName);
    w.end();
}

inline bool decode(std::string_view p, CommOpRec &r)
{
    PayloadReader in(p);
    r.key = getKey(in);
    r.startNs = in.get<int64_t>(); r.elapse = in.get<int64_t>(); r.transit = in.get<int64_t>();
    r.wait = in.get<int64_t>(); r.sync = in.get<int64_t>(); r.idle = in.get<int64_t>();
    r.waitRatio = in.get<double>(); r.syncRatio = in.get<double>();
    return in.ok();
}
inline bool decode(std::string_view p, CommLinkRec &r)
{
    PayloadReader in(p);
    r.key = getKey(in);
    r.link = in.get<uint32_t>(); r.size = in.get<int64_t>(); r.time = in.get<int64_t>();
    r.bandwidth = in.get<double>(); r.largePacketRatio = in.get<double>();
    r.distribution = in.bytes();
    return in.ok();
}
inline bool decode(std::string_view p, CommMatrixRec &r)
{
    PayloadReader in(p);
    r.key = getKey(in);
    r.srcRank = in.get<int32_t>(); r.dstRank = in.get<int32_t>(); r.transport = in.get<uint32_t>();
    r.size = in.get<int64_t>(); r.time = in.get<int64_t>(); r.bandwidth = in.get<double>();
    r.opName = in.get<uint32_t>();
    return in.ok();
}

} // namespace ts::rec

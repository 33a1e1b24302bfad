#pragma once
// HCCL's communication analysis as JSON, read in one streaming pass (RapidJSON SAX): a rank's
// communication.json and communication_matrix.json (torch_npu, ASCEND_PROFILER_OUTPUT/) and
// msprof-analyze's cluster_communication.json and cluster_communication_matrix.json
// (cluster_analysis_output/). Four shapes, one reader:
//
//   rank:    { step: { scope: { "<op>@<group>": ENTRY | { "<src>-<dst>": LINK } } } }
//   cluster: { scope: { step: { "<op>@<group>": { "<rank>": ENTRY } | { "<src>-<dst>": LINK } } } }
//
// where scope is "collective" / "p2p" (a cluster also names a group by its rank list
// "(0, 1, …)"), ENTRY holds "Communication Time Info" and "Communication Bandwidth Info" (one
// object per link type with its "Size Distribution"), and LINK is one matrix cell. Each ENTRY
// becomes a CommOp record and one CommLink per link type, each LINK a CommMatrix record
// (commrecords.h); ms, µs and MB become ns and bytes. A value of the wrong type or out of range
// is counted by reason and left out (the field becomes "none"); members this reader does not
// know are passed over; invalid JSON is an error naming the byte offset.

#include "common/inputsource.h"
#include "common/recordsink.h"

#include <string_view>

namespace ts::parsers {

class CommJsonImporter
{
public:
    CommJsonImporter(InputSource &source, RecordSink &sink, uint64_t inputSize)
        : m_source(source), m_sink(sink), m_inputSize(inputSize)
    {}
    // Whether the start of a JSON object text is one of the four shapes: its first key is a
    // step ("step", "step50"), or a scope whose first member's first key is a step.
    static bool matches(std::string_view head);
    // On success the last record is Result, else Error.
    bool run();

private:
    InputSource &m_source;
    RecordSink &m_sink;
    uint64_t m_inputSize;
};

} // namespace ts::parsers

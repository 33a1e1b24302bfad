#pragma once
// profiler_info_{rank}.json (torch_npu): a small JSON object whose rank_id is the rank's identity
// (an int in 2025 files, a string of digits in CANN 8.3 files; -1 when the run was not
// distributed). Sent as Metadata ascend.rank_id, with the versions and profiler level beside it,
// so the app names ranks from content, never from a folder name.

#include "common/recordsink.h"

#include <string_view>

namespace ts::parsers {

class ProfilerInfoImporter
{
public:
    static constexpr size_t kMaxBytes = 1u << 20; // the real files are a few KB

    // Whether `text` (the whole input) is a profiler_info object: a JSON object with rank_id.
    static bool matches(std::string_view text);
    // Emits the metadata and a Result; an Error (false) when rank_id is not a rank.
    static bool run(std::string_view text, RecordSink &sink);
};

} // namespace ts::parsers

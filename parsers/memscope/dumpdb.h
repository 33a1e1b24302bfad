#pragma once
// memscope_dump_*.db (msMemScope --data-format=db; msleaks: table leaks_dump) into the same
// MemScopeEvent records as the CSV: one streaming statement over the dump table, each row handed
// to DumpRowReader as text cells. The tables MindStudio Insight adds when it opens the file
// (memory_block, memory_allocation, status_info) are never read. The ForeignDb is opened by the
// caller (the Ascend DB reader, which sees every foreign SQLite file first).

#include "common/recordsink.h"
#include "foreigndb/foreigndb.h"

#include <string>
#include <vector>

namespace ts::parsers::memscope {

// The dump table the file holds ("memscope_dump" or "leaks_dump"), or nullptr.
const char *dumpTableOf(const ForeignDb &db);

// Reads the dump; the last record is Result, or Error. True on success.
bool readDumpDb(const ForeignDb &db, uint64_t bytes, RecordSink &sink);

} // namespace ts::parsers::memscope

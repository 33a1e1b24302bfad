#include "dumpdb.h"

#include "common/skipcounter.h"
#include "dumprow.h"

#include <initializer_list>

namespace ts::parsers::memscope {

namespace {

// By name, in DumpCells order; the DB quotes them (spaces, parentheses).
constexpr const char *kColumns[] = {
    "ID",        "Event",     "Event Type", "Name", "Timestamp(ns)",      "Process Id",
    "Thread Id", "Device Id", "Ptr",        "Attr", "Call Stack(Python)", "Call Stack(C)"};
constexpr int kColumnCount = int(sizeof kColumns / sizeof *kColumns);

bool fail(RecordSink &sink, const std::string &message)
{
    std::string scratch;
    sink.put(rec::ErrorRec{rec::kNoOffset, 0, 0, sink.boundedText(message, 4096, scratch)});
    return false;
}

// A cell as text: TEXT as stored, an INTEGER (or integral REAL) as its decimal digits.
std::string_view cellText(const ForeignQuery &q, int col, std::string &scratch)
{
    if (q.isNull(col))
        return {};
    int64_t n = 0;
    if (q.int64At(col, n)) {
        scratch = std::to_string(n);
        return scratch;
    }
    return q.textAt(col);
}

} // namespace

const char *dumpTableOf(const ForeignDb &db)
{
    for (const char *t : {"memscope_dump", "leaks_dump"}) {
        if (db.hasTable(t))
            return t;
    }
    return nullptr;
}

bool readDumpDb(const ForeignDb &db, uint64_t bytes, RecordSink &sink)
{
    const char *table = dumpTableOf(db);
    if (!table)
        return fail(sink, "not an msMemScope dump database: no table memscope_dump or leaks_dump");
    for (const char *required : {"Event", "Timestamp(ns)"}) {
        if (!db.hasColumn(table, required))
            return fail(sink, std::string("table ") + table + " lacks column " + required);
    }
    // Constant identifiers of our own; a column the version lacks reads as NULL.
    std::string sql = "SELECT ";
    for (int i = 0; i < kColumnCount; ++i) {
        sql += i ? ", " : "";
        sql += db.hasColumn(table, kColumns[i]) ? "\"" + std::string(kColumns[i]) + "\"" : "NULL";
    }
    sql += std::string(" FROM \"") + table + "\"";

    SkipCounter skips;
    DumpRowReader rows(sink, skips);
    sink.put(rec::ProgressRec{0, bytes, rec::Stage::Reading});
    ForeignQuery q(db, sql);
    std::string scratch[kColumnCount];
    while (q.step()) {
        std::string_view c[kColumnCount];
        for (int i = 0; i < kColumnCount; ++i)
            c[i] = cellText(q, i, scratch[i]);
        DumpCells cells{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]};
        rows.row(cells);
    }
    if (q.failed())
        return fail(sink, std::string("reading table ") + table + ": " + q.error());
    skips.sendTo(sink);
    if (sink.repairedStrings())
        sink.put(rec::WarningRec{rec::kNoOffset, std::to_string(sink.repairedStrings()) +
                                                     " strings were not valid UTF-8; bad bytes "
                                                     "were replaced by U+FFFD"});
    sink.put(rec::ProgressRec{bytes, bytes, rec::Stage::Finishing});
    sink.put(rec::ResultRec{sink.intern(kFormat), rows.rows()});
    return true;
}

} // namespace ts::parsers::memscope

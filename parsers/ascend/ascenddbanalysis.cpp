// analysis.db, the per-rank communication analysis torch_npu writes beside its profiler DB:
// its StepTraceTime rows become Step records (what step_trace_time.csv holds, in µs there and
// here, given in ns by the CSV's column names). Its CommAnalyzer* tables are read by
// ascenddbcomm.cpp.
#include "ascenddbimporter.h"

#include <cmath>

namespace ts::parsers {

namespace {

struct StepColumn
{
    const char *db;  // analysis.db column
    const char *csv; // step_trace_time.csv header: the metric's name in the record
};
constexpr StepColumn kStepColumns[] = {
    {"computing", "Computing"},
    {"communication_not_overlapped", "Communication(Not Overlapped)"},
    {"overlapped", "Overlapped"},
    {"communication", "Communication"},
    {"free", "Free"},
    {"stage", "Stage"},
    {"bubble", "Bubble"},
    {"communication_not_overlapped_and_exclude_receive",
     "Communication(Not Overlapped and Exclude Receive)"},
    {"preparing", "Preparing"},
};

} // namespace

bool looksLikeAnalysisDb(const ForeignDb &db)
{
    return db.hasTable("StepTraceTime") || db.hasTable("CommAnalyzerTime") ||
           db.hasTable("CommAnalyzerMatrix");
}

bool AscendDbImporter::readAnalysisSteps()
{
    const char *table = "StepTraceTime";
    if (!m_db.hasTable(table))
        return true; // an analysis.db of communication only
    if (const std::string why = missingColumns(m_db, table, {"step"}); !why.empty())
        return fail(why);
    std::string sql = "SELECT s.step, " + columnOrNull(m_db, table, "s", "deviceId");
    for (const StepColumn &c : kStepColumns)
        sql += ", " + columnOrNull(m_db, table, "s", c.db);
    sql += " FROM StepTraceTime s";
    ForeignQuery q(m_db, sql);
    std::string scratch;
    while (q.step()) {
        ++m_rows;
        rec::StepRec r;
        int64_t n = -1;
        if (q.int64At(0, n) && n >= 0)
            r.step = n; // "" or "step" when the run had no step numbers
        r.device = deviceAt(q, 1);
        m_args.clear();
        int col = 2;
        for (const StepColumn &c : kStepColumns) {
            double us = 0;
            if (q.doubleAt(col++, us) && std::fabs(us) < 1e15)
                m_args.addInt(c.csv, std::llround(us * 1000.0)); // µs → ns
        }
        r.metrics = m_sink.boundedJson(m_args.text(), scratch);
        m_sink.put(r);
    }
    return q.failed() ? tableFailed(table, q) : true;
}

} // namespace ts::parsers

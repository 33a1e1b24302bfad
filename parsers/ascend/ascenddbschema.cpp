#include "ascenddbschema.h"

namespace ts::parsers {

const std::vector<std::string> &ascendDbTables()
{
    static const std::vector<std::string> kTables = {
        "STRING_IDS", "ENUM_API_TYPE", "ENUM_MSTX_EVENT_TYPE", "ENUM_HCCL_DATA_TYPE",
        "ENUM_HCCL_LINK_TYPE", "ENUM_HCCL_TRANSPORT_TYPE", "ENUM_HCCL_RDMA_TYPE", "ENUM_MODULE",
        "TASK", "COMPUTE_TASK_INFO", "COMMUNICATION_TASK_INFO", "COMMUNICATION_OP", "CANN_API",
        "PYTORCH_API", "CONNECTION_IDS", "PYTORCH_CALLCHAINS", "MSTX_EVENTS", "TASK_PMU_INFO",
        "MEMORY_RECORD", "OP_MEMORY", "STEP_TIME", "RANK_DEVICE_MAP", "SESSION_TIME_INFO",
        "NPU_INFO", "META_DATA", "AICORE_FREQ", "HBM", "LLC", "DDR", "ACC_PMU",
        "SOC_BANDWIDTH_LEVEL", "NPU_MEM", "StepTraceTime", "CommAnalyzerTime",
        "CommAnalyzerBandwidth", "CommAnalyzerMatrix",
        // msMemScope (memscope/dumpdb.h)
        "memscope_dump", "leaks_dump"};
    return kTables;
}

bool looksLikeAscendDb(const ForeignDb &db)
{
    if (!db.hasTable("STRING_IDS"))
        return false;
    for (const char *t : {"TASK", "CANN_API", "PYTORCH_API", "COMMUNICATION_OP", "MEMORY_RECORD"})
        if (db.hasTable(t))
            return true;
    return false;
}

std::string missingColumns(const ForeignDb &db, std::string_view table,
                           std::initializer_list<std::string_view> columns)
{
    std::string missing;
    for (std::string_view c : columns) {
        if (db.hasColumn(table, c))
            continue;
        if (!missing.empty())
            missing += ", ";
        missing += c;
    }
    if (missing.empty())
        return {};
    return "table " + std::string(table) + " lacks column" +
           (missing.find(',') != std::string::npos ? "s " : " ") + missing;
}

std::string columnOrNull(const ForeignDb &db, std::string_view table, std::string_view alias,
                         std::string_view column)
{
    if (!db.hasColumn(table, column))
        return "NULL";
    return std::string(alias) + "." + std::string(column);
}

std::string columnsOrNull(const ForeignDb &db, std::string_view table, std::string_view alias,
                          std::initializer_list<std::string_view> columns)
{
    std::string list;
    for (const std::string_view column : columns) {
        if (!list.empty())
            list += ", ";
        list += columnOrNull(db, table, alias, column);
    }
    return list;
}

bool DbStrings::load(const ForeignDb &db, std::string &error)
{
    if (const std::string why = missingColumns(db, "STRING_IDS", {"id", "value"}); !why.empty()) {
        error = why;
        return false;
    }
    ForeignQuery q(db, "SELECT id, value FROM STRING_IDS");
    while (q.step()) {
        int64_t id = 0;
        if (!q.int64At(0, id))
            continue;
        std::string text(q.textAt(1));
        // Ids are 0..n-1 in every file seen; anything else goes to the map.
        if (id == int64_t(m_dense.size()))
            m_dense.push_back(std::move(text));
        else if (id >= 0 && id < int64_t(m_dense.size()))
            m_dense[size_t(id)] = std::move(text);
        else
            m_sparse[id] = std::move(text);
    }
    if (q.failed()) {
        error = "reading table STRING_IDS: " + q.error();
        return false;
    }
    return true;
}

std::string_view DbStrings::byId(int64_t id) const
{
    if (id >= 0 && id < int64_t(m_dense.size()))
        return m_dense[size_t(id)];
    auto it = m_sparse.find(id);
    return it == m_sparse.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view DbStrings::at(const ForeignQuery &q, int col) const
{
    int64_t id = 0;
    return q.int64At(col, id) ? byId(id) : std::string_view();
}

bool DbEnum::load(const ForeignDb &db, const char *table, std::string &error)
{
    if (!db.hasTable(table))
        return true;
    if (const std::string why = missingColumns(db, table, {"id", "name"}); !why.empty()) {
        error = why;
        return false;
    }
    ForeignQuery q(db, std::string("SELECT id, name FROM ") + table);
    while (q.step()) {
        int64_t id = 0;
        if (q.int64At(0, id))
            m_names[id] = std::string(q.textAt(1));
    }
    if (q.failed()) {
        error = std::string("reading table ") + table + ": " + q.error();
        return false;
    }
    return true;
}

std::string_view DbEnum::name(int64_t id) const
{
    auto it = m_names.find(id);
    return it == m_names.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view DbEnum::at(const ForeignQuery &q, int col) const
{
    int64_t id = 0;
    return q.int64At(col, id) ? name(id) : std::string_view();
}

} // namespace ts::parsers

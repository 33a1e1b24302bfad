#pragma once
// One kind of Ascend CSV (kernel_details, memory_record, …): what its header must hold, and how
// one row becomes records. A table resolves its columns by name once, from the header, and keeps
// no other state than counts, so any byte range of the file's rows can be read by any instance.

#include "cells.h"
#include "common/recordsink.h"
#include "common/skipcounter.h"
#include "csvreader.h"

#include <memory>
#include <string>

namespace ts::parsers::ascend {

class CsvTable
{
public:
    virtual ~CsvTable() = default;
    // One data row. False only for an error that ends the import (error says what).
    virtual bool row(const CsvRecord &record, std::string &error) = 0;
    uint64_t rowsEmitted() const { return m_emitted; }
    // Whether any time had to be read from an exponent form (precision lost: say so once).
    uint64_t lossyTimes() const { return m_lossy; }

protected:
    CsvTable(RecordSink &sink, SkipCounter &skips) : m_sink(sink), m_skips(skips) {}
    // A required column: its index, or -1 with `missing` naming it (first name given).
    static int required(const CsvHeader &header, std::initializer_list<std::string_view> names,
                        std::string &missing);
    // A time cell into ns: -1 when absent; false (and the row is skipped) when unreadable.
    bool timeCell(std::string_view cell, int64_t &ns);

    RecordSink &m_sink;
    SkipCounter &m_skips;
    uint64_t m_emitted = 0;
    uint64_t m_lossy = 0;
    std::string m_scratch;
};

struct TableKind
{
    const char *name;   // for messages: "kernel_details / op_summary"
    const char *format; // the Result's format: "ascend-kernel-details"
};

// Picks the table for a header by its column names; nullptr and an empty error when no kind
// matches, nullptr and an error naming the missing column when a kind matches but lacks one.
std::unique_ptr<CsvTable> makeCsvTable(const CsvHeader &header, RecordSink &sink,
                                       SkipCounter &skips, TableKind &kind, std::string &error);

} // namespace ts::parsers::ascend

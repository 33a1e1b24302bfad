#pragma once
// Finds Ascend profiling ranks in a folder and picks the files to import from each, by layout,
// name and magic bytes only (what a file really is, the sandboxed child decides by content).
//
// A rank folder holds ASCEND_PROFILER_OUTPUT/ (torch_npu / MindSpore: *_ascend_pt, *_ascend_ms),
// or is a PROF_* folder with mindstudio_profiler_output/ or an msprof_*.db (msprof). A cluster is
// any folder with rank folders below it, at any depth; folders are walked without following
// links, and a rank folder is not searched for further ranks (torch_npu embeds a raw PROF_*).
// Where a rank has its profiler DB, the DB is picked and the text files are kept as the
// fallback, imported only when the DB cannot be; profiler_info_*.json (the rank's identity) is
// picked either way. communication.json / communication_matrix.json are text files of the rank;
// analysis.db (their DB-export equivalent) goes with the profiler DB. A cluster_analysis_output/
// (msprof-analyze) beside the ranks gives its cluster_communication(_matrix).json.

#include <QString>
#include <QStringList>

namespace ts::app {

struct RankFolder
{
    QString path;         // absolute
    QStringList files;    // to import: the profiler DB or the text files, and profiler_info
    QStringList fallback; // the text files when `files` holds the DB (else empty)
};

struct AscendScan
{
    QList<RankFolder> ranks;  // sorted by path
    QStringList clusterFiles; // cluster_analysis_output's files, of no one rank
    QStringList notes;        // "path: why" for what was found and passed over
};

// Whether `dir` itself is a rank folder (not a link).
bool isRankFolder(const QString &dir);
// Rank folders at or below `root`; maxDirs bounds the walk.
AscendScan findRankFolders(const QString &root, int maxDirs = 100000);

} // namespace ts::app

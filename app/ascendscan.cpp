#include "ascendscan.h"

#include "inputscan.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace ts::app {

namespace {

const QString kTorchOutput = QStringLiteral("ASCEND_PROFILER_OUTPUT");
const QString kMsprofOutput = QStringLiteral("mindstudio_profiler_output");

bool isRealDir(const QFileInfo &info)
{
    return info.isDir() && !info.isSymLink();
}

QByteArray head(const QString &file)
{
    QByteArray bytes;
    return readHead(file, bytes) ? bytes : QByteArray();
}

// Magic-byte checks of a picked file: JSON text, an SQLite file, or CSV text.
bool looksLikeJson(const QString &file)
{
    return sniffKind(head(file)) == InputKind::Json;
}
bool looksLikeSqlite(const QString &file)
{
    return head(file).startsWith(QByteArrayLiteral("SQLite format 3\0"));
}
bool looksLikeCsv(const QString &file)
{
    const QByteArray h = head(file);
    const QByteArray firstLine = h.left(h.indexOf('\n') < 0 ? h.size() : h.indexOf('\n'));
    return !h.contains('\0') && firstLine.contains(',');
}

// Regular files of `dir` (no links) whose names match `pattern`, sorted.
QStringList filesMatching(const QString &dir, const QString &pattern)
{
    QStringList out;
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    const QFileInfoList entries =
        QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &info : entries) {
        if (!info.isSymLink() && info.isFile() && re.match(info.fileName()).hasMatch())
            out << info.absoluteFilePath();
    }
    return out;
}

struct Pattern
{
    QString regex;
    bool (*check)(const QString &);
};

// The text tables the importer reads, by producer (torch_npu / msprof names).
const Pattern kTorchText[] = {
    {QStringLiteral("trace_view\\.json"), looksLikeJson},
    {QStringLiteral("kernel_details\\.csv"), looksLikeCsv},
    {QStringLiteral("memory_record\\.csv"), looksLikeCsv},
    {QStringLiteral("operator_memory\\.csv"), looksLikeCsv},
    {QStringLiteral("step_trace_time\\.csv"), looksLikeCsv},
    {QStringLiteral("communication\\.json"), looksLikeJson},
    {QStringLiteral("communication_matrix\\.json"), looksLikeJson},
};
const Pattern kMsprofText[] = {
    {QStringLiteral("msprof_(slice_\\d+_)?\\d+\\.json"), looksLikeJson},
    {QStringLiteral("op_summary_(slice_\\d+_)?\\d+\\.csv"), looksLikeCsv},
    {QStringLiteral("memory_record_\\d+\\.csv"), looksLikeCsv},
    {QStringLiteral("operator_memory_\\d+\\.csv"), looksLikeCsv},
    {QStringLiteral("step_trace_time_\\d+\\.csv"), looksLikeCsv},
};

// msprof-analyze's cluster_analysis_output/: what the Communication view reads of it.
const QString kClusterOutput = QStringLiteral("cluster_analysis_output");
const Pattern kClusterText[] = {
    {QStringLiteral("cluster_communication\\.json"), looksLikeJson},
    {QStringLiteral("cluster_communication_matrix\\.json"), looksLikeJson},
};

template <size_t N>
QStringList pick(const QString &dir, const Pattern (&patterns)[N], QStringList &notes)
{
    QStringList out;
    for (const Pattern &p : patterns) {
        for (const QString &file : filesMatching(dir, p.regex)) {
            if (p.check(file))
                out << file;
            else
                notes << QStringLiteral("%1: its first bytes are not what its name says; "
                                        "skipped")
                             .arg(file);
        }
    }
    return out;
}

RankFolder pickFiles(const QString &path, QStringList &notes)
{
    RankFolder rank;
    rank.path = path;
    const QStringList info = filesMatching(path, QStringLiteral("profiler_info(_\\d+)?\\.json"));
    QStringList db, text;
    const QString torch = QDir(path).filePath(kTorchOutput);
    QStringList analysis; // analysis.db: the communication analysis of a DB export
    if (isRealDir(QFileInfo(torch))) {
        db = filesMatching(torch, QStringLiteral("ascend_pytorch_profiler(_\\d+)?\\.db"));
        analysis = filesMatching(torch, QStringLiteral("analysis\\.db"));
        text = pick(torch, kTorchText, notes);
    } else {
        db = filesMatching(path, QStringLiteral("msprof_\\d+\\.db"));
        const QString msprof = QDir(path).filePath(kMsprofOutput);
        if (isRealDir(QFileInfo(msprof)))
            text = pick(msprof, kMsprofText, notes);
    }
    db.erase(
        std::remove_if(db.begin(), db.end(), [](const QString &f) { return !looksLikeSqlite(f); }),
        db.end());
    for (const QString &f : info) {
        if (looksLikeJson(f))
            rank.files << f;
    }
    if (!db.isEmpty()) {
        // analysis.db goes with the DB (a text export has communication*.json instead).
        for (const QString &f : std::as_const(analysis))
            if (looksLikeSqlite(f))
                rank.files << f;
        rank.files << db.first(); // one profiler DB per rank, last
        rank.fallback = text;
    } else {
        rank.files << text;
    }
    return rank;
}

} // namespace

bool isRankFolder(const QString &dir)
{
    const QFileInfo self(dir);
    if (!isRealDir(self))
        return false;
    if (isRealDir(QFileInfo(QDir(dir).filePath(kTorchOutput))))
        return true;
    if (!self.fileName().startsWith(QLatin1String("PROF_")))
        return false;
    return isRealDir(QFileInfo(QDir(dir).filePath(kMsprofOutput))) ||
           !filesMatching(dir, QStringLiteral("msprof_\\d+\\.db")).isEmpty();
}

AscendScan findRankFolders(const QString &root, int maxDirs)
{
    AscendScan scan;
    const QFileInfo rootInfo(root);
    if (!isRealDir(rootInfo))
        return scan;
    QStringList found, clusterDirs;
    const QString top = rootInfo.absoluteFilePath();
    if (isRankFolder(top)) {
        found << top;
    } else {
        // QDirIterator does not descend into linked folders without FollowSymlinks.
        QDirIterator it(top, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        int seen = 0;
        while (it.hasNext()) {
            const QString dir = it.next();
            if (++seen > maxDirs) {
                scan.notes << QStringLiteral("%1: stopped looking for ranks after %2 folders")
                                  .arg(root)
                                  .arg(maxDirs);
                break;
            }
            if (it.fileInfo().isSymLink())
                continue;
            if (isRankFolder(dir))
                found << dir;
            else if (it.fileName() == kClusterOutput)
                clusterDirs << dir;
        }
        found.sort();
        // A rank folder's own sub-folders are not ranks (torch_npu embeds a raw PROF_*).
        QStringList outer;
        for (const QString &dir : std::as_const(found)) {
            if (outer.isEmpty() || !dir.startsWith(outer.constLast() + QLatin1Char('/')))
                outer << dir;
        }
        found = outer;
    }
    for (const QString &dir : std::as_const(found))
        scan.ranks << pickFiles(dir, scan.notes);
    // msprof-analyze's output beside the ranks (not inside one: a rank folder is not searched).
    clusterDirs.sort();
    for (const QString &dir : std::as_const(clusterDirs)) {
        const bool inRank = std::any_of(found.cbegin(), found.cend(), [&dir](const QString &r) {
            return dir.startsWith(r + QLatin1Char('/'));
        });
        if (!inRank && !scan.ranks.isEmpty())
            scan.clusterFiles << pick(dir, kClusterText, scan.notes);
    }
    return scan;
}

} // namespace ts::app

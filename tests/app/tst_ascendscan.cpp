// findRankFolders: which folders are ranks and which files each gives, on trees built here —
// nesting at any depth, links not followed, the raw PROF_* inside a torch_npu folder not a rank,
// the profiler DB picked over the text files (kept as the fallback), files whose first bytes
// contradict their name passed over with a note.
#include "ascendscan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using ts::app::findRankFolders;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const QByteArray kCsv = "Step,Computing\n1,2\n";
const QByteArray kJson = "[{\"ph\":\"M\"}]";
const QByteArray kInfo = "{\"rank_id\": 0}";
const QByteArray kDb("SQLite format 3\0rest", 20);

QStringList names(const QStringList &paths, const QString &root)
{
    QStringList out;
    for (const QString &p : paths)
        out << QDir(root).relativeFilePath(p);
    return out;
}

} // namespace

class TestAscendScan : public QObject
{
    Q_OBJECT
private slots:
    void clusterAtAnyDepth();
    void databasePreferred();
    void communicationFiles();
    void msprofFolder();
    void notARank();
};

void TestAscendScan::clusterAtAnyDepth()
{
    QTemporaryDir dir;
    const QString r = dir.path();
    write(r + "/a/w_1_ascend_pt/profiler_info_0.json", kInfo);
    write(r + "/a/w_1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json", kJson);
    write(r + "/a/w_1_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv", kCsv);
    write(r + "/a/w_1_ascend_pt/ASCEND_PROFILER_OUTPUT/operator_details.csv", kCsv); // not read
    // The raw PROF_* a torch_npu folder embeds is part of that rank, not another one.
    write(r + "/a/w_1_ascend_pt/PROF_000001_1_AAA/mindstudio_profiler_output/msprof_1.json", kJson);
    write(r + "/b/c/d/w_2_ascend_ms/ASCEND_PROFILER_OUTPUT/memory_record.csv", kCsv);
    // A file named as a table whose bytes are not text: passed over, said so.
    write(r + "/b/c/d/w_2_ascend_ms/ASCEND_PROFILER_OUTPUT/step_trace_time.csv",
          QByteArray("\x80\x02\x00\x01", 4));
    // A link to a rank folder is not followed.
    QVERIFY(QFile::link(r + "/a/w_1_ascend_pt", r + "/linked_ascend_pt"));

    const ts::app::AscendScan scan = findRankFolders(r);
    QCOMPARE(scan.ranks.size(), 2);
    QCOMPARE(names({scan.ranks[0].path, scan.ranks[1].path}, r),
             QStringList({"a/w_1_ascend_pt", "b/c/d/w_2_ascend_ms"}));
    QCOMPARE(names(scan.ranks[0].files, r),
             QStringList({"a/w_1_ascend_pt/profiler_info_0.json",
                          "a/w_1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json",
                          "a/w_1_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv"}));
    QVERIFY(scan.ranks[0].fallback.isEmpty());
    QCOMPARE(names(scan.ranks[1].files, r),
             QStringList({"b/c/d/w_2_ascend_ms/ASCEND_PROFILER_OUTPUT/memory_record.csv"}));
    QCOMPARE(scan.notes.size(), 1);
    QVERIFY(scan.notes[0].contains(QLatin1String("step_trace_time.csv")));

    // Opened on a rank folder itself: that one rank.
    QCOMPARE(findRankFolders(r + "/a/w_1_ascend_pt").ranks.size(), 1);
}

void TestAscendScan::databasePreferred()
{
    QTemporaryDir dir;
    const QString r = dir.path() + "/x_ascend_pt";
    write(r + "/profiler_info_3.json", kInfo);
    write(r + "/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_3.db", kDb);
    write(r + "/ASCEND_PROFILER_OUTPUT/analysis.db", kDb); // the DB export's communication
    write(r + "/ASCEND_PROFILER_OUTPUT/trace_view.json", kJson);
    write(r + "/ASCEND_PROFILER_OUTPUT/kernel_details.csv", kCsv);
    write(r + "/ASCEND_PROFILER_OUTPUT/communication.json", kJson); // the text export's
    const ts::app::AscendScan scan = findRankFolders(dir.path());
    QCOMPARE(scan.ranks.size(), 1);
    // The profiler DB stays last: the fallback is decided by its outcome.
    QCOMPARE(names(scan.ranks[0].files, r),
             QStringList({"profiler_info_3.json", "ASCEND_PROFILER_OUTPUT/analysis.db",
                          "ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_3.db"}));
    QCOMPARE(names(scan.ranks[0].fallback, r),
             QStringList({"ASCEND_PROFILER_OUTPUT/trace_view.json",
                          "ASCEND_PROFILER_OUTPUT/kernel_details.csv",
                          "ASCEND_PROFILER_OUTPUT/communication.json"}));
    QVERIFY(scan.clusterFiles.isEmpty());
}

// A text export's communication*.json are its files (analysis.db beside them is not: the JSON
// says the same); msprof-analyze's cluster_analysis_output beside the ranks gives its two
// communication files, and one inside a rank folder is not looked at.
void TestAscendScan::communicationFiles()
{
    QTemporaryDir dir;
    const QString r = dir.path() + "/x_ascend_pt";
    write(r + "/ASCEND_PROFILER_OUTPUT/communication.json", kJson);
    write(r + "/ASCEND_PROFILER_OUTPUT/communication_matrix.json", kJson);
    write(r + "/ASCEND_PROFILER_OUTPUT/analysis.db", kDb);
    write(r + "/cluster_analysis_output/cluster_communication.json", kJson); // inside a rank
    const QString c = dir.path() + "/cluster_analysis_output/";
    write(c + "cluster_communication.json", kJson);
    write(c + "cluster_communication_matrix.json", kJson);
    write(c + "communication_group.json", kJson);   // not read
    write(c + "cluster_step_trace_time.csv", kCsv); // not read here
    const ts::app::AscendScan scan = findRankFolders(dir.path());
    QCOMPARE(scan.ranks.size(), 1);
    QCOMPARE(names(scan.ranks[0].files, r),
             QStringList({"ASCEND_PROFILER_OUTPUT/communication.json",
                          "ASCEND_PROFILER_OUTPUT/communication_matrix.json"}));
    QCOMPARE(names(scan.clusterFiles, c),
             QStringList({"cluster_communication.json", "cluster_communication_matrix.json"}));
}

void TestAscendScan::msprofFolder()
{
    QTemporaryDir dir;
    const QString r = dir.path() + "/PROF_000001_20260605155111872_JDEKRCNERPBNJEGA";
    const QString out = r + "/mindstudio_profiler_output/";
    write(out + "msprof_20260605155137.json", kJson);
    write(out + "msprof_slice_0_20260605155137.json", kJson);
    write(out + "op_summary_20260605155140.csv", kCsv);
    write(out + "op_statistic_20260605155140.csv", kCsv); // not read
    write(r + "/device_0/data/raw.bin", "raw");
    const ts::app::AscendScan scan = findRankFolders(dir.path());
    QCOMPARE(scan.ranks.size(), 1);
    QCOMPARE(names(scan.ranks[0].files, out),
             QStringList({"msprof_20260605155137.json", "msprof_slice_0_20260605155137.json",
                          "op_summary_20260605155140.csv"}));
}

void TestAscendScan::notARank()
{
    QTemporaryDir dir;
    write(dir.path() + "/trace.json", kJson);
    write(dir.path() + "/PROF_notes/readme.txt", "x"); // a PROF_ name without msprof output
    QVERIFY(findRankFolders(dir.path()).ranks.isEmpty());
    QVERIFY(findRankFolders(dir.path() + "/trace.json").ranks.isEmpty());
}

QTEST_GUILESS_MAIN(TestAscendScan)
#include "tst_ascendscan.moc"

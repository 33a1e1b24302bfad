// AscendCsvImporter through the child's entry (importFrom), as the app would receive it: every
// Ascend CSV of the samples imports with one record per data row (the count taken from the file
// by a rule of the test's own: its non-blank lines less the header — none of these files has a
// quoted newline), exact values checked against the file's text, and bad input refused with a
// message that names the table and the column.
#include "streamsummary.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace ts;
using testing::importBytes;
using testing::StreamSummary;

namespace {

const QString kSamples = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/");

QByteArray readSample(const QString &relative)
{
    QFile f(kSamples + relative);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int dataRows(const QByteArray &text)
{
    int n = 0;
    for (const QByteArray &line : text.split('\n'))
        n += line.trimmed().isEmpty() ? 0 : 1;
    return n - 1;
}

// The cell of `column` (by header name) in data row `row` (0-based), split naively: the columns
// read here come before any quoted cell.
QByteArray cell(const QByteArray &text, const QByteArray &column, int row)
{
    const QList<QByteArray> lines = text.split('\n');
    const int index = int(lines[0].trimmed().split(',').indexOf(column));
    return index < 0 ? QByteArray() : lines[row + 1].split(',').value(index).trimmed();
}

// "1736408883704643.212" µs → ns, by string surgery (not the importer's code).
qint64 nsOfMicros(const QByteArray &text)
{
    const QList<QByteArray> parts = text.split('.');
    const QByteArray fraction = (parts.value(1) + "000").left(3);
    return parts[0].toLongLong() * 1000 + fraction.toLongLong();
}

size_t rowsOf(const StreamSummary &s)
{
    return s.ascend.tasks.size() + s.ascend.steps.size() + s.ascend.memRecords.size() +
           s.ascend.opMemory.size();
}

} // namespace

class TestAscendCsvImporter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(kSamples + QStringLiteral("SOURCES.md")))
            QSKIP("the Ascend samples are not here");
    }
    void samples_data();
    void samples();
    void exactValues();
    void cann83Devices();
    void badInput_data();
    void badInput();
};

void TestAscendCsvImporter::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QDirIterator it(kSamples, {QStringLiteral("*.csv")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next().mid(kSamples.size());
    files.sort();
    int rows = 0;
    for (const QString &f : files) {
        const QString name = f.section(QLatin1Char('/'), -1);
        QString format;
        if (name.startsWith(QLatin1String("kernel_details")) ||
            name.startsWith(QLatin1String("op_summary")))
            format = QStringLiteral("ascend-kernel-details");
        else if (name.startsWith(QLatin1String("memory_record")))
            format = QStringLiteral("ascend-memory-record");
        else if (name.startsWith(QLatin1String("operator_memory")))
            format = QStringLiteral("ascend-operator-memory");
        else if (name.contains(QLatin1String("step_trace_time")))
            format = QStringLiteral("ascend-step-trace");
        else
            continue; // statistics and other tables: not read (yet)
        QTest::newRow(qPrintable(f)) << f << format;
        ++rows;
    }
    QVERIFY(rows >= 20); // the samples hold this many of the four tables
}

void TestAscendCsvImporter::samples()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    const QByteArray text = readSample(file);
    const StreamSummary s = importBytes(text.toStdString());
    QVERIFY2(s.valid, s.violation.c_str());
    QVERIFY2(s.hasResult, s.error.c_str());
    QCOMPARE(QString::fromStdString(s.format), format);
    // Every data row is a record, or counted as skipped with its reason.
    QCOMPARE(int(rowsOf(s) + s.skippedTotal()), dataRows(text));
    QCOMPARE(int(s.skippedTotal()), 0); // the real files are all readable
}

void TestAscendCsvImporter::exactValues()
{
    const QString dir = QStringLiteral("msinsight/test/data/pytorch/text/level1/rank0_ascend_pt/"
                                       "ASCEND_PROFILER_OUTPUT/");
    const QByteArray kernels = readSample(dir + QStringLiteral("kernel_details.csv"));
    const StreamSummary k = importBytes(kernels.toStdString());
    QVERIFY(!k.ascend.tasks.empty());
    const rec::DeviceTaskRec &t = k.ascend.tasks[0];
    QCOMPARE(t.ts, nsOfMicros(cell(kernels, "Start Time(us)", 0)));
    QCOMPARE(t.ts, Q_INT64_C(1736408883704643212)); // beyond 2^53: no double on the way
    QCOMPARE(t.dur, nsOfMicros(cell(kernels, "Duration(us)", 0)));
    QCOMPARE(t.dur, 53741);
    QCOMPARE(t.stream, 2);
    QCOMPARE(t.taskId, 11051);
    QCOMPARE(t.kind, rec::TaskKind::Compute);
    QCOMPARE(k.str(t.name), std::string("trans_TransData_0"));
    QCOMPARE(k.str(t.core), std::string("AI_VECTOR_CORE"));
    // Every other column is kept, the shapes unquoted once as CSV says.
    const QString columns = QString::fromUtf8(t.columns.data(), qsizetype(t.columns.size()));
    QVERIFY2(columns.contains(QLatin1String("\"Input Shapes\":\"\\\"32,3,224,224\\\"\"")),
             qPrintable(columns));
    QVERIFY(columns.contains(QLatin1String("\"aic_total_cycles\":")));
    QVERIFY(columns.contains(QLatin1String("\"Model ID\":4294967295")));

    const QByteArray memory = readSample(dir + QStringLiteral("memory_record.csv"));
    const StreamSummary m = importBytes(memory.toStdString());
    QVERIFY(!m.ascend.memRecords.empty());
    const rec::MemRecordRec &r = m.ascend.memRecords[0];
    QCOMPARE(r.reserved, Q_INT64_C(2212077568)); // 2109.6015625 MB
    QCOMPARE(r.allocated, -1);                   // an empty cell: not recorded
    QCOMPARE(r.device, 0);                       // NPU:0
    QCOMPARE(m.str(r.component), std::string("APP"));
    QCOMPARE(r.ts, nsOfMicros(cell(memory, "Timestamp(us)", 0)));

    const QByteArray ops = readSample(dir + QStringLiteral("operator_memory.csv"));
    const StreamSummary o = importBytes(ops.toStdString());
    QVERIFY(!o.ascend.opMemory.empty());
    QCOMPARE(o.ascend.opMemory[0].size, Q_INT64_C(19268096)); // 18816.5 KB
    QCOMPARE(o.ascend.opMemory[0].releaseTs, -1);             // released after the window

    // The older sample's spreadsheet-mangled timestamps are read, and said to be imprecise.
    const StreamSummary old =
        importBytes(readSample(QStringLiteral("msinsight/server/src/test/test_data/test_rank_1/"
                                              "ASCEND_PROFILER_OUTPUT/memory_record.csv"))
                        .toStdString());
    QVERIFY(old.hasResult);
    QCOMPARE(old.ascend.memRecords[0].ts, Q_INT64_C(1695120000000000000));
    QCOMPARE(old.warnings.size(), size_t(1));
    QVERIFY(QString::fromStdString(old.warnings[0]).contains(QLatin1String("exponent")));
}

// CANN 8.3: a leading Device_id column; rank 2 runs on device 4.
void TestAscendCsvImporter::cann83Devices()
{
    for (auto [rank, device] : {std::pair{0, 0}, {1, 1}, {2, 4}, {3, 5}}) {
        const StreamSummary s =
            importBytes(readSample(QStringLiteral("msinsight/test/st/level2/rank_%1_ascend_pt/"
                                                  "ASCEND_PROFILER_OUTPUT/step_trace_time.csv")
                                       .arg(rank))
                            .toStdString());
        QCOMPARE(s.ascend.steps.size(), size_t(1));
        QCOMPARE(s.ascend.steps[0].device, device);
        QCOMPARE(s.ascend.steps[0].step, 13);
    }
    const StreamSummary k =
        importBytes(readSample(QStringLiteral("msinsight/test/st/level2/rank_0_ascend_pt/"
                                              "ASCEND_PROFILER_OUTPUT/kernel_details.csv"))
                        .toStdString());
    QCOMPARE(k.ascend.tasks[0].device, 0);
    QCOMPARE(k.ascend.tasks[0].dur, 1892920);
}

void TestAscendCsvImporter::badInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("kernel_details without Duration(us)")
        << QByteArray("Step Id,Task ID,Stream ID,Name,Type,Accelerator Core,Start Time(us)\n"
                      "1,2,3,n,t,AI_CORE,1.0\n")
        << "kernel_details / op_summary: no column 'Duration(us)' (nor 'Task Duration(us)')";
    QTest::newRow("memory_record without Timestamp(us)")
        << QByteArray("Component,Total Allocated(MB),Total Reserved(MB)\nAPP,1,2\n")
        << "memory_record: no column 'Timestamp(us)'";
    QTest::newRow("a CSV of no known table") << QByteArray("Level,API Name,Time(us)\nacl,x,1\n")
                                             << "its columns are Level, API Name, Time(us)";
    // Found by fuzz_csv: the header's bytes reach the message; it must still be UTF-8.
    QTest::newRow("a header that is not UTF-8")
        << QByteArray("\xE1,b\n1,2\n") << "its columns are \xEF\xBF\xBD, b";
    QTest::newRow("unclosed quote") << QByteArray("Step,Computing\n\"1,2\n") << "never closes";
}

void TestAscendCsvImporter::badInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const StreamSummary s = importBytes(text.toStdString());
    QVERIFY(s.valid);
    QVERIFY(!s.hasResult);
    QVERIFY2(QString::fromStdString(s.error).contains(error), s.error.c_str());
    QVERIFY(rowsOf(s) == 0 || error == QLatin1String("never closes"));
}

QTEST_GUILESS_MAIN(TestAscendCsvImporter)
#include "tst_ascendcsvimporter.moc"

// File ▸ Compare… / `--compare BASE PATH` in the window: two traces the test writes, imported
// through the real sandboxed child, compared per name — both counts and totals and the change,
// largest change first — and an input that cannot be opened named in the tab.
#include "comparetab.h"
#include "importservice.h"
#include "memory/memscopecomparemodel.h"
#include "memory/memscopecompareview.h"
#include "operators/comparetablemodel.h"
#include "operators/compareview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ts::app;

namespace {

// X events of whole µs on one thread, one after another: {name, dur µs}.
QByteArray trace(const QList<QPair<const char *, int>> &ops)
{
    QByteArray json = "{\"traceEvents\":[";
    int ts = 100;
    for (const auto &[name, dur] : ops) {
        json += QStringLiteral("{\"ph\":\"X\",\"name\":\"%1\",\"pid\":1,\"tid\":1,\"ts\":%2,"
                               "\"dur\":%3},")
                    .arg(QLatin1String(name))
                    .arg(ts)
                    .arg(dur)
                    .toUtf8();
        ts += dur + 10;
    }
    json.chop(1);
    return json + "]}";
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCompareTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("cache"))));
    }
    void comparesPerName();
    void namesTheInputThatFailed();
    void comparesTwoDumps();
    void aDumpComparesOnlyWithADump();

private:
    QTemporaryDir m_dir;
};

void TestCompareTab::comparesPerName()
{
    const QString base = m_dir.filePath(QStringLiteral("base.json"));
    const QString next = m_dir.filePath(QStringLiteral("new.json"));
    QVERIFY(write(base, trace({{"a", 10}, {"b", 5}, {"a", 10}})));
    QVERIFY(write(next, trace({{"c", 1}, {"a", 30}})));
    ImportService imports(m_dir.filePath(QStringLiteral("cache")),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    CompareTab tab(base, next, &imports);
    tab.resize(1000, 600);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 60000);
    QVERIFY2(tab.errorText().isEmpty(), qPrintable(tab.errorText()));
    // a: 2 × 10 µs → 1 × 30 µs (+10); b: 5 µs → none (−5); c: none → 1 µs (+1).
    QCOMPARE(tab.view()->visibleCsv(),
             QByteArray("name,count_base,count_new,total_base_us,total_new_us,delta_us,"
                        "self_base_us,self_new_us\n"
                        "a,2,1,20.000,30.000,10.000,20.000,30.000\n"
                        "b,1,0,5.000,0.000,-5.000,5.000,0.000\n"
                        "c,0,1,0.000,1.000,1.000,0.000,1.000\n"));
    const QAbstractItemModel *shown = tab.view()->table()->model();
    QCOMPARE(shown->rowCount(), 3);
    QCOMPARE(shown->index(1, ts::views::CompareTableModel::Change).data().toString(),
             QStringLiteral("-100.0 %"));
    QCOMPARE(shown->index(2, ts::views::CompareTableModel::Change).data().toString(),
             QStringLiteral("new"));
    tab.view()->table()->sortByColumn(ts::views::CompareTableModel::Delta, Qt::AscendingOrder);
    QCOMPARE(shown->index(0, 0).data().toString(), QStringLiteral("b"));
}

void TestCompareTab::namesTheInputThatFailed()
{
    const QString next = m_dir.filePath(QStringLiteral("ok.json"));
    QVERIFY(write(next, trace({{"a", 10}})));
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    ImportService imports(m_dir.filePath(QStringLiteral("cache")),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    CompareTab tab(missing, next, &imports);
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 60000);
    QVERIFY2(tab.errorText().contains(missing), qPrintable(tab.errorText()));
}

namespace {

// An msMemScope dump of PTA blocks: {owner, size, freed}, each MALLOCed 1 µs after the last and,
// when freed, freed at the very end.
QByteArray dump(const QList<std::tuple<const char *, int, bool>> &blocks)
{
    QByteArray csv = "ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,Ptr,"
                     "Attr,Call Stack(Python),Call Stack(C)\n";
    qint64 ts = 1764753366000000000;
    int id = 1;
    QByteArray frees;
    for (const auto &[owner, size, freed] : blocks) {
        const QByteArray ptr = "0x" + QByteArray::number(0x1000 * id, 16);
        csv += QByteArray::number(id) + ",MALLOC,PTA,N/A," + QByteArray::number(ts += 1000) +
               ",1,1,0," + ptr + ",\"{size:" + QByteArray::number(size) + ",owner:" + owner +
               "}\",a.py(1): f,\n";
        if (freed)
            frees += QByteArray::number(1000 + id) + ",FREE,PTA,N/A,1764753366100000000,1,1,0," +
                     ptr + ",,,\n";
        ++id;
    }
    return csv + frees;
}

} // namespace

// Two dumps: per owner what each holds at its peak and at the end, the largest growth first;
// per call stack likewise; filtered by text.
void TestCompareTab::comparesTwoDumps()
{
    const QString base = m_dir.filePath(QStringLiteral("memscope_dump_base.csv"));
    const QString next = m_dir.filePath(QStringLiteral("memscope_dump_new.csv"));
    QVERIFY(write(base, dump({{"PTA@a", 1000, false}, {"PTA@b", 4000, true}})));
    QVERIFY(
        write(next, dump({{"PTA@a", 1000, false}, {"PTA@a", 2000, false}, {"PTA@b", 500, true}})));
    ImportService imports(m_dir.filePath(QStringLiteral("cache")),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    CompareTab tab(base, next, &imports);
    tab.resize(1000, 600);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 60000);
    QVERIFY2(tab.errorText().isEmpty(), qPrintable(tab.errorText()));
    QVERIFY(tab.memoryView()->isVisible());
    using M = ts::views::MemScopeCompareModel;
    const QAbstractItemModel *shown = tab.memoryView()->table()->model();
    const auto cell = [&](int row, int column) {
        return shown->index(row, column).data(Qt::UserRole).toString();
    };
    // PTA@a: peak 1000 → 3000 (+2000), all of it held at the end; PTA@b: 4000 → 500 (−3500).
    QCOMPARE(shown->rowCount(), 2);
    QCOMPARE(cell(0, M::Key), QStringLiteral("PTA@a"));
    QCOMPARE(QStringList({cell(0, M::BasePeak), cell(0, M::NewPeak), cell(0, M::Growth),
                          cell(0, M::BaseEnd), cell(0, M::NewEnd), cell(0, M::NewBlocks)}),
             (QStringList{"1000", "3000", "2000", "1000", "3000", "2"}));
    QCOMPARE(cell(1, M::Key), QStringLiteral("PTA@b"));
    QCOMPARE(QStringList({cell(1, M::Growth), cell(1, M::NewEnd), cell(1, M::EndGrowth)}),
             (QStringList{"-3500", "0", "0"}));
    tab.memoryView()->filterField()->setText(QStringLiteral("@B"));
    QCOMPARE(shown->rowCount(), 1);
    tab.memoryView()->filterField()->clear();
    // By call stack: every block has the same one; peaks 5000 (both, at the base's end) and 3500.
    tab.memoryView()->kindBox()->setCurrentIndex(1);
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(cell(0, M::Key), QStringLiteral("a.py(1): f"));
    QCOMPARE(QStringList({cell(0, M::BasePeak), cell(0, M::NewPeak), cell(0, M::Growth)}),
             (QStringList{"5000", "3500", "-1500"}));
}

void TestCompareTab::aDumpComparesOnlyWithADump()
{
    const QString base = m_dir.filePath(QStringLiteral("memscope_dump_only.csv"));
    const QString next = m_dir.filePath(QStringLiteral("trace.json"));
    QVERIFY(write(base, dump({{"PTA@a", 1000, false}})));
    QVERIFY(write(next, trace({{"a", 10}})));
    ImportService imports(m_dir.filePath(QStringLiteral("cache")),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    CompareTab tab(base, next, &imports);
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 60000);
    QVERIFY2(tab.errorText().contains(next) && tab.errorText().contains("msMemScope"),
             qPrintable(tab.errorText()));
}

QTEST_MAIN(TestCompareTab)
#include "tst_comparetab.moc"

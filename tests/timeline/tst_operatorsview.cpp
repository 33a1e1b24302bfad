// The Operators tab's widget over a generated cache: its models under QAbstractItemModelTester,
// sorting, the name and side filters, the range scope against a count made here over every
// slice, the double click asking for the row's longest slice, and the CSV it copies and exports.
#include "cachebuilder.h"
#include "operators/operatorfiltermodel.h"
#include "operators/operatorsview.h"
#include "operators/operatortablemodel.h"
#include "timeline/operatorcsv.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace ts;
using ts::testing::StreamBuilder;

Q_DECLARE_METATYPE(ts::model::SliceRef)

class TestOperatorsView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tableSortsAndFilters();
    void rangeScope();
    void doubleClickAsksForTheLongest();
    void csvOfWhatIsShown();
    void groupsByCategory();
    void kernelColumnsForDeviceRows();

private:
    void show(views::OperatorsView &view);
    QTemporaryDir m_dir;
    std::shared_ptr<const model::TimelineData> m_data;
};

void TestOperatorsView::initTestCase()
{
    qRegisterMetaType<model::SliceRef>();
    StreamBuilder b;
    testing::randomSlices(b, 3, 600, 21);
    b.result();
    const QString file = m_dir.filePath(QStringLiteral("v.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), file));
    auto data = std::make_shared<model::TimelineData>();
    QVERIFY(data->load({file}, nullptr));
    m_data = data;
}

void TestOperatorsView::show(views::OperatorsView &view)
{
    QSignalSpy computed(&view, &views::OperatorsView::computed);
    view.resize(1200, 700);
    view.show();
    view.setData(m_data);
    QVERIFY(computed.wait(10000));
    QVERIFY(view.isReady());
}

void TestOperatorsView::tableSortsAndFilters()
{
    views::OperatorsView view;
    QAbstractItemModelTester sourceTester(view.tableModel());
    QAbstractItemModelTester proxyTester(view.filterModel());
    show(view);
    QAbstractItemModel *shown = view.table()->model();
    QCOMPARE(shown->rowCount(), testing::kNames); // every name of the generator, host only
    auto raw = [shown](int row, int column) {
        return shown->data(shown->index(row, column), Qt::UserRole);
    };
    for (int r = 1; r < shown->rowCount(); ++r) // longest total first
        QVERIFY(raw(r - 1, views::OperatorTableModel::Total).toLongLong() >=
                raw(r, views::OperatorTableModel::Total).toLongLong());
    view.table()->sortByColumn(views::OperatorTableModel::Count, Qt::AscendingOrder);
    for (int r = 1; r < shown->rowCount(); ++r)
        QVERIFY(raw(r - 1, views::OperatorTableModel::Count).toLongLong() <=
                raw(r, views::OperatorTableModel::Count).toLongLong());

    QTest::keyClicks(view.filterField(), QStringLiteral("ETA")); // beta, zeta: any case
    QCOMPARE(shown->rowCount(), 2);
    QStringList names{raw(0, 0).toString(), raw(1, 0).toString()};
    names.sort();
    QCOMPARE(names, (QStringList{"beta", "zeta"}));
    view.filterField()->clear();
    view.sideBox()->setCurrentIndex(2); // device kernels: none on these host threads
    QCOMPARE(shown->rowCount(), 0);
    view.sideBox()->setCurrentIndex(1);
    QCOMPARE(shown->rowCount(), testing::kNames);
}

void TestOperatorsView::rangeScope()
{
    views::OperatorsView view;
    show(view);
    const int64_t t0 = m_data->start() + (m_data->end() - m_data->start()) / 3;
    const int64_t t1 = t0 + (m_data->end() - m_data->start()) / 5;
    // Counted here: every slice overlapping [t0, t1), per name.
    QHash<QString, qint64> expected;
    for (const model::TimelineTrack &track : m_data->tracks())
        for (const auto &depth : track.depths)
            for (const model::TimelineSlice &s : depth)
                if (s.dur == 0 ? (s.ts >= t0 && s.ts < t1) : (s.ts < t1 && s.end() > t0))
                    ++expected[m_data->name(s.name)];
    QSignalSpy computed(&view, &views::OperatorsView::computed);
    view.setRange(t0, t1); // whole input shown: nothing recomputed yet
    QVERIFY(!computed.wait(300));
    view.setScope(views::OperatorsView::TimelineRange);
    QVERIFY(computed.wait(10000));
    QHash<QString, qint64> got;
    for (const model::OperatorStats &s : view.tableModel()->rows())
        got[s.name] += s.count;
    QCOMPARE(got, expected);
    view.setRange(t0, t0 + 1000); // a newer range while in range scope: recomputed
    QVERIFY(computed.wait(10000));
    qint64 slices = 0;
    for (const model::OperatorStats &s : view.tableModel()->rows())
        slices += s.count;
    QVERIFY(slices < std::accumulate(expected.cbegin(), expected.cend(), qint64(0)));
}

void TestOperatorsView::doubleClickAsksForTheLongest()
{
    views::OperatorsView view;
    show(view);
    QSignalSpy jump(&view, &views::OperatorsView::jumpRequested);
    view.table()->sortByColumn(views::OperatorTableModel::Name, Qt::AscendingOrder); // alpha first
    const QRect cell = view.table()->visualRect(view.table()->model()->index(0, 0));
    // A real double click is a press and release, then the double-click press (what Qt Test's
    // mouseDClick alone does not give an item view).
    QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(jump.size(), 1);
    const auto ref = jump[0][0].value<model::SliceRef>();
    QVERIFY(ref.isValid());
    const model::TimelineSlice &s = m_data->slice(ref);
    QCOMPARE(m_data->name(s.name), QStringLiteral("alpha"));
    int64_t longest = 0; // found here over every slice named alpha
    for (const model::TimelineTrack &track : m_data->tracks())
        for (const auto &depth : track.depths)
            for (const model::TimelineSlice &o : depth)
                if (m_data->name(o.name) == QLatin1String("alpha"))
                    longest = std::max(longest, o.dur);
    QCOMPARE(s.dur, longest);
}

void TestOperatorsView::csvOfWhatIsShown()
{
    views::OperatorsView view;
    show(view);
    view.filterField()->setText(QStringLiteral("a")); // alpha, beta, gamma, delta, zeta
    view.table()->sortByColumn(views::OperatorTableModel::Name, Qt::DescendingOrder);
    const QList<QByteArray> lines = view.visibleCsv().split('\n');
    QCOMPARE(lines.size(), 1 + 5 + 1); // header, rows, the empty rest after the last \n
    QVERIFY(lines[0].startsWith("name,count,total_us,self_us,mean_us,min_us,max_us"));
    QStringList order;
    for (int i = 1; i <= 5; ++i)
        order << QString::fromUtf8(lines[i].split(',').first());
    QCOMPARE(order, (QStringList{"zeta", "gamma", "delta", "beta", "alpha"}));
    view.table()->selectRow(1);
    const QList<QByteArray> selected = view.selectedCsv().split('\n');
    QCOMPARE(selected.size(), 3);
    QVERIFY(selected[1].startsWith("gamma,"));
    const QString file = m_dir.filePath(QStringLiteral("out.csv"));
    QString error;
    QVERIFY2(view.exportCsv(file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), view.visibleCsv());
}

void TestOperatorsView::groupsByCategory()
{
    // The generator writes no categories: one row, "(no category)", holding every slice.
    views::OperatorsView view;
    show(view);
    QSignalSpy computed(&view, &views::OperatorsView::computed);
    view.setGrouping(views::OperatorsView::ByCategory);
    QVERIFY(computed.wait(10000));
    QCOMPARE(view.tableModel()->rows().size(), 1);
    QCOMPARE(view.tableModel()->rows()[0].name, QStringLiteral("(no category)"));
    QCOMPARE(quint64(view.tableModel()->rows()[0].count), m_data->sliceCount());
    view.setGrouping(views::OperatorsView::ByName);
    QVERIFY(computed.wait(10000));
    QCOMPARE(view.tableModel()->rows().size(), testing::kNames);
}

void TestOperatorsView::kernelColumnsForDeviceRows()
{
    // Ascend's kernel table beside the operators: its columns follow the fixed ones and are
    // filled for a device row of a name it knows, never for a CPU row of the same name.
    auto details = std::make_shared<model::KernelDetails>();
    details->metrics = {QStringLiteral("aicore_time(us)"), QStringLiteral("aic_mac_ratio")};
    details->byName.insert(QStringLiteral("MatMul"),
                           {QStringLiteral("MatMulV2"),
                            QStringLiteral("AI_CORE"),
                            4,
                            {12.5, std::numeric_limits<double>::quiet_NaN()}});
    model::OperatorStats device, host;
    device.name = host.name = QStringLiteral("MatMul");
    device.sides = model::kDeviceSide;
    host.sides = model::kHostSide;
    device.count = host.count = 1;
    views::OperatorTableModel table;
    QAbstractItemModelTester tester(&table);
    table.setKernelDetails(details);
    table.setRows({device, host});
    const int first = views::OperatorTableModel::kFirstKernelColumn;
    QCOMPARE(table.columnCount(), first + 4);
    QCOMPARE(table.headerData(first + 2, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("aicore_time(us)"));
    QCOMPARE(table.data(table.index(0, first), Qt::DisplayRole).toString(),
             QStringLiteral("MatMulV2"));
    QCOMPARE(table.data(table.index(0, first + 1), Qt::DisplayRole).toString(),
             QStringLiteral("AI_CORE"));
    QCOMPARE(table.data(table.index(0, first + 2), Qt::UserRole).toDouble(), 12.5);
    QVERIFY(table.data(table.index(0, first + 3), Qt::DisplayRole).isNull()); // no such rows
    QVERIFY(table.data(table.index(1, first), Qt::DisplayRole).isNull());
    // The CSV carries them the same way.
    const QList<QByteArray> lines = model::operatorsCsv(table.rows(), details.get()).split('\n');
    QVERIFY(lines[0].endsWith(",side,type,core,aicore_time(us),aic_mac_ratio"));
    QVERIFY2(lines[1].endsWith(",device,MatMulV2,AI_CORE,12.5,"), lines[1].constData());
    QVERIFY2(lines[2].endsWith(",cpu,,,,"), lines[2].constData());
    // Without the table, the fixed columns only.
    table.setKernelDetails(nullptr);
    QCOMPARE(table.columnCount(), int(views::OperatorTableModel::ColumnCount));
}

QTEST_MAIN(TestOperatorsView)
#include "tst_operatorsview.moc"

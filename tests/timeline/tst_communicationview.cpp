// The Communication tab (views/communication) over caches written from the two-rank sample
// (test_rank_0, test_rank_1) through the child's reader and the app's writer: its tables hold
// what CommunicationStats computes (both item models under QAbstractItemModelTester), the filter,
// the step box, the matrix operator and metric boxes change what is shown, and Export CSV writes
// the rows shown in the `--stats communication` format.
#include "cachebuilder.h"
#include "common/inputsource.h"
#include "common/recordsink.h"
#include "communication/commheatmap.h"
#include "communication/commtablemodels.h"
#include "communication/communicationview.h"
#include "importrunner.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ts;

namespace {

const QString kTestData =
    QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/server/src/test/test_data/");

bool cacheOf(const QString &input, const QString &cache, QString *error)
{
    QFile f(input);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = f.readAll();
    parsers::InputSource source{std::string_view(bytes.constData(), size_t(bytes.size()))};
    parsers::RecordSink sink;
    return parsers::importFrom(source, sink, uint64_t(bytes.size())) == 0 &&
           testing::buildCache(sink.buffer(), cache, error);
}

} // namespace

class TestCommunicationView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsTheStats();
    void filterAndExport();
    void matrixSelection();

private:
    views::CommunicationView *makeView();
    QTemporaryDir m_dir;
    QList<model::CommSource> m_sources;
};

void TestCommunicationView::initTestCase()
{
    if (!QFile::exists(kTestData + QStringLiteral("test_rank_1/ASCEND_PROFILER_OUTPUT/"
                                                  "communication_matrix.json")))
        QSKIP("the Ascend samples are not here (../shared/samples)");
    QString error;
    for (int rank : {0, 1})
        for (const char *name : {"communication.json", "communication_matrix.json"}) {
            const QString cache =
                m_dir.filePath(QStringLiteral("r%1_%2.tscache").arg(rank).arg(name));
            QVERIFY2(cacheOf(kTestData +
                                 QStringLiteral("test_rank_%1/ASCEND_PROFILER_OUTPUT/").arg(rank) +
                                 QLatin1String(name),
                             cache, &error),
                     qPrintable(error));
            m_sources << model::CommSource{cache, rank};
        }
}

views::CommunicationView *TestCommunicationView::makeView()
{
    auto *view = new views::CommunicationView(m_sources);
    if (!view->isReady()) {
        QSignalSpy ready(view, &views::CommunicationView::ready);
        ready.wait(20000);
    }
    return view;
}

void TestCommunicationView::showsTheStats()
{
    std::unique_ptr<views::CommunicationView> view(makeView());
    QVERIFY(view->isReady());
    QAbstractItemModelTester opTester(view->opModel(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester linkTester(view->linkModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    const model::CommunicationStats stats =
        model::CommunicationStats::compute(model::CommunicationData::load(m_sources));
    QCOMPARE(view->opModel()->rowCount(), stats.ops.size());
    QCOMPARE(view->linkModel()->rowCount(), stats.links.size());
    QVERIFY(view->opModel()->rowCount() > 0);
    // The summary names what the model found.
    QVERIFY2(
        view->summaryText().contains(QStringLiteral("slowest rank: %1").arg(stats.slowest.rank)),
        qPrintable(view->summaryText()));
    QVERIFY2(view->summaryText().contains(QStringLiteral("rank %1 → rank %2")
                                              .arg(stats.slowest.link.src)
                                              .arg(stats.slowest.link.dst)),
             qPrintable(view->summaryText()));
    // The step box: every step, and one step shows only its rows.
    QCOMPARE(view->stepBox()->count(), 2); // All steps, step2
    view->stepBox()->setCurrentIndex(1);
    QCOMPARE(view->opModel()->rowCount(), stats.ops.size()); // the sample has one step
}

void TestCommunicationView::filterAndExport()
{
    std::unique_ptr<views::CommunicationView> view(makeView());
    const int all = view->opTable()->model()->rowCount();
    view->filterField()->setText(QStringLiteral("broadcast"));
    const int shown = view->opTable()->model()->rowCount();
    QVERIFY(shown > 0 && shown < all);
    const QString file = m_dir.filePath(QStringLiteral("export.csv"));
    QString error;
    QVERIFY2(view->exportCsv(file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), shown + 1);
    QVERIFY(lines[0].startsWith("rank,step,scope,op,group,elapse_ms"));
    for (qsizetype i = 1; i < lines.size(); ++i)
        QVERIFY2(lines[i].contains("broadcast"), lines[i].constData());
}

void TestCommunicationView::matrixSelection()
{
    std::unique_ptr<views::CommunicationView> view(makeView());
    views::CommHeatMap *map = view->heatMap();
    QVERIFY(map->ranks().contains(0) && map->ranks().contains(1));
    // One operator: hcom_send__822_0, whose 0 → 8 cell is 20.97152 MB over RDMA in
    // 0.86381540625 ms.
    const int send = view->matrixOpBox()->findData(QStringLiteral("hcom_send__822_0"));
    QVERIFY(send > 0);
    view->matrixOpBox()->setCurrentIndex(send);
    view->metricBox()->setCurrentIndex(1); // size, MB
    QVERIFY(std::abs(map->valueAt(0, 8) - 20.97152) < 1e-9);
    view->metricBox()->setCurrentIndex(2); // time, ms
    QVERIFY(std::abs(map->valueAt(0, 8) - 0.863815) < 1e-9);
    view->metricBox()->setCurrentIndex(0); // GB/s
    QVERIFY(std::abs(map->valueAt(0, 8) - 20971520.0 / 863815.0) < 1e-9);
    QVERIFY(std::isnan(map->valueAt(0, 5))); // no such link for that operator
}

QTEST_MAIN(TestCommunicationView)
#include "tst_communicationview.moc"

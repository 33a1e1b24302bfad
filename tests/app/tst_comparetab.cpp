// File ▸ Compare… / `--compare BASE PATH` in the window: two traces the test writes, imported
// through the real sandboxed child, compared per name — both counts and totals and the change,
// largest change first — and an input that cannot be opened named in the tab.
#include "comparetab.h"
#include "importservice.h"
#include "operators/comparetablemodel.h"
#include "operators/compareview.h"

#include <QDir>
#include <QFile>
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

QTEST_MAIN(TestCompareTab)
#include "tst_comparetab.moc"

// `tracescope --screenshot` end to end on the real binary, as scripts and the docs use it:
// --find selects the first of the slices whose names contain the text (their number checked
// against the cache with SQL of our own), --view shows the view asked for, and what cannot be
// done — no slice matches, a view the input lacks — is said on stderr with exit status 1.
#include "apprunner.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <sqlite3.h>

using namespace ts::testing;

namespace {

qint64 slicesNamedLike(const QString &cache, const QString &text)
{
    sqlite3 *db = nullptr;
    qint64 count = -1;
    if (sqlite3_open_v2(QFile::encodeName(cache).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        const char *sql = "SELECT count(*) FROM slice JOIN string ON string.id = slice.name_id "
                          "WHERE string.str LIKE ?1";
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
            const QByteArray pattern = ('%' + text + '%').toUtf8();
            sqlite3_bind_text(st, 1, pattern.constData(), int(pattern.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(st) == SQLITE_ROW)
                count = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return count;
}

QByteArray pixelsHash(const QString &png)
{
    const QImage image(png);
    return QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()),
        QCryptographicHash::Sha256);
}

} // namespace

class TestScreenshot : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void findSelectsFirstMatch();
    void findWithoutMatchFails();
    void views_data();
    void views();
    void viewTheInputLacksFails();
    void viewOfAComparisonFails();

private:
    AppRun shoot(const QStringList &args, const QString &input)
    {
        return runApp(m_home,
                      rootFlag() +
                          QStringList{QStringLiteral("--cache-dir"), m_cacheDir,
                                      QStringLiteral("--screenshot"), m_png,
                                      QStringLiteral("--size"), QStringLiteral("1200x800")} +
                          args + QStringList{input},
                      120000);
    }
    AppSandboxHome m_home;
    QString m_cacheDir, m_png, m_sample, m_sampleCache;
};

void TestScreenshot::initTestCase()
{
    m_cacheDir = m_home.path() + QStringLiteral("/caches");
    m_png = m_home.path() + QStringLiteral("/shot.png");
    m_sample = m_home.path() + QStringLiteral("/sample.pt.trace.json.gz");
    QVERIFY(QFile::copy(sampleTrace(), m_sample));
    const AppRun run =
        runApp(m_home, rootFlag() + QStringList{QStringLiteral("--cache-dir"), m_cacheDir,
                                                QStringLiteral("--import"), m_sample});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    m_sampleCache = QJsonDocument::fromJson(run.out).object().value("cache").toString();
    QVERIFY(QFile::exists(m_sampleCache));
}

void TestScreenshot::findSelectsFirstMatch()
{
    const QString text = QStringLiteral("aten::mm");
    const qint64 expected = slicesNamedLike(m_sampleCache, text);
    QVERIFY2(expected > 0, "the sample must have such slices for this test to mean anything");
    const AppRun run = shoot({QStringLiteral("--find"), text}, m_sample);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(
        run.out.contains(
            QStringLiteral("find '%1': %2 matches, selected '").arg(text).arg(expected).toUtf8()),
        run.out.constData());
    const QByteArray selected =
        run.out.mid(run.out.indexOf("selected '") + 10).split('\'').value(0);
    QVERIFY2(selected.contains(text.toUtf8()), run.out.constData());
    QCOMPARE(QImage(m_png).size(), QSize(1200, 800));
}

void TestScreenshot::findWithoutMatchFails()
{
    QFile::remove(m_png);
    const AppRun run =
        shoot({QStringLiteral("--find"), QStringLiteral("no-such-slice-name")}, m_sample);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--find: no slice name in") &&
                 run.err.contains("contains 'no-such-slice-name'"),
             run.err.constData());
    QVERIFY2(run.out.contains("0 matches"), run.out.constData());
    QVERIFY(QFile::exists(m_png)); // the picture is still there to look at
}

void TestScreenshot::views_data()
{
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("language"); // --lang, so the machine's locale does not matter
    QTest::newRow("timeline") << "timeline"
                              << "Timeline"
                              << "en";
    QTest::newRow("overview") << "overview"
                              << "Overview"
                              << "en";
    QTest::newRow("memory") << "memory"
                            << "Memory"
                            << "en"; // the sample has [memory] events
    QTest::newRow("operators") << "operators"
                               << "Operators"
                               << "en";
    QTest::newRow("summary") << "summary"
                             << "Summary"
                             << "en"; // the sample's four steps
    QTest::newRow("sql") << "sql"
                         << "SQL"
                         << "en"; // with the example query's result (views())
    // In Chinese the views keep their English names on the command line and in the report, and
    // each picture differs from the English one.
    for (const char *view : {"timeline", "overview", "memory", "operators", "summary"}) {
        const QString name = QString::fromLatin1(view);
        QTest::addRow("%s, zh_CN", view)
            << name << name.left(1).toUpper() + name.mid(1) << QStringLiteral("zh_CN");
    }
}

void TestScreenshot::views()
{
    QFETCH(QString, view);
    QFETCH(QString, shown);
    QFETCH(QString, language);
    const AppRun run =
        shoot({QStringLiteral("--view"), view, QStringLiteral("--lang"), language}, m_sample);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains(QStringLiteral(", view %1").arg(shown).toUtf8()),
             run.out.constData());
    QCOMPARE(QImage(m_png).size(), QSize(1200, 800));
    if (view == QLatin1String("sql")) {
        // The picture waited for the example query: the lower half, where the result table is,
        // holds the anti-aliased text of its rows (an empty table is a few flat colours).
        const QImage image = QImage(m_png).convertToFormat(QImage::Format_RGB32);
        QSet<QRgb> colours;
        for (int y = image.height() / 2; y < image.height() * 9 / 10; ++y) {
            for (int x = image.width() / 4; x < image.width(); ++x)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 40, qPrintable(QStringLiteral("the SQL result looks empty: "
                                                                "%1 colours")
                                                     .arg(colours.size())));
    }
    // Each view is a different picture.
    static QHash<QByteArray, QString> seen;
    const QByteArray hash = pixelsHash(m_png);
    QVERIFY2(!seen.contains(hash), qPrintable(seen.value(hash) + " looks the same"));
    seen.insert(hash, view + QLatin1Char(' ') + language);
}

void TestScreenshot::viewTheInputLacksFails()
{
    const QString plain = m_home.path() + QStringLiteral("/plain.json");
    QFile f(plain);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2}]})");
    f.close();
    const AppRun run = shoot({QStringLiteral("--view"), QStringLiteral("memory")}, plain);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--view memory:") && run.err.contains("has no memory view"),
             run.err.constData());
}

// --compare shows a comparison, not a document: a --view is refused in those words (it once
// said the welcome page was showing).
void TestScreenshot::viewOfAComparisonFails()
{
    const AppRun run = shoot(
        {QStringLiteral("--compare"), m_sample, QStringLiteral("--view"), QStringLiteral("memory")},
        m_sample);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--view memory: the comparison has no memory view"),
             run.err.constData());
    QCOMPARE(QImage(m_png).size(), QSize(1200, 800));
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"

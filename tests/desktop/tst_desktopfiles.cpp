// The files that introduce TraceScope to the desktop: the desktop entry and the AppStream
// metadata pass the distribution's own validators; the shared-mime-info XML compiles and gives
// each name our tools write the type the desktop entry claims; and the two agree on the list.
#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kResources = QStringLiteral(TRACESCOPE_SOURCE_DIR "/resources/");
const QString kDesktop = kResources + QStringLiteral("io.github.tracescope.TraceScope.desktop");
const QString kMetainfo =
    kResources + QStringLiteral("io.github.tracescope.TraceScope.metainfo.xml");
const QString kMime = kResources + QStringLiteral("io.github.tracescope.TraceScope.mime.xml");

// Runs a validator; fails the test (not skips it) when the tool is missing: setup.sh installs it.
void runTool(const QString &tool, const QStringList &args)
{
    const QString path = QStandardPaths::findExecutable(tool);
    QVERIFY2(!path.isEmpty(),
             qPrintable(tool + QStringLiteral(" is not installed (see setup.sh)")));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(path, args);
    QVERIFY(p.waitForFinished(60000));
    const QString output = QString::fromUtf8(p.readAll());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
             qPrintable(tool + QStringLiteral(" failed:\n") + output));
    if (tool == QStringLiteral("desktop-file-validate")) // it exits 0 on hints and warnings
        QVERIFY2(output.trimmed().isEmpty(), qPrintable(output));
}

QSet<QString> desktopMimeTypes()
{
    QFile f(kDesktop);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("MimeType=")) {
            const QStringList types =
                QString::fromUtf8(line.mid(9)).split(QLatin1Char(';'), Qt::SkipEmptyParts);
            return QSet<QString>(types.begin(), types.end());
        }
    }
    return {};
}

QSet<QString> ourMimeTypes()
{
    QFile f(kMime);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression re(QStringLiteral("<mime-type type=\"([^\"]+)\""));
    QSet<QString> types;
    for (auto it = re.globalMatch(QString::fromUtf8(f.readAll())); it.hasNext();)
        types.insert(it.next().captured(1));
    return types;
}

} // namespace

class TestDesktopFiles : public QObject
{
    Q_OBJECT
    QTemporaryDir m_data;

private slots:
    void initTestCase()
    {
        // A data folder with our MIME package compiled into its own database, searched before
        // the system's, as an installed package's would be. QMimeDatabase reads XDG_DATA_DIRS
        // once, on first use, which is after this.
        QVERIFY(m_data.isValid());
        const QString packages = m_data.filePath(QStringLiteral("mime/packages"));
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(kMime, packages + QStringLiteral("/tracescope.xml")));
        runTool(QStringLiteral("update-mime-database"), {m_data.filePath(QStringLiteral("mime"))});
        qputenv("XDG_DATA_DIRS",
                QFile::encodeName(m_data.path() + QStringLiteral(":/usr/local/share:/usr/share")));
    }

    void desktopEntryValidates() { runTool(QStringLiteral("desktop-file-validate"), {kDesktop}); }

    void appstreamValidates()
    {
        runTool(QStringLiteral("appstreamcli"),
                {QStringLiteral("validate"), QStringLiteral("--no-net"), kMetainfo});
    }

    // Every type we define is one the desktop entry opens, and the entry names nothing that is
    // neither ours nor a standard type.
    void desktopEntryListsOurTypes()
    {
        const QSet<QString> ours = ourMimeTypes();
        const QSet<QString> claimed = desktopMimeTypes();
        QVERIFY(ours.size() >= 9);
        for (const QString &t : ours)
            QVERIFY2(claimed.contains(t),
                     qPrintable(t + QStringLiteral(" missing from MimeType=")));
        const QSet<QString> standard{QStringLiteral("application/json"),
                                     QStringLiteral("inode/directory")};
        for (const QString &t : claimed)
            QVERIFY2(ours.contains(t) || standard.contains(t), qPrintable(t));
    }

    void namesMapToTypes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        const QString trace = QStringLiteral("application/x-pytorch-profiler-trace");
        const QString snapshot = QStringLiteral("application/x-pytorch-memory-snapshot");
        QTest::newRow("trace") << "worker0.1700000000000.pt.trace.json" << trace;
        QTest::newRow("trace gz") << "worker0.1700000000000.pt.trace.json.gz" << trace + "-gzip";
        QTest::newRow("trace zst") << "worker0.1700000000000.pt.trace.json.zst" << trace + "-zstd";
        QTest::newRow("dump_snapshot") << "dump_snapshot.pickle" << snapshot;
        QTest::newRow("oom_snapshot") << "oom_snapshot.pickle" << snapshot;
        QTest::newRow("snapshot gz") << "snapshot.pickle.gz" << snapshot + "-gzip";
        QTest::newRow("snapshot zst") << "mem_snapshot.pickle.zst" << snapshot + "-zstd";
        QTest::newRow("memscope csv") << "memscope_dump_20250428113810.csv"
                                      << "text/x-msmemscope-dump";
        QTest::newRow("msleaks csv") << "leaks_dump_20240101000000.csv"
                                     << "text/x-msmemscope-dump";
        QTest::newRow("memscope db") << "memscope_dump_20260527062213.db"
                                     << "application/x-msmemscope-dump-sqlite";
        QTest::newRow("cache") << "abc123.tscache"
                               << "application/x-tracescope-cache";
        // Names that are not ours keep their ordinary types.
        QTest::newRow("plain json") << "config.json"
                                    << "application/json";
        QTest::newRow("plain csv") << "table.csv"
                                   << "text/csv";
        QTest::newRow("plain pickle gz") << "model.pickle.gz"
                                         << "application/gzip";
    }
    void namesMapToTypes()
    {
        QFETCH(QString, name);
        QFETCH(QString, type);
        const QMimeType t = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        QCOMPARE(t.name(), type);
    }

    // The compressed and database types fall back to what they are made of.
    void typesInherit_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("parent");
        QTest::newRow("trace") << "application/x-pytorch-profiler-trace"
                               << "application/json";
        QTest::newRow("trace gz") << "application/x-pytorch-profiler-trace-gzip"
                                  << "application/gzip";
        QTest::newRow("trace zst") << "application/x-pytorch-profiler-trace-zstd"
                                   << "application/zstd";
        QTest::newRow("cache") << "application/x-tracescope-cache"
                               << "application/vnd.sqlite3";
        QTest::newRow("dump") << "text/x-msmemscope-dump"
                              << "text/csv";
    }
    void typesInherit()
    {
        QFETCH(QString, type);
        QFETCH(QString, parent);
        QVERIFY(QMimeDatabase().mimeTypeForName(type).inherits(parent));
    }
};

QTEST_GUILESS_MAIN(TestDesktopFiles)
#include "tst_desktopfiles.moc"

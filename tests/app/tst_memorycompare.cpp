// `tracescope --compare BASE --stats memory NEW` (and `--stats memory PATH`) over two msMemScope
// dumps this test writes from blocks it makes up, run as the real binary: every owner's and
// stack's peak and end holdings against figures computed here by brute force — the live bytes
// at every recorded instant, from the blocks as made, sharing nothing with the app's sweep.
#include "../model/csvsplit.h"
#include "apprunner.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <map>
#include <optional>
#include <set>

using namespace ts::testing;

namespace {

struct Block
{
    QString owner, stack; // "" = none
    qint64 alloc = 0;
    std::optional<qint64> free;
    qint64 size = 0;
};

struct Holding
{
    qint64 peakBytes = 0, peakBlocks = 0, endBytes = 0, endBlocks = 0;
};

using Expected = std::map<std::pair<QString, QString>, Holding>; // (kind, key) →

const char *const kOwners[] = {"PTA@model@layer1", "PTA@model@layer2", "PTA@optimizer", ""};
const char *const kStacks[] = {"train.py(10): step\nmodel.py(42): forward",
                               "train.py(12): step\noptim.py(7): zero_grad", "loader.py(3): next",
                               ""};
constexpr qint64 kStart = 1764753366000000000;

// Blocks at 0x1000-spaced addresses, so each MALLOC has exactly its own FREE; times on a coarse
// grid so that MALLOCs and FREEs often share an instant.
QList<Block> makeBlocks(quint32 seed, int count)
{
    QRandomGenerator rng(seed);
    QList<Block> blocks;
    for (int i = 0; i < count; ++i) {
        Block b;
        b.owner = QString::fromLatin1(kOwners[rng.bounded(4)]);
        b.stack = QString::fromLatin1(kStacks[rng.bounded(4)]);
        b.alloc = kStart + rng.bounded(40) * 1000;
        if (rng.bounded(10) < 7)
            b.free = b.alloc + (1 + rng.bounded(20)) * 1000;
        b.size = 512 * (1 + rng.bounded(64));
        blocks << b;
    }
    return blocks;
}

QByteArray quoted(const QString &s)
{
    return '"' + s.toUtf8().replace("\"", "\"\"") + '"';
}

// The dump: the rows in no particular order, plus a FREE of memory allocated before recording
// (no group's) and an OP_LAUNCH.
QByteArray dumpOf(const QList<Block> &blocks)
{
    QByteArray csv = "ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,Ptr,"
                     "Attr,Call Stack(Python),Call Stack(C)\n";
    int id = 1;
    for (qsizetype i = blocks.size() - 1; i >= 0; --i) {
        const Block &b = blocks[i];
        const QByteArray ptr = "0x" + QByteArray::number(0x1000 * (i + 1), 16);
        QByteArray attr = "{size:" + QByteArray::number(b.size);
        if (!b.owner.isEmpty())
            attr += ",owner:" + b.owner.toUtf8();
        attr += '}';
        csv += QByteArray::number(id++) + ",MALLOC,PTA,N/A," + QByteArray::number(b.alloc) +
               ",7,7,0," + ptr + "," + quoted(QString::fromUtf8(attr)) + "," + quoted(b.stack) +
               ",\n";
        if (b.free)
            csv += QByteArray::number(id++) + ",FREE,PTA,N/A," + QByteArray::number(*b.free) +
                   ",7,7,0," + ptr + ",\"{size:" + QByteArray::number(b.size) + "}\",,\n";
    }
    csv += QByteArray::number(id++) + ",FREE,PTA,N/A," + QByteArray::number(kStart + 5000) +
           ",7,7,0,0xdead0000,\"{size:999999}\",,\n";
    csv += QByteArray::number(id++) + ",OP_LAUNCH,ATEN_START,aten::mm," +
           QByteArray::number(kStart) + ",7,7,0,N/A,,,\n";
    return csv;
}

// Per group: the live bytes at every instant any block starts or ends (live: alloc <= t <
// free), the first highest, and what is never freed.
Expected expectedOf(const QList<Block> &blocks)
{
    std::set<qint64> instants;
    for (const Block &b : blocks) {
        instants.insert(b.alloc);
        if (b.free)
            instants.insert(*b.free);
    }
    Expected out;
    for (const char *kind : {"owner", "stack"}) {
        std::map<QString, QList<Block>> groups;
        for (const Block &b : blocks) {
            QString key = QLatin1String(kind) == QLatin1String("owner") ? b.owner : b.stack;
            if (key.isEmpty())
                key = QLatin1String(kind) == QLatin1String("owner") ? QStringLiteral("(no owner)")
                                                                    : QStringLiteral("(no stack)");
            groups[key] << b;
        }
        for (const auto &[key, members] : groups) {
            Holding h;
            for (qint64 t : instants) {
                qint64 bytes = 0, count = 0;
                for (const Block &b : members) {
                    if (b.alloc <= t && (!b.free || t < *b.free)) {
                        bytes += b.size;
                        ++count;
                    }
                }
                if (bytes > h.peakBytes) {
                    h.peakBytes = bytes;
                    h.peakBlocks = count;
                }
            }
            for (const Block &b : members) {
                if (!b.free) {
                    h.endBytes += b.size;
                    ++h.endBlocks;
                }
            }
            out[{QString::fromLatin1(kind), key}] = h;
        }
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList numbers(std::initializer_list<qint64> values)
{
    QStringList out;
    for (qint64 v : values)
        out << QString::number(v);
    return out;
}

} // namespace

class TestMemoryCompare : public QObject
{
    Q_OBJECT
private slots:
    void compareTwoDumps();
    void oneDump();
    void notADump();
};

void TestMemoryCompare::compareTwoDumps()
{
    AppSandboxHome home;
    const QList<Block> baseBlocks = makeBlocks(11, 60), newBlocks = makeBlocks(12, 90);
    const QString a = home.path() + QStringLiteral("/memscope_dump_1.csv");
    const QString b = home.path() + QStringLiteral("/memscope_dump_2.csv");
    QVERIFY(writeFile(a, dumpOf(baseBlocks)));
    QVERIFY(writeFile(b, dumpOf(newBlocks)));
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--compare", a, "--stats", "memory", b});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = splitCsv(QString::fromUtf8(run.out));
    QCOMPARE(rows.value(0),
             (QStringList{"kind", "key", "base_peak_bytes", "base_peak_blocks", "new_peak_bytes",
                          "new_peak_blocks", "growth_bytes", "base_end_bytes", "base_end_blocks",
                          "new_end_bytes", "new_end_blocks", "end_growth_bytes"}));
    const Expected base = expectedOf(baseBlocks), next = expectedOf(newBlocks);
    std::set<std::pair<QString, QString>> keys;
    for (const Expected *e : {&base, &next})
        for (const auto &[k, h] : *e)
            keys.insert(k);
    QCOMPARE(size_t(rows.size() - 1), keys.size());
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        const std::pair<QString, QString> key{r[0], r[1]};
        QVERIFY2(keys.count(key), qPrintable(r.join('|')));
        const Holding eb = base.count(key) ? base.at(key) : Holding{};
        const Holding en = next.count(key) ? next.at(key) : Holding{};
        QCOMPARE(r.mid(2), numbers({eb.peakBytes, eb.peakBlocks, en.peakBytes, en.peakBlocks,
                                    en.peakBytes - eb.peakBytes, eb.endBytes, eb.endBlocks,
                                    en.endBytes, en.endBlocks, en.endBytes - eb.endBytes}));
        // Owners, then stacks; within each, the largest growth first.
        if (i > 1 && rows[i - 1][0] == r[0])
            QVERIFY(rows[i - 1][6].toLongLong() >= r[6].toLongLong());
        if (i > 1)
            QVERIFY(!(rows[i - 1][0] == QLatin1String("stack") && r[0] == QLatin1String("owner")));
    }
}

void TestMemoryCompare::oneDump()
{
    AppSandboxHome home;
    const QList<Block> blocks = makeBlocks(5, 50);
    const QString a = home.path() + QStringLiteral("/memscope_dump_1.csv");
    QVERIFY(writeFile(a, dumpOf(blocks)));
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "memory", a});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = splitCsv(QString::fromUtf8(run.out));
    QCOMPARE(rows.value(0),
             (QStringList{"kind", "key", "peak_bytes", "peak_blocks", "end_bytes", "end_blocks"}));
    const Expected expected = expectedOf(blocks);
    QCOMPARE(size_t(rows.size() - 1), expected.size());
    for (int i = 1; i < rows.size(); ++i) {
        const auto it = expected.find({rows[i][0], rows[i][1]});
        QVERIFY2(it != expected.end(), qPrintable(rows[i].join('|')));
        const Holding &h = it->second;
        QCOMPARE(rows[i].mid(2), numbers({h.peakBytes, h.peakBlocks, h.endBytes, h.endBlocks}));
    }
}

// A trace is not a dump: said so, with no half table.
void TestMemoryCompare::notADump()
{
    AppSandboxHome home;
    const QString trace = home.path() + QStringLiteral("/t.json");
    QVERIFY(writeFile(trace,
                      R"({"traceEvents":[{"ph":"X","name":"a","ts":1,"dur":2,"pid":1,"tid":1}]})"));
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "memory", trace});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QVERIFY2(run.err.contains("holds no msMemScope dump"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestMemoryCompare)
#include "tst_memorycompare.moc"

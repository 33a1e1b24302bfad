// `tracescope --stats operators PATH` and `--compare BASE --stats operators NEW`, run as the real
// binary: the CSV against figures computed here from the events the test wrote (nesting known
// by construction, so self times are known) and from a real Kineto trace's own JSON, summed here.
#include "../model/csvsplit.h"
#include "apprunner.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <map>

#include <zlib.h>

using namespace ts::testing;

namespace {

struct Figures
{
    qint64 count = 0, total = 0, self = 0, min = std::numeric_limits<qint64>::max(), max = 0;
};
using Table = std::map<QString, Figures>;

QString micros(qint64 ns)
{
    return QString::asprintf("%s%lld.%03lld", ns < 0 ? "-" : "", qAbs(ns) / 1000, qAbs(ns) % 1000);
}

void add(Table &t, const QString &name, qint64 dur, qint64 self)
{
    Figures &f = t[name];
    ++f.count;
    f.total += dur;
    f.self += self;
    f.min = std::min(f.min, dur);
    f.max = std::max(f.max, dur);
}

// A trace of nested operators on two threads, half written as X events and half as B/E pairs,
// with durations in whole ns (µs with three decimals). Every slice's self time is known as it
// is made: its duration less its children's.
QByteArray nestedTrace(quint32 seed, Table *expected, int roots = 40)
{
    static const char *const names[] = {"aten::linear", "aten::matmul", "aten::mm", "aten::add_",
                                        "name, with \"quotes\""};
    QRandomGenerator rng(seed);
    QJsonArray events;
    auto us = [](qint64 ns) { return double(ns) / 1000.0; };
    std::function<void(int, int, qint64, qint64)> make = [&](int tid, int depth, qint64 ts,
                                                             qint64 dur) {
        const QString name = QString::fromUtf8(names[rng.bounded(5)]);
        qint64 children = 0;
        qint64 cursor = ts + 1000;
        while (depth < 3 && rng.bounded(3) != 0) {
            const qint64 len = 1000 + rng.bounded(int(std::max<qint64>(dur / 4, 1)));
            if (cursor + len + 1000 > ts + dur)
                break;
            make(tid, depth + 1, cursor, len);
            children += len;
            cursor += len + rng.bounded(2000);
        }
        add(*expected, name, dur, dur - children);
        if (rng.bounded(2)) {
            events.append(QJsonObject{{"ph", "X"},
                                      {"name", name},
                                      {"pid", 1},
                                      {"tid", tid},
                                      {"ts", us(ts)},
                                      {"dur", us(dur)},
                                      {"cat", "cpu_op"}});
        } else {
            events.append(QJsonObject{{"ph", "B"},
                                      {"name", name},
                                      {"pid", 1},
                                      {"tid", tid},
                                      {"ts", us(ts)},
                                      {"cat", "cpu_op"}});
            events.append(QJsonObject{{"ph", "E"}, {"pid", 1}, {"tid", tid}, {"ts", us(ts + dur)}});
        }
    };
    for (int tid : {1, 2}) {
        qint64 ts = 1000000;
        for (int i = 0; i < roots; ++i) {
            const qint64 dur = 20000 + rng.bounded(200000) + 7; // odd ns: three decimals matter
            make(tid, 0, ts, dur);
            ts += dur + 500 + rng.bounded(3000);
        }
    }
    // E events must follow their B in time order per thread: sort the list by ts, ends first.
    QList<QJsonObject> list;
    for (const auto &e : events)
        list << e.toObject();
    std::stable_sort(list.begin(), list.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a["ts"].toDouble() < b["ts"].toDouble();
    });
    QJsonArray sorted;
    for (const auto &e : list)
        sorted.append(e);
    return QJsonDocument(QJsonObject{{"traceEvents", sorted}}).toJson(QJsonDocument::Compact);
}

QList<QStringList> parseCsv(const QByteArray &text)
{
    return ts::testing::splitCsv(QString::fromUtf8(text));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestHeadlessStats : public QObject
{
    Q_OBJECT
private slots:
    void operatorsOfGeneratedTrace();
    void operatorsOfRealTrace();
    void compareTwoRuns();
    void errors_data();
    void errors();
};

void TestHeadlessStats::operatorsOfGeneratedTrace()
{
    AppSandboxHome home;
    Table expected;
    const QString trace = home.path() + QStringLiteral("/nested.json");
    QVERIFY(writeFile(trace, nestedTrace(11, &expected)));
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "operators", trace});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows[0].mid(0, 7),
             (QStringList{"name", "count", "total_us", "self_us", "mean_us", "min_us", "max_us"}));
    QCOMPARE(size_t(rows.size() - 1), expected.size());
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        QVERIFY2(expected.count(r[0]), qPrintable(r[0]));
        const Figures &e = expected[r[0]];
        const qint64 mean = (e.total + e.count / 2) / e.count;
        QCOMPARE(r.mid(1, 6),
                 (QStringList{QString::number(e.count), micros(e.total), micros(e.self),
                              micros(mean), micros(e.min), micros(e.max)}));
        if (i > 1) // by total, longest first
            QVERIFY(rows[i - 1][2].toDouble() >= r[2].toDouble());
    }
}

void TestHeadlessStats::operatorsOfRealTrace()
{
    const QString trace =
        QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch/kineto/tb_plugin/"
                                             "samples/resnet50_num_workers_0/"
                                             "worker0.1623143089861.pt.trace.json.gz");
    if (!QFileInfo::exists(trace))
        QSKIP("../shared/samples is not here (a user's own clone); CI has it");
    // The trace's own figures: every X event's name and dur (whole µs in this file), summed here.
    gzFile gz = gzopen(QFile::encodeName(trace).constData(), "rb");
    QVERIFY(gz);
    QByteArray json;
    char buffer[1 << 16];
    for (int n; (n = gzread(gz, buffer, sizeof buffer)) > 0;)
        json.append(buffer, n);
    gzclose(gz);
    const QJsonArray events = QJsonDocument::fromJson(json).object()["traceEvents"].toArray();
    QVERIFY(events.size() > 40000);
    Table expected;
    qint64 xEvents = 0;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e["ph"].toString() != QLatin1String("X"))
            continue;
        ++xEvents;
        add(expected, e["name"].toString(), qRound64(e["dur"].toDouble() * 1000), 0);
    }
    QVERIFY(xEvents > 40000);

    AppSandboxHome home;
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--stats", "operators", trace}, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(size_t(rows.size() - 1), expected.size());
    qint64 counted = 0;
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        QVERIFY2(expected.count(r[0]), qPrintable(r[0]));
        const Figures &e = expected[r[0]];
        QCOMPARE(r[1], QString::number(e.count));
        QCOMPARE(r[2], micros(e.total));
        QCOMPARE(r[5], micros(e.min));
        QCOMPARE(r[6], micros(e.max));
        QVERIFY(r[3].toDouble() <= r[2].toDouble()); // self within total
        counted += r[1].toLongLong();
        if (r[8] == QLatin1String("device")) // kernels do not nest: self is all of it
            QCOMPARE(r[3], r[2]);
    }
    QCOMPARE(counted, xEvents);
}

void TestHeadlessStats::compareTwoRuns()
{
    AppSandboxHome home;
    Table base, next;
    const QString a = home.path() + QStringLiteral("/base.json");
    const QString b = home.path() + QStringLiteral("/new.json");
    QVERIFY(writeFile(a, nestedTrace(3, &base, 30)));
    QVERIFY(writeFile(b, nestedTrace(4, &next, 50)));
    const AppRun run =
        runApp(home, rootFlag() + QStringList{"--compare", a, "--stats", "operators", b});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(rows[0].mid(0, 6), (QStringList{"name", "count_base", "count_new", "total_base_us",
                                             "total_new_us", "delta_us"}));
    std::map<QString, bool> names;
    for (const auto &[n, f] : base)
        names[n] = true;
    for (const auto &[n, f] : next)
        names[n] = true;
    QCOMPARE(size_t(rows.size() - 1), names.size());
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        const Figures eb = base.count(r[0]) ? base[r[0]] : Figures{};
        const Figures en = next.count(r[0]) ? next[r[0]] : Figures{};
        QCOMPARE(r.mid(1, 5),
                 (QStringList{QString::number(eb.count), QString::number(en.count),
                              micros(eb.total), micros(en.total), micros(en.total - eb.total)}));
        if (i > 1)
            QVERIFY(qAbs(rows[i - 1][5].toDouble()) >= qAbs(r[5].toDouble()));
    }
}

void TestHeadlessStats::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("err");
    QTest::newRow("missing input")
        << QStringList{"--stats", "operators", "/nonexistent/t.json"} << 1 << "/nonexistent/t.json";
    QTest::newRow("missing base") << QStringList{"--compare", "/nonexistent/base.json", "--stats",
                                                 "operators", "@TRACE@"}
                                  << 1 << "/nonexistent/base.json";
    QTest::newRow("unknown table")
        << QStringList{"--stats", "kernels", "@TRACE@"} << 2
        << "--stats takes operators, summary, communication or memory, not 'kernels'";
    QTest::newRow("two paths") << QStringList{"--stats", "operators", "@TRACE@", "@TRACE@"} << 2
                               << "--stats takes exactly one PATH (2 given)";
}

void TestHeadlessStats::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, err);
    args.replaceInStrings(QStringLiteral("@TRACE@"), sampleTrace());
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.isEmpty(), run.out.constData()); // no half table
    QVERIFY2(run.err.contains(err.toUtf8()), run.err.constData());
}

QTEST_GUILESS_MAIN(TestHeadlessStats)
#include "tst_headlessstats.moc"

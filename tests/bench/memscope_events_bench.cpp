// The Events table of an msMemScope dump over a big cache (issue 12): how long opening the model
// and reading the first screen of rows takes, how long scrolling to the end and reading a page
// there takes, and how long the worker's filters take (by kind, by text, by address). Run on a
// cache that `tracescope --import` wrote; prints one line per step, times in ms. Not a test.
//
//     bench_memscope_events CACHE.sqlite
#include "memscope/memscopeeventmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace ts::model;

namespace {

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// What a table view asks for one screen: every cell of `rows` rows from `first`.
void readScreen(const MemScopeEventModel &m, int first, int rows)
{
    for (int r = first; r < std::min(m.rowCount(), first + rows); ++r)
        for (int c = 0; c < MemScopeEventModel::ColumnCount; ++c)
            (void)m.data(m.index(r, c), Qt::DisplayRole);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_memscope_events CACHE.sqlite\n");
        return 2;
    }
    const QStringList caches{QString::fromLocal8Bit(argv[1])};
    MemScopeEventModel model;
    QString error;
    QElapsedTimer t;
    t.start();
    if (!model.setSources(caches, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    readScreen(model, 0, 40);
    std::printf("open + first screen (40 rows): %.1f ms, %lld rows\n", msSince(t),
                qlonglong(model.totalCount()));
    t.restart();
    readScreen(model, model.rowCount() - 40, 40);
    std::printf("last screen: %.1f ms\n", msSince(t));
    const struct
    {
        const char *what;
        MemScopeEventFilter filter;
    } filters[] = {{"kind MALLOC", {QString(), 1}},
                   {"text 'layer3'", {QStringLiteral("layer3"), -1}},
                   {"text 'addmm' and kind OP_LAUNCH", {QStringLiteral("addmm"), 4}},
                   {"address 0x12c040010000", {QStringLiteral("0x12c040010000"), -1}}};
    for (const auto &f : filters) {
        std::vector<uint32_t> rows;
        t.restart();
        if (!filterMemScopeEvents(caches, f.filter, nullptr, &rows, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const double filterMs = msSince(t);
        t.restart();
        model.setRows(std::move(rows));
        readScreen(model, 0, 40);
        std::printf("filter %s: %.1f ms, %d rows; first screen %.1f ms\n", f.what, filterMs,
                    model.rowCount(), msSince(t));
    }
    return 0;
}

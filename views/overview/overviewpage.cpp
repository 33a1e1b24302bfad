#include "overviewpage.h"

#include "memory/memorysummary.h"

#include "cache/cachereader.h"
#include "util/workerpool.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <memory>

namespace ts::views {

struct CacheOverview
{
    QString file;
    QString format;
    model::ImportSummary summary;
    QList<model::ProcessInfo> processes;
    QList<model::TrackInfo> tracks;
    QList<model::SkipReason> skips;
    QStringList warnings;
    QList<QPair<QString, QString>> metadata;
    model::MemorySummary memory;
    QString error;
};

struct OverviewData
{
    QList<CacheOverview> caches;
};

namespace {

std::shared_ptr<OverviewData> load(const QStringList &paths)
{
    auto data = std::make_shared<OverviewData>();
    for (const QString &path : paths) {
        CacheOverview c;
        model::CacheReader reader;
        if (!reader.open(path, &c.error)) {
            data->caches << c;
            continue;
        }
        c.file = reader.meta(QStringLiteral("input_name"));
        c.format = reader.format();
        c.summary = reader.summary();
        c.processes = reader.processes();
        c.tracks = reader.tracks();
        c.skips = reader.skipReasons();
        c.warnings = reader.warnings();
        c.metadata = reader.metadata();
        c.memory = model::MemorySummary::fromDatabase(reader.database());
        data->caches << c;
    }
    return data;
}

QString processTitle(const model::ProcessInfo &p)
{
    QString title = !p.label.isEmpty() ? p.label : p.name;
    if (title.isEmpty())
        title = OverviewPage::tr("Process %1").arg(p.pid);
    else if (p.pid >= 0 && !p.label.isEmpty() && !p.name.isEmpty())
        title += QStringLiteral(" — %1").arg(p.name);
    if (p.rank >= 0)
        title = OverviewPage::tr("Rank %1 · %2").arg(p.rank).arg(title);
    return title;
}

QString trackKind(int kind)
{
    switch (kind) {
    case 1:
        return QObject::tr("thread");
    case 2:
        return QObject::tr("counter");
    case 3:
        return QObject::tr("process events");
    case 4:
        return QObject::tr("global events");
    }
    return QString();
}

QStandardItem *readOnly(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

QStandardItem *number(qint64 n)
{
    auto *item = readOnly(QLocale().toString(n));
    item->setData(n, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

OverviewPage::OverviewPage(const QStringList &cachePaths, const QStringList &importWarnings,
                           bool startNow, QWidget *parent)
    : QWidget(parent), m_cachePaths(cachePaths), m_importWarnings(importWarnings)
{
    setObjectName(QStringLiteral("overviewPage"));
    m_headline = new QLabel(tr("Reading the cache…"));
    m_headline->setObjectName(QStringLiteral("overviewHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::RichText);

    m_tracks = new QStandardItemModel(this);
    m_tracks->setHorizontalHeaderLabels({tr("Process / track"), tr("Kind"), tr("Items")});
    auto *trackView = new QTreeView;
    trackView->setObjectName(QStringLiteral("trackTree"));
    trackView->setModel(m_tracks);
    trackView->setUniformRowHeights(true);
    trackView->header()->setStretchLastSection(false);
    trackView->header()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_skips = new QStandardItemModel(this);
    m_skips->setHorizontalHeaderLabels({tr("Skipped because"), tr("Events")});
    auto *skipView = new QTableView;
    skipView->setObjectName(QStringLiteral("skipTable"));
    skipView->setModel(m_skips);
    skipView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    skipView->verticalHeader()->hide();

    m_metadata = new QStandardItemModel(this);
    m_metadata->setHorizontalHeaderLabels({tr("Trace metadata"), tr("Value")});
    auto *metaView = new QTableView;
    metaView->setModel(m_metadata);
    metaView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    metaView->verticalHeader()->hide();
    metaView->setWordWrap(false);

    m_warnings = new QPlainTextEdit;
    m_warnings->setReadOnly(true);
    m_warnings->setPlaceholderText(tr("No warnings."));

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(skipView);
    right->addWidget(metaView);
    right->addWidget(m_warnings);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(trackView);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(m_headline);
    layout->addWidget(split, 1);

    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<OverviewData>>::finished, this,
            [this] { show(*m_watcher.result()); });
    if (startNow)
        startLoading();
}

void OverviewPage::startLoading()
{
    if (m_started)
        return;
    m_started = true;
    m_watcher.setFuture(QtConcurrent::run(
        model::longWorkPool(), [cachePaths = m_cachePaths] { return load(cachePaths); }));
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    startLoading();
}

OverviewPage::~OverviewPage()
{
    m_watcher.waitForFinished();
}

void OverviewPage::show(const OverviewData &data)
{
    model::ImportSummary total;
    QStringList formats, errors;
    QStringList warnings = m_importWarnings;
    for (const CacheOverview &c : data.caches) {
        if (!c.error.isEmpty()) {
            errors << c.error;
            continue;
        }
        formats << c.format;
        const model::ImportSummary &s = c.summary;
        total.processes += s.processes;
        total.threads += s.threads;
        total.tracks += s.tracks;
        total.slices += s.slices;
        total.instants += s.instants;
        total.counterSamples += s.counterSamples;
        total.flows += s.flows;
        total.skipped += s.skipped;

        QHash<qint64, QStandardItem *> groups;
        for (const model::ProcessInfo &p : c.processes) {
            auto *group = readOnly(processTitle(p));
            group->setToolTip(QStringLiteral("pid %1 · %2").arg(p.pid).arg(c.file));
            groups.insert(p.id, group);
            m_tracks->appendRow({group, readOnly(tr("process")), readOnly(QString())});
        }
        for (const model::TrackInfo &t : c.tracks) {
            QStandardItem *parent = groups.value(t.processId, m_tracks->invisibleRootItem());
            QString name = t.name;
            if (t.flags & 1)
                name += tr(" (derived)");
            parent->appendRow({readOnly(name), readOnly(trackKind(t.kind)), number(t.items)});
        }
        for (const model::SkipReason &r : c.skips)
            m_skips->appendRow({readOnly(r.reason), number(r.count)});
        for (const auto &[key, value] : c.metadata)
            m_metadata->appendRow({readOnly(key), readOnly(value.left(2000))});
        warnings << c.warnings;
    }
    formats.removeDuplicates();
    const QLocale l;
    QString headline = tr("<b>%1</b> · %2 file(s) · %3 processes · %4 threads · %5 tracks<br>"
                          "%6 slices · %7 instants · %8 counter samples · %9 flows · %10 skipped")
                           .arg(formats.join(QStringLiteral(", ")).toHtmlEscaped())
                           .arg(data.caches.size())
                           .arg(l.toString(total.processes), l.toString(total.threads),
                                l.toString(total.tracks), l.toString(total.slices),
                                l.toString(total.instants), l.toString(total.counterSamples),
                                l.toString(total.flows), l.toString(total.skipped));
    model::MemorySummary memory;
    for (const CacheOverview &c : std::as_const(data.caches))
        memory += c.memory;
    if (memory.present) {
        headline += tr("<br>Memory snapshot: %1 devices · %2 segments · %3 blocks · %4 allocator "
                       "events · %5 stack frames")
                        .arg(l.toString(memory.devices), l.toString(memory.segments),
                             l.toString(memory.blocks), l.toString(memory.memoryEvents),
                             l.toString(memory.frames));
    }
    m_headline->setText(headline);
    m_warnings->setPlainText((errors + warnings).join(QLatin1Char('\n')));
    if (auto *tree = findChild<QTreeView *>(QStringLiteral("trackTree"))) {
        tree->expandAll();
        tree->resizeColumnToContents(1);
        tree->resizeColumnToContents(2);
    }
    m_loaded = true;
    emit loaded();
}

} // namespace ts::views

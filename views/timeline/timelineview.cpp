#include "timelineview.h"

#include "ascend/devicetaskmatch.h"
#include "cache/cachereader.h"
#include "detailspane.h"
#include "flagspanel.h"
#include "overviewstrip.h"
#include "rangestatsmodel.h"
#include "timeformat.h"
#include "timeline/rangestats.h"
#include "timeline/slicedetails.h"
#include "timeline/slicesearch.h"
#include "timelineviewport.h"
#include "util/workerpool.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace ts::views {

namespace {

// Enter steps forward, Shift+Enter back, in the search field.
class SearchField : public QLineEdit
{
public:
    std::function<void(bool)> onStep;

protected:
    void keyPressEvent(QKeyEvent *e) override
    {
        if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && onStep) {
            onStep(e->modifiers() & Qt::ShiftModifier);
            return;
        }
        QLineEdit::keyPressEvent(e);
    }
};

} // namespace

TimelineView::TimelineView(const QStringList &cachePaths, const QString &flagsFile,
                           const QStringList &groupTitles, QWidget *parent)
    : QWidget(parent), m_cachePaths(cachePaths), m_groupTitles(groupTitles), m_flagsFile(flagsFile)
{
    setObjectName(QStringLiteral("timelineView"));
    m_viewport = new TimelineViewport(this);
    m_canvas = new TimelineCanvas(m_viewport);
    m_overview = new OverviewStrip(m_viewport, TimelineCanvas::kGutterWidth);
    m_vscroll = new QScrollBar(Qt::Vertical);

    auto *canvasRow = new QWidget;
    auto *canvasLayout = new QHBoxLayout(canvasRow);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->setSpacing(0);
    canvasLayout->addWidget(m_canvas, 1);
    canvasLayout->addWidget(m_vscroll);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(makeSearchBar());
    topLayout->addWidget(m_overview);
    topLayout->addWidget(canvasRow, 1);

    m_details = new DetailsPane;
    m_rangeModel = new RangeStatsModel(this);
    m_rangeProxy = new QSortFilterProxyModel(this);
    m_rangeProxy->setSourceModel(m_rangeModel);
    m_rangeProxy->setSortRole(Qt::UserRole);
    m_rangeTable = new QTableView;
    m_rangeTable->setObjectName(QStringLiteral("rangeTable"));
    m_rangeTable->setModel(m_rangeProxy);
    m_rangeTable->setSortingEnabled(true);
    m_rangeTable->sortByColumn(RangeStatsModel::Total, Qt::DescendingOrder);
    m_rangeTable->verticalHeader()->hide();
    m_rangeTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_rangeTitle = new QLabel(tr("Shift-drag on the timeline to summarise a time range."));
    auto *range = new QWidget;
    auto *rangeLayout = new QVBoxLayout(range);
    rangeLayout->setContentsMargins(6, 6, 6, 6);
    rangeLayout->addWidget(m_rangeTitle);
    rangeLayout->addWidget(m_rangeTable, 1);
    m_flagsPanel = new FlagsPanel;

    m_bottom = new QTabWidget;
    m_bottom->setObjectName(QStringLiteral("timelineBottomTabs"));
    m_bottom->addTab(m_details, tr("Details"));
    m_bottom->addTab(range, tr("Range"));
    m_bottom->addTab(m_flagsPanel, tr("Flags"));

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({760, 220}); // the timeline is what people came for
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_canvas, &TimelineCanvas::scrollChanged, this, &TimelineView::syncScrollBar);
    connect(m_vscroll, &QScrollBar::valueChanged, m_canvas, &TimelineCanvas::setScrollY);
    connect(m_canvas, &TimelineCanvas::sliceSelected, this, &TimelineView::onSliceSelected);
    connect(m_canvas, &TimelineCanvas::rangeSelected, this, &TimelineView::onRangeSelected);
    connect(m_canvas, &TimelineCanvas::flagRequested, this, &TimelineView::addFlag);
    connect(m_canvas, &TimelineCanvas::trackMenuRequested, this, &TimelineView::showTrackMenu);
    connect(m_details, &DetailsPane::flowActivated, this, &TimelineView::onFlowActivated);
    connect(m_flagsPanel, &FlagsPanel::changed, this, &TimelineView::saveFlags);
    connect(m_flagsPanel, &FlagsPanel::jumpRequested, m_viewport, &TimelineViewport::centreOn);
    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, &TimelineView::onLoaded);
    connect(&m_searchWatcher, &QFutureWatcherBase::finished, this, &TimelineView::onSearchDone);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    const QStringList paths = cachePaths;
    m_loadWatcher.setFuture(QtConcurrent::run(model::longWorkPool(), [paths, groupTitles]() {
        auto data = std::make_shared<model::TimelineData>();
        LoadedTimeline result;
        if (data->load(paths, &result.error, groupTitles))
            result.data = std::move(data);
        return result;
    }));
}

TimelineView::~TimelineView()
{
    m_searchWatcher.waitForFinished();
    m_loadWatcher.waitForFinished();
}

QWidget *TimelineView::makeSearchBar()
{
    auto *bar = new QWidget;
    bar->setObjectName(QStringLiteral("timelineSearchBar"));
    auto *field = new SearchField;
    field->onStep = [this](bool back) { findNext(back); };
    m_search = field;
    m_search->setObjectName(QStringLiteral("timelineSearch"));
    m_search->setPlaceholderText(tr("Find slices by name (Ctrl+F, Enter / Shift+Enter)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(420);
    m_searchCount = new QLabel;
    m_searchCount->setObjectName(QStringLiteral("searchCount"));
    m_searchCount->setMinimumWidth(120);
    auto *prev = new QToolButton;
    prev->setText(QStringLiteral("▲"));
    prev->setToolTip(tr("Previous match (Shift+Enter)"));
    connect(prev, &QToolButton::clicked, this, [this] { findNext(true); });
    auto *next = new QToolButton;
    next->setText(QStringLiteral("▼"));
    next->setToolTip(tr("Next match (Enter)"));
    connect(next, &QToolButton::clicked, this, [this] { findNext(false); });
    auto *keys = new QLabel(tr("W/S zoom · A/D pan · drag to pan · Shift-drag range · "
                               "0 all · F fit · M flag · Ctrl+Z back"));
    keys->setStyleSheet(QStringLiteral("color:#777"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_search, 1);
    layout->addWidget(prev);
    layout->addWidget(next);
    layout->addWidget(m_searchCount);
    layout->addStretch();
    layout->addWidget(keys);
    return bar;
}

void TimelineView::onLoaded()
{
    const LoadedTimeline result = m_loadWatcher.result();
    const auto &data = result.data;
    m_data = data;
    m_readers.resize(size_t(m_cachePaths.size()));
    if (!data)
        m_loadError = result.error;
    else if (data->tracks().empty())
        m_loadError = tr("Nothing in this input can be drawn on a timeline.");
    if (!data)
        emit statusMessage(m_loadError); // a real failure; an input with no slices is not news
    if (data) {
        m_viewport->setBounds(data->start(), data->end());
        m_overview->setData(data);
        m_canvas->setData(data);
    }
    if (!m_flagsFile.isEmpty()) {
        model::FlagStore store;
        QString error;
        if (store.load(m_flagsFile, &error))
            m_flagsPanel->setFlags(store.list(), m_viewport->boundsStart());
        else
            emit statusMessage(tr("Flags not loaded: %1").arg(error));
    }
    QVector<FlagMark> marks;
    for (const auto &f : m_flagsPanel->flags())
        marks.append({f.ts, f.name});
    m_canvas->setFlags(marks);
    m_loaded = true;
    syncScrollBar();
    m_canvas->setFocus();
    emit loaded();
}

void TimelineView::syncScrollBar()
{
    const int page = std::max(1, m_canvas->height() - TimelineCanvas::kRulerHeight);
    m_vscroll->setRange(0, m_canvas->maxScrollY());
    m_vscroll->setPageStep(page);
    m_vscroll->setSingleStep(TimelineRows::kDepthHeight * 2);
    m_vscroll->setValue(m_canvas->scrollY());
}

model::CacheReader *TimelineView::reader(int cacheIndex)
{
    if (cacheIndex < 0 || size_t(cacheIndex) >= m_readers.size())
        return nullptr;
    auto &r = m_readers[size_t(cacheIndex)];
    if (!r) {
        r = std::make_unique<model::CacheReader>();
        QString error;
        if (!r->open(m_cachePaths[cacheIndex], &error)) {
            emit statusMessage(error);
            r.reset();
        }
    }
    return r.get();
}

void TimelineView::addDeviceTask(int cacheIndex)
{
    // An Ascend device task: its kernel_details row is in another cache of the same rank.
    const QString title = m_groupTitles.value(cacheIndex);
    qint64 stream = 0, task = 0;
    if (title.isEmpty() || !model::deviceTaskKey(m_shown, &stream, &task))
        return;
    QList<const model::Database *> rank;
    for (int i = 0; i < m_cachePaths.size(); ++i) {
        if (i != cacheIndex && m_groupTitles.value(i) == title)
            if (model::CacheReader *other = reader(i))
                rank << &other->database();
    }
    // Device task rows hold absolute times (their caches have no base time).
    m_shown.args +=
        model::matchingDeviceTask(m_shown, m_shown.ts + m_data->timeOffset(cacheIndex), rank);
}

model::SliceRef TimelineView::locate(int cacheIndex, qint64 trackId, qint64 cacheTs,
                                     qint64 sliceId) const
{
    return m_data->find(cacheIndex, trackId, -1, cacheTs, sliceId);
}

void TimelineView::selectSlice(const model::SliceRef &ref, bool centre)
{
    m_canvas->setSelectedSlice(ref);
    if (ref.isValid() && centre) {
        const model::TimelineSlice &s = m_data->slice(ref);
        if (s.end() < m_viewport->start() || s.ts > m_viewport->end() ||
            s.dur > m_viewport->width())
            m_viewport->showRange(s.ts, s.end(), 1.0);
        else
            m_viewport->centreOn(s.ts + s.dur / 2);
        m_canvas->ensureVisible(ref);
    }
    onSliceSelected(ref);
}

void TimelineView::onSliceSelected(const model::SliceRef &ref)
{
    m_flowEnds.clear();
    if (!ref.isValid() || !m_data) {
        m_details->clear();
        m_canvas->setFlows({});
        return;
    }
    const model::TimelineTrack &track = m_data->tracks()[size_t(ref.track)];
    model::CacheReader *r = reader(track.cacheIndex);
    if (!r)
        return;
    m_shown = model::loadSliceDetails(*r, m_data->slice(ref).rowId);
    addDeviceTask(track.cacheIndex);
    QVector<FlowArrow> arrows;
    QStringList trackNames;
    for (const model::FlowEnd &f : std::as_const(m_shown.flows)) {
        const model::SliceRef other = locate(track.cacheIndex, f.trackId, f.ts, f.sliceId);
        m_flowEnds.append(other);
        const int otherTrack = other.isValid() ? other.track : -1;
        trackNames << (otherTrack >= 0 ? m_data->tracks()[size_t(otherTrack)].name : QString());
        if (other.isValid())
            arrows.append(f.outgoing ? FlowArrow{ref, other} : FlowArrow{other, ref});
    }
    m_canvas->setFlows(arrows);
    m_details->showSlice(m_shown, m_data->slice(ref).ts - m_viewport->boundsStart(), trackNames);
    m_bottom->setCurrentWidget(m_details);
}

void TimelineView::onFlowActivated(int index)
{
    if (index < 0 || index >= m_flowEnds.size() || !m_flowEnds[index].isValid())
        return;
    selectSlice(m_flowEnds[index], true);
}

void TimelineView::onRangeSelected(int64_t start, int64_t end)
{
    QVector<int> tracks;
    for (size_t t = 0; t < m_data->tracks().size(); ++t) {
        if (!m_canvas->rows().isHidden(int(t)))
            tracks.append(int(t));
    }
    const QList<model::NameStats> stats = model::rangeStats(*m_data, tracks, start, end);
    m_rangeModel->setStats(stats);
    qint64 count = 0;
    for (const auto &s : stats)
        count += s.count;
    m_rangeTitle->setText(tr("%1 slices with %2 names in %3 (F fits the range, M flags its start)")
                              .arg(count)
                              .arg(stats.size())
                              .arg(formatDuration(end - start)));
    m_bottom->setCurrentIndex(1);
}

void TimelineView::addFlag(int64_t ts)
{
    QList<model::TimelineFlag> flags = m_flagsPanel->flags();
    flags.append({ts, tr("Flag %1").arg(flags.size() + 1)});
    m_flagsPanel->setFlags(flags, m_viewport->boundsStart());
    saveFlags(m_flagsPanel->flags());
    m_bottom->setCurrentWidget(m_flagsPanel);
}

void TimelineView::saveFlags(const QList<model::TimelineFlag> &flags)
{
    QVector<FlagMark> marks;
    for (const auto &f : flags)
        marks.append({f.ts, f.name});
    m_canvas->setFlags(marks);
    if (m_flagsFile.isEmpty())
        return;
    model::FlagStore store;
    for (const model::TimelineFlag &f : flags)
        store.add(f.ts, f.name);
    QString error;
    if (!store.save(m_flagsFile, &error))
        emit statusMessage(tr("Flags not saved: %1").arg(error));
}

void TimelineView::showTrackMenu(int track, const QPoint &globalPos)
{
    TimelineRows &rows = m_canvas->rows();
    QMenu menu;
    const bool pinned = rows.isPinned(track);
    menu.addAction(pinned ? tr("Unpin") : tr("Pin to Top"), this, [this, track, pinned] {
        m_canvas->rows().setPinned(track, !pinned);
        m_canvas->rowsChanged();
    });
    menu.addAction(tr("Hide Track"), this, [this, track] {
        m_canvas->rows().setHidden(track, true);
        m_canvas->rowsChanged();
    });
    if (rows.hiddenCount() > 0) {
        menu.addAction(tr("Show All Hidden Tracks (%1)").arg(rows.hiddenCount()), this, [this] {
            m_canvas->rows().showAllTracks();
            m_canvas->rowsChanged();
        });
    }
    menu.exec(globalPos);
}

// --- search -----------------------------------------------------------------------------------

void TimelineView::findNext(bool backwards)
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty() || !m_data)
        return;
    if (text != m_searchedText) {
        startSearch();
        return;
    }
    if (m_hits.isEmpty())
        return;
    m_hit = (m_hit + (backwards ? -1 : 1) + int(m_hits.size())) % int(m_hits.size());
    m_searchCount->setText(tr("%1 of %2").arg(m_hit + 1).arg(m_hits.size()));
    selectSlice(m_hits[m_hit], true);
}

void TimelineView::findAndFrame(const QString &text)
{
    m_search->setText(text);
    m_frameFirstHit = true;
    startSearch();
}

void TimelineView::frameSelectionWithFlows()
{
    const model::SliceRef ref = m_canvas->selectedSlice();
    if (!ref.isValid())
        return;
    int64_t lo = m_data->slice(ref).ts, hi = m_data->slice(ref).end();
    for (const model::SliceRef &other : std::as_const(m_flowEnds)) {
        if (!other.isValid())
            continue;
        lo = std::min(lo, m_data->slice(other).ts);
        hi = std::max(hi, m_data->slice(other).end());
        m_canvas->ensureVisible(other);
    }
    m_viewport->showRange(lo, hi, 0.6);
}

void TimelineView::startSearch()
{
    m_searchedText = m_search->text().trimmed();
    m_searchPending = true;
    m_searchCount->setText(tr("searching…"));
    // A newer search replaces an older one: the older one's answer is dropped in onSearchDone.
    const QString text = m_searchedText;
    const std::shared_ptr<const model::TimelineData> data = m_data;
    m_searchWatcher.setFuture(QtConcurrent::run(model::longWorkPool(), [text, data]() {
        return data ? model::searchSlices(*data, text) : QVector<model::SliceRef>();
    }));
}

void TimelineView::onSearchDone()
{
    const QVector<model::SliceRef> hits = m_searchWatcher.result();
    if (m_search->text().trimmed() != m_searchedText) {
        m_searchPending = false;
        return; // the text changed meanwhile; the next Enter searches again
    }
    m_hits = hits;
    m_hit = -1;
    if (m_hits.isEmpty()) {
        m_searchCount->setText(tr("no matches"));
    } else {
        findNext(false);
        if (m_frameFirstHit)
            frameSelectionWithFlows();
    }
    m_frameFirstHit = false;
    m_searchPending = false;
    emit searchFinished(int(m_hits.size()));
}

} // namespace ts::views

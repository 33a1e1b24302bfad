#pragma once
// The Timeline view of one opened input (one cache, or a folder's caches side by side): the
// search bar, the overview strip, the canvas with its scroll bar, and below them the details,
// range summary and flags. The data is loaded in a worker; search runs in a worker over the
// loaded data (no cache read); a newer search drops an older one's answer (generation ids).

#include "timeline/flagstore.h"
#include "timeline/slicedetails.h"
#include "timeline/timelinedata.h"
#include "timelinecanvas.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QScrollBar;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace ts::model {
class CacheReader;
}

namespace ts::views {

struct LoadedTimeline
{
    std::shared_ptr<const model::TimelineData> data; // null when nothing could be read
    QString error;
};

class DetailsPane;
class FlagsPanel;
class OverviewStrip;
class RangeStatsModel;
class TimelineViewport;

class TimelineView : public QWidget
{
    Q_OBJECT
public:
    // flagsFile: where the user's flags are kept (in the cache folder); empty: not kept.
    // groupTitles: per cache, the group it shows in (an Ascend rank), or empty (see
    // TimelineData::load).
    TimelineView(const QStringList &cachePaths, const QString &flagsFile,
                 const QStringList &groupTitles = {}, QWidget *parent = nullptr);
    ~TimelineView() override;

    bool isLoaded() const { return m_loaded; }
    QString loadError() const { return m_loadError; }
    const model::TimelineData *data() const { return m_data.get(); }
    std::shared_ptr<const model::TimelineData> sharedData() const { return m_data; }
    TimelineCanvas *canvas() const { return m_canvas; }
    TimelineViewport *viewport() const { return m_viewport; }
    DetailsPane *details() const { return m_details; }
    QLineEdit *searchField() const { return m_search; }
    RangeStatsModel *rangeModel() const { return m_rangeModel; }
    FlagsPanel *flagsPanel() const { return m_flagsPanel; }
    int searchHitCount() const { return int(m_hits.size()); }
    int currentHit() const { return m_hit; }
    // From the start of a search until its answer has been shown.
    bool isSearching() const { return m_searchPending; }

    void selectSlice(const model::SliceRef &ref, bool centre);
    void findNext(bool backwards);
    // Searches for `text`, selects the first match and frames it together with the other ends
    // of its flows (what `--find` does for a screenshot).
    void findAndFrame(const QString &text);

signals:
    void loaded();
    void searchFinished(int hits);
    void statusMessage(const QString &text);

private:
    void onLoaded();
    void startSearch();
    void onSearchDone();
    void onSliceSelected(const model::SliceRef &ref);
    void addDeviceTask(int cacheIndex); // an Ascend slice: its kernel_details row, in its args
    void onRangeSelected(int64_t start, int64_t end);
    void onFlowActivated(int index);
    void addFlag(int64_t ts);
    void saveFlags(const QList<model::TimelineFlag> &flags);
    void showTrackMenu(int track, const QPoint &globalPos);
    model::CacheReader *reader(int cacheIndex);
    model::SliceRef locate(int cacheIndex, qint64 trackId, qint64 cacheTs, qint64 sliceId) const;
    void syncScrollBar();
    void frameSelectionWithFlows();
    QWidget *makeSearchBar();

    QStringList m_cachePaths;
    QStringList m_groupTitles; // by cache: its Ascend rank's group, or empty
    QString m_flagsFile;
    std::shared_ptr<const model::TimelineData> m_data;
    std::vector<std::unique_ptr<model::CacheReader>> m_readers;
    bool m_loaded = false;
    QString m_loadError;

    TimelineViewport *m_viewport;
    TimelineCanvas *m_canvas;
    OverviewStrip *m_overview;
    QScrollBar *m_vscroll;
    QLineEdit *m_search;
    QLabel *m_searchCount;
    QTabWidget *m_bottom;
    DetailsPane *m_details;
    RangeStatsModel *m_rangeModel;
    QSortFilterProxyModel *m_rangeProxy;
    QTableView *m_rangeTable;
    QLabel *m_rangeTitle;
    FlagsPanel *m_flagsPanel;
    model::SliceDetails m_shown;
    QVector<model::SliceRef> m_flowEnds; // per row of the details' flow table

    QFutureWatcher<LoadedTimeline> m_loadWatcher;
    QFutureWatcher<QVector<model::SliceRef>> m_searchWatcher;
    QString m_searchedText;
    QVector<model::SliceRef> m_hits;
    int m_hit = -1;
    bool m_frameFirstHit = false;
    bool m_searchPending = false;
};

} // namespace ts::views

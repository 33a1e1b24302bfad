#pragma once
// What an import produced, at a glance: the counts, the process → track tree with how many items
// each track holds, the events that were skipped and why, the importer's warnings and the
// trace's own metadata. Filled from the cache in a worker thread.

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTreeView;
class QTableView;
class QPlainTextEdit;

namespace ts::views {

struct OverviewData;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    // startNow false: the caches are read on startLoading() or when first shown, whichever comes
    // first (a document starts it once its timeline has loaded, so the two do not share the
    // cores before the timeline's first frame).
    OverviewPage(const QStringList &cachePaths, const QStringList &importWarnings,
                 bool startNow = true, QWidget *parent = nullptr);
    ~OverviewPage() override;
    void startLoading();

    QStandardItemModel *trackModel() const { return m_tracks; }
    QStandardItemModel *skipModel() const { return m_skips; }
    bool isLoaded() const { return m_loaded; }
    bool isLoadStarted() const { return m_started; }

signals:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void show(const OverviewData &data);

    QStringList m_cachePaths;
    QStringList m_importWarnings;
    QLabel *m_headline = nullptr;
    QStandardItemModel *m_tracks = nullptr;
    QStandardItemModel *m_skips = nullptr;
    QStandardItemModel *m_metadata = nullptr;
    QPlainTextEdit *m_warnings = nullptr;
    QFutureWatcher<std::shared_ptr<OverviewData>> m_watcher;
    bool m_loaded = false;
    bool m_started = false;
};

} // namespace ts::views

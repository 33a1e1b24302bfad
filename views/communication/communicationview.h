#pragma once
// The Communication tab of an opened Ascend input (MindStudio Insight's Communication module):
// a summary line naming the slowest rank and link, a table per rank × communication operator
// (transit, wait, synchronisation, idle time and ratios; sorted, filtered, copied and exported
// as CSV in the `--stats communication` format), the bandwidth per rank and link type, and the
// rank × rank matrix as a heat map of bandwidth, size or time — for one step or all, the totals
// or one operator. The caches are read and the figures computed in a worker; the view only shows
// the result.

#include "communication/commstats.h"

#include <QFutureWatcher>
#include <QModelIndex>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ts::views {

class CommHeatMap;
class CommLinkTableModel;
class CommOpTableModel;

class CommunicationView : public QWidget
{
    Q_OBJECT
public:
    explicit CommunicationView(QList<model::CommSource> sources, QWidget *parent = nullptr);
    ~CommunicationView() override;

    bool isReady() const { return m_ready; }
    QString summaryText() const;
    QByteArray visibleCsv() const; // the operator rows shown, in their shown order
    QByteArray selectedCsv() const;
    bool exportCsv(const QString &file, QString *error) const;

    QComboBox *stepBox() const { return m_step; }
    QComboBox *matrixOpBox() const { return m_matrixOp; }
    QComboBox *metricBox() const { return m_metric; }
    QLineEdit *filterField() const { return m_filterField; }
    QTableView *opTable() const { return m_opTable; }
    CommOpTableModel *opModel() const { return m_opModel; }
    CommLinkTableModel *linkModel() const { return m_linkModel; }
    CommHeatMap *heatMap() const { return m_heatMap; }

signals:
    void ready();

private:
    void onLoaded();
    void recompute();
    void updateMatrix();
    void updateSummary(const model::CommunicationStats &stats);
    void copySelection() const;
    void exportWithDialog();
    QByteArray csvOf(QModelIndexList proxyRows) const;

    struct Loaded
    {
        model::CommunicationData data;
        QString error;
    };
    QFutureWatcher<Loaded> m_watcher;
    model::CommunicationData m_data;
    QString m_loadError;
    bool m_ready = false;

    QComboBox *m_step;
    QLineEdit *m_filterField;
    QLabel *m_summary;
    CommOpTableModel *m_opModel;
    QSortFilterProxyModel *m_opFilter;
    QTableView *m_opTable;
    CommLinkTableModel *m_linkModel;
    QTableView *m_linkTable;
    QComboBox *m_matrixOp;
    QComboBox *m_metric;
    CommHeatMap *m_heatMap;
};

} // namespace ts::views

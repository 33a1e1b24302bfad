#pragma once
// A comparison of two inputs (File ▸ Compare…, `--compare BASE PATH`): imports both (or reuses
// their caches) as documents do, then computes each run's operators in a worker and shows them
// side by side (views::CompareView) — or, when both are msMemScope dumps, what each owner and
// call stack holds (views::MemScopeCompareView). Either import failing shows which one and why.

#include "importservice.h"

#include <QFutureWatcher>
#include <QWidget>

#include "memscope/memscopecompare.h"
#include "timeline/operatorcompare.h"

class QLabel;
class QStackedWidget;

namespace ts::views {
class CompareView;
class MemScopeCompareView;
} // namespace ts::views

namespace ts::app {

struct ComparedRuns
{
    QVector<model::OperatorDelta> rows;
    // Two msMemScope runs: what each owner and stack holds, instead of operators.
    bool memory = false;
    QVector<model::MemScopeDelta> memoryRows;
    QString error; // non-empty: why there is nothing to compare
};

class CompareTab : public QWidget
{
    Q_OBJECT
public:
    CompareTab(const QString &base, const QString &next, ImportService *imports,
               QWidget *parent = nullptr);
    ~CompareTab() override;

    QString basePath() const { return m_paths[0]; }
    QString newPath() const { return m_paths[1]; }
    bool isReady() const { return m_ready; }
    QString errorText() const { return m_error; }
    views::CompareView *view() const { return m_view; }
    // Shown instead of view() when both inputs are msMemScope dumps.
    views::MemScopeCompareView *memoryView() const { return m_memoryView; }

signals:
    void statusMessage(const QString &text);

private:
    void onImported();
    void onCompared();
    void fail(const QString &error);

    QString m_paths[2];
    ImportHandle *m_handles[2] = {nullptr, nullptr};
    QFutureWatcher<ComparedRuns> m_watcher;
    bool m_ready = false;
    QString m_error;
    QStackedWidget *m_pages;
    QLabel *m_message;
    views::CompareView *m_view;
    views::MemScopeCompareView *m_memoryView;
};

} // namespace ts::app

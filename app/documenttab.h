#pragma once
// One opened input: while it imports, a progress page with Cancel; then the views over its
// cache; or, when the import failed, the error and what the child logged. A warning about the
// input (owner, mode) stays visible above whatever is shown.

#include "importservice.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QPlainTextEdit;

namespace ts::views {
class CommunicationView;
class MemoryView;
class OperatorsView;
class OverviewPage;
class SqlView;
class SummaryView;
class TimelineView;
} // namespace ts::views

namespace ts::app {

class DocumentTab : public QWidget
{
    Q_OBJECT
public:
    DocumentTab(const QString &path, const QString &warning, ImportService *imports,
                QWidget *parent = nullptr);

    QString path() const { return m_path; }
    // Settled: the import finished one way or another (the views or the error are up).
    bool isSettled() const { return m_settled; }
    // Ready: settled and, when it worked, the timeline has its data and every view that started
    // loading has loaded (what a screenshot waits for; a Memory tab not yet shown has not).
    bool isReady() const;
    views::TimelineView *timeline() const { return m_timeline; }
    views::MemoryView *memory() const { return m_memory; }
    views::OperatorsView *operators() const { return m_operators; }
    views::SqlView *sql() const { return m_sql; }
    views::SummaryView *summary() const { return m_summary; }
    views::CommunicationView *communication() const { return m_communication; }
    bool hasFailed() const { return m_settled && !m_outcome.ok; }
    const InputOutcome &outcome() const { return m_outcome; }
    QString errorText() const;
    // Shows the view of that name (any case); false when this document has no such view.
    bool showView(const QString &name);
    // The view on screen ("Timeline", "Memory", "Communication", "Overview", "SQL"); empty while
    // importing or on error.
    QString currentViewName() const;

signals:
    void statusMessage(const QString &text);
    void settled();

private:
    void startImport();
    void onFinished(const InputOutcome &outcome);
    QWidget *makeProgressPage();
    QWidget *makeErrorPage();
    QWidget *makeViews(const InputOutcome &outcome);
    void addOperators(QTabWidget *tabs);
    void addSummary(QTabWidget *tabs, const InputOutcome &outcome);
    void addCommunication(QTabWidget *tabs, const InputOutcome &outcome);
    QString flagsFile(const InputOutcome &outcome) const;

    QString m_path;
    ImportService *m_imports;
    ImportHandle *m_handle = nullptr;
    InputOutcome m_outcome;
    bool m_settled = false;

    QLabel *m_warning = nullptr;
    QStackedWidget *m_pages = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_stage = nullptr;
    QPushButton *m_cancel = nullptr;
    QWidget *m_errorPage = nullptr;
    QLabel *m_errorText = nullptr;
    QPlainTextEdit *m_errorDetails = nullptr;
    QWidget *m_views = nullptr;
    views::TimelineView *m_timeline = nullptr;
    views::MemoryView *m_memory = nullptr;
    views::OperatorsView *m_operators = nullptr;
    views::SqlView *m_sql = nullptr;
    views::SummaryView *m_summary = nullptr;
    views::CommunicationView *m_communication = nullptr;
    views::OverviewPage *m_overview = nullptr;
};

} // namespace ts::app

#include "documenttab.h"

#include "ascend/ascendmemory.h"
#include "cache/sqlite.h"
#include "commsources.h"
#include "communication/communicationview.h"
#include "memory/memorysummary.h"
#include "memory/memoryview.h"
#include "memscope/memscopememory.h"
#include "operators/operatorsview.h"
#include "overview/overviewpage.h"
#include "sql/sqlview.h"
#include "sqlsources.h"
#include "summary/summaryview.h"
#include "timeline/timelineview.h"
#include "timeline/timelineviewport.h"
#include "util/safefs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTabWidget>

#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <set>
#include <tuple>

namespace ts::app {

namespace {

// A view is named by its English title (--view, the screenshot report), whatever language the tab
// shows: the title's source text is kept on the widget.
const char kViewName[] = "viewName";

void addView(QTabWidget *tabs, QWidget *view, const char *title)
{
    view->setProperty(kViewName, QString::fromLatin1(title));
    tabs->addTab(view, DocumentTab::tr(title));
}

QString viewName(const QTabWidget *tabs, int index)
{
    const QVariant name = tabs->widget(index)->property(kViewName);
    return name.isValid() ? name.toString() : tabs->tabText(index);
}

} // namespace

DocumentTab::DocumentTab(const QString &path, const QString &warning, ImportService *imports,
                         QWidget *parent)
    : QWidget(parent), m_path(path), m_imports(imports)
{
    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("inputWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e8c54a; "
                       "padding: 6px 10px; }"));
    m_warning->setText(tr("Warning: %1").arg(warning));
    m_warning->setVisible(!warning.isEmpty());

    m_pages = new QStackedWidget;
    m_pages->addWidget(makeProgressPage());
    m_errorPage = makeErrorPage();
    m_pages->addWidget(m_errorPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_warning);
    layout->addWidget(m_pages, 1);

    startImport();
}

QWidget *DocumentTab::makeProgressPage()
{
    auto *page = new QWidget;
    m_stage = new QLabel(tr("Opening %1…").arg(QFileInfo(m_path).fileName()));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(520);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_handle)
            m_handle->cancel();
        m_cancel->setEnabled(false);
        m_stage->setText(tr("Cancelling…"));
    });
    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(m_stage, 0, Qt::AlignHCenter);
    layout->addWidget(m_progress, 0, Qt::AlignHCenter);
    layout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

QWidget *DocumentTab::makeErrorPage()
{
    auto *page = new QWidget;
    m_errorText = new QLabel;
    m_errorText->setObjectName(QStringLiteral("importError"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorDetails = new QPlainTextEdit;
    m_errorDetails->setReadOnly(true);
    m_errorDetails->setMaximumHeight(220);
    auto *retry = new QPushButton(tr("Try Again"));
    connect(retry, &QPushButton::clicked, this, &DocumentTab::startImport);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addWidget(new QLabel(tr("<h3>This input could not be opened</h3>")));
    layout->addWidget(m_errorText);
    layout->addWidget(m_errorDetails);
    layout->addWidget(retry, 0, Qt::AlignLeft);
    layout->addStretch();
    return page;
}

void DocumentTab::startImport()
{
    m_settled = false;
    m_pages->setCurrentIndex(0);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    if (m_handle)
        m_handle->deleteLater();
    m_handle = m_imports->start(m_path, this);
    connect(m_handle, &ImportHandle::progressChanged, this,
            [this](double fraction, const QString &stage) {
                m_progress->setValue(int(fraction * 1000));
                m_stage->setText(tr("%1 %2 — %3%")
                                     .arg(stage, QFileInfo(m_path).fileName())
                                     .arg(int(fraction * 100)));
            });
    connect(m_handle, &ImportHandle::finished, this, &DocumentTab::onFinished);
}

void DocumentTab::onFinished(const InputOutcome &outcome)
{
    m_outcome = outcome;
    m_settled = true;
    if (!outcome.ok) {
        m_errorText->setText(outcome.error);
        QStringList details = outcome.warnings;
        for (const ImportOutcome &f : outcome.files) {
            if (!f.ok && !f.error.isEmpty() && f.error != outcome.error)
                details << f.error;
        }
        m_errorDetails->setPlainText(details.join(QLatin1Char('\n')));
        m_errorDetails->setVisible(!details.isEmpty());
        m_pages->setCurrentWidget(m_errorPage);
        emit statusMessage(outcome.error);
        emit settled();
        return;
    }
    if (m_views) {
        m_pages->removeWidget(m_views);
        m_views->deleteLater();
    }
    m_views = makeViews(outcome);
    m_pages->addWidget(m_views);
    m_pages->setCurrentWidget(m_views);
    emit statusMessage(tr("%1: %2 slices, %3 flows, %4 skipped — %5 in %6 s")
                           .arg(QFileInfo(m_path).fileName())
                           .arg(outcome.counts.slices)
                           .arg(outcome.counts.flows)
                           .arg(outcome.counts.skipped)
                           .arg(outcome.allReused() ? tr("opened from the cache") : tr("imported"))
                           .arg(outcome.seconds, 0, 'f', 2));
    emit settled();
}

QString DocumentTab::errorText() const
{
    return m_settled && !m_outcome.ok ? m_outcome.error : QString();
}

QWidget *DocumentTab::makeViews(const InputOutcome &outcome)
{
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("documentViews"));
    tabs->setDocumentMode(true);
    m_timeline =
        new views::TimelineView(outcome.cachePaths(), flagsFile(outcome), outcome.groupTitles());
    connect(m_timeline, &views::TimelineView::statusMessage, this, &DocumentTab::statusMessage);
    addView(tabs, m_timeline, QT_TR_NOOP("Timeline"));
    addOperators(tabs);
    addSummary(tabs, outcome);
    QWidget *memory = nullptr;
    // Ascend ranks: every rank's memory_record and operator_memory in one view.
    QList<model::AscendMemorySource> ascendMemory;
    for (const RankOutcome &rank : outcome.ranks) {
        for (const QString &cache : rank.memoryCaches)
            ascendMemory << model::AscendMemorySource{cache, rank.title()};
    }
    if (!ascendMemory.isEmpty()) {
        // Read when the tab is first shown: the timeline, shown first, must not wait for it.
        memory = new views::MemoryView(ascendMemory, views::MemoryLoad::WhenShown);
        addView(tabs, memory, QT_TR_NOOP("Memory"));
    }
    // msMemScope dumps (one, or an msmemscope_* folder of them): their blocks in one view.
    model::MemScopeSources dumps;
    for (const QString &cache : memory ? QStringList() : outcome.cachePaths()) {
        model::Database db;
        if (db.openReadOnly(cache, nullptr) && model::hasMemScopeData(db))
            dumps.caches << cache;
    }
    if (!dumps.caches.isEmpty()) {
        memory = new views::MemoryView(dumps);
        addView(tabs, memory, QT_TR_NOOP("Memory"));
    }
    for (const QString &cache : memory ? QStringList() : outcome.cachePaths()) {
        // A snapshot, or a profiler trace's [memory] totals: the Memory view reads both. Only
        // whether there is something, not how much: counting a big snapshot's rows takes long.
        if (model::MemorySummary::presenceInCache(cache).hasMemoryView()) {
            memory = new views::MemoryView(cache); // one input file's memory
            addView(tabs, memory, QT_TR_NOOP("Memory"));
            break;
        }
    }
    addCommunication(tabs, outcome);
    auto *overview = new views::OverviewPage(outcome.cachePaths(), outcome.warnings, false);
    addView(tabs, overview, QT_TR_NOOP("Overview"));
    connect(m_timeline, &views::TimelineView::loaded, overview, &views::OverviewPage::startLoading);
    m_overview = overview;
    // The schema names come from reading the caches: worked out on the SQL worker's thread.
    m_sql = new views::SqlView([outcome] { return sqlSourcesFor(outcome); });
    addView(tabs, m_sql, QT_TR_NOOP("SQL"));
    // A snapshot has nothing for a timeline: show what it does have instead of an empty canvas.
    connect(m_timeline, &views::TimelineView::loaded, tabs, [this, tabs, overview, memory] {
        if (!m_timeline->loadError().isEmpty()) {
            tabs->setTabVisible(tabs->indexOf(m_timeline), false);
            tabs->setTabVisible(tabs->indexOf(m_operators), false);
            tabs->setCurrentWidget(memory ? memory : overview);
        }
    });
    m_memory = qobject_cast<views::MemoryView *>(memory);
    return tabs;
}

void DocumentTab::addCommunication(QTabWidget *tabs, const InputOutcome &outcome)
{
    // Only when a cache holds HCCL's analysis (communication*.json, analysis.db, the cluster
    // files).
    const QList<model::CommSource> sources = communicationSources(outcome);
    if (sources.isEmpty())
        return;
    m_communication = new views::CommunicationView(sources);
    addView(tabs, m_communication, QT_TR_NOOP("Communication"));
}

void DocumentTab::addOperators(QTabWidget *tabs)
{
    // Over what the timeline loaded: it computes once the timeline has its data, follows its
    // Shift-drag range, and a double click shows the row's longest slice there.
    m_operators = new views::OperatorsView;
    addView(tabs, m_operators, QT_TR_NOOP("Operators"));
    connect(m_timeline, &views::TimelineView::loaded, m_operators,
            [this] { m_operators->setData(m_timeline->sharedData()); });
    connect(m_timeline->canvas(), &views::TimelineCanvas::rangeSelected, m_operators,
            &views::OperatorsView::setRange);
    connect(m_operators, &views::OperatorsView::jumpRequested, this,
            [this, tabs](const model::SliceRef &ref) {
                if (!ref.isValid())
                    return;
                tabs->setCurrentWidget(m_timeline);
                m_timeline->selectSlice(ref, true);
            });
}

void DocumentTab::addSummary(QTabWidget *tabs, const InputOutcome &outcome)
{
    // Computed once the timeline has its data; shown only when the input has steps, which are
    // then also drawn on the timeline.
    m_summary = new views::SummaryView;
    addView(tabs, m_summary, QT_TR_NOOP("Summary"));
    tabs->setTabVisible(tabs->indexOf(m_summary), false);
    const QStringList titles = outcome.groupTitles();
    connect(m_timeline, &views::TimelineView::loaded, m_summary, [this, titles] {
        // Even with nothing to draw (an Ascend rank of step_trace_time.csv alone) the steps'
        // figures may be there.
        m_summary->setData(m_timeline->sharedData(), titles);
    });
    connect(m_summary, &views::SummaryView::computed, this, [this, tabs] {
        const model::StepSummary &summary = m_summary->summary();
        tabs->setTabVisible(tabs->indexOf(m_summary), !summary.isEmpty());
        QVector<views::StepMark> marks;
        std::set<std::tuple<int, int64_t, int64_t>> drawn; // two GPUs' ranks share host groups
        for (const model::RankStep &s : summary.rows) {
            if (!s.hasRange)
                continue;
            const QString label = s.step >= 0 ? tr("Step %1").arg(s.step) : tr("Step");
            for (int group : summary.ranks.value(s.rank).groups) {
                if (drawn.insert({group, s.start, s.end}).second)
                    marks.append(views::StepMark{group, s.start, s.end, label});
            }
        }
        m_timeline->canvas()->setStepMarks(marks);
    });
    connect(m_summary, &views::SummaryView::stepRequested, this,
            [this, tabs](int64_t start, int64_t end, const model::SliceRef &stepSlice) {
                tabs->setCurrentWidget(m_timeline);
                if (stepSlice.isValid())
                    m_timeline->selectSlice(stepSlice, false);
                m_timeline->viewport()->showRange(start, end, 0.05);
            });
    connect(m_summary, &views::SummaryView::kernelRequested, this,
            [this, tabs](const model::SliceRef &ref) {
                if (!ref.isValid())
                    return;
                tabs->setCurrentWidget(m_timeline);
                m_timeline->selectSlice(ref, true);
            });
}

QString DocumentTab::flagsFile(const InputOutcome &outcome) const
{
    // Flags are the user's notes about a trace, kept with our caches: beside the cache when it is
    // one of ours, else under flags/ in the cache folder, never next to the user's own data.
    const QString cacheDir = m_imports->settings().cacheDir;
    const QStringList caches = outcome.cachePaths();
    if (caches.size() == 1 && QFileInfo(caches.first()).absolutePath().startsWith(cacheDir))
        return caches.first() + QStringLiteral(".flags.json");
    const QString key =
        QString::fromLatin1(QCryptographicHash::hash(QFileInfo(m_path).absoluteFilePath().toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(32));
    const QString dir = QDir(cacheDir).filePath(QStringLiteral("flags"));
    QString error;
    if (!fs::ensurePrivateDir(dir, &error))
        return {};
    return QDir(dir).filePath(key + QStringLiteral(".flags.json"));
}

bool DocumentTab::isReady() const
{
    return m_settled &&
           (!m_outcome.ok ||
            ((!m_timeline || m_timeline->isLoaded()) &&
             (!m_memory || !m_memory->isLoadStarted() || m_memory->isReady()) &&
             (!m_overview || !m_overview->isLoadStarted() || m_overview->isLoaded()) &&
             (!m_operators || !m_timeline->isLoaded() || m_operators->isReady()) &&
             (!m_summary || !m_timeline->isLoaded() || m_summary->isReady()) &&
             (!m_communication || m_communication->isReady()) && (!m_sql || !m_sql->isBusy())));
}

bool DocumentTab::showView(const QString &name)
{
    auto *tabs = qobject_cast<QTabWidget *>(m_views);
    if (!tabs || name.isEmpty())
        return false;
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->isTabVisible(i) && viewName(tabs, i).compare(name, Qt::CaseInsensitive) == 0) {
            tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

QString DocumentTab::currentViewName() const
{
    const auto *tabs = qobject_cast<QTabWidget *>(m_views);
    return tabs && m_pages->currentWidget() == m_views ? viewName(tabs, tabs->currentIndex())
                                                       : QString();
}

} // namespace ts::app

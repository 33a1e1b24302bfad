#include "comparetab.h"

#include "memory/memscopecompareview.h"
#include "operators/compareview.h"
#include "timeline/operatorcompare.h"
#include "util/workerpool.h"

#include <QFileInfo>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ts::app {

namespace {

// Both runs' msMemScope holdings compared; false with *error when one is not a dump.
bool compareDumps(const InputOutcome &base, const InputOutcome &next, ComparedRuns *out)
{
    model::MemScopeRunHoldings runs[2];
    const InputOutcome *outcomes[2] = {&base, &next};
    for (int i = 0; i < 2; ++i) {
        const QStringList caches = outcomes[i]->cachePaths();
        if (!model::cachesHoldMemScope(caches)) {
            out->error = QCoreApplication::translate(
                             "ts::app::CompareTab",
                             "%1 holds no msMemScope dump: a dump compares only with a dump")
                             .arg(outcomes[i]->path);
            return false;
        }
        if (!model::memScopeHoldings(caches, &runs[i], &out->error)) {
            out->error = QStringLiteral("%1: %2").arg(outcomes[i]->path, out->error);
            return false;
        }
    }
    out->memory = true;
    out->memoryRows = model::compareMemScope(runs[0], runs[1]);
    return true;
}

} // namespace

CompareTab::CompareTab(const QString &base, const QString &next, ImportService *imports,
                       QWidget *parent)
    : QWidget(parent), m_paths{base, next}
{
    setObjectName(QStringLiteral("compareTab"));
    m_message = new QLabel(
        tr("Opening %1 and %2…").arg(QFileInfo(base).fileName(), QFileInfo(next).fileName()));
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view = new views::CompareView;
    m_memoryView = new views::MemScopeCompareView;
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_message);
    m_pages->addWidget(m_view);
    m_pages->addWidget(m_memoryView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CompareTab::onCompared);
    for (int i = 0; i < 2; ++i) {
        m_handles[i] = imports->start(m_paths[i], this);
        connect(m_handles[i], &ImportHandle::finished, this, &CompareTab::onImported);
    }
}

CompareTab::~CompareTab()
{
    for (ImportHandle *h : m_handles)
        if (h && !h->isFinished())
            h->cancel();
    m_watcher.waitForFinished();
}

void CompareTab::fail(const QString &error)
{
    m_error = error;
    m_message->setText(tr("Cannot compare: %1").arg(error));
    m_ready = true;
    emit statusMessage(error);
}

void CompareTab::onImported()
{
    if (!m_handles[0]->isFinished() || !m_handles[1]->isFinished())
        return;
    const InputOutcome base = m_handles[0]->outcome(), next = m_handles[1]->outcome();
    for (const InputOutcome *o : {&base, &next}) {
        if (!o->ok)
            return fail(QStringLiteral("%1: %2").arg(o->path, o->error));
    }
    m_message->setText(tr("Comparing…"));
    m_watcher.setFuture(QtConcurrent::run(model::longWorkPool(), [base, next] {
        ComparedRuns result;
        if (model::cachesHoldMemScope(base.cachePaths()) ||
            model::cachesHoldMemScope(next.cachePaths())) {
            compareDumps(base, next, &result);
            return result;
        }
        model::compareRuns({base.path, base.cachePaths(), base.groupTitles()},
                           {next.path, next.cachePaths(), next.groupTitles()}, &result.rows,
                           &result.error);
        return result;
    }));
}

void CompareTab::onCompared()
{
    ComparedRuns result = m_watcher.result();
    if (!result.error.isEmpty())
        return fail(result.error);
    if (result.memory) {
        m_memoryView->setRows(std::move(result.memoryRows), QFileInfo(m_paths[0]).fileName(),
                              QFileInfo(m_paths[1]).fileName());
        m_pages->setCurrentWidget(m_memoryView);
        m_ready = true;
        return;
    }
    m_view->setRows(std::move(result.rows), QFileInfo(m_paths[0]).fileName(),
                    QFileInfo(m_paths[1]).fileName());
    m_pages->setCurrentWidget(m_view);
    m_ready = true;
}

} // namespace ts::app

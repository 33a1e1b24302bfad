#include "documenttab.h"

#include "overview/overviewpage.h"

#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ts::app {

DocumentTab::DocumentTab(const QString &path, const QString &warning, ImportService *imports,
                         QWidget *parent)
    : QWidget(parent), m_path(path), m_imports(imports)
{
    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("inputWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e8c54a; "
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
    m_views = new views::OverviewPage(outcome.cachePaths(), outcome.warnings);
    m_pages->addWidget(m_views);
    m_pages->setCurrentWidget(m_views);
    emit statusMessage(
        tr("%1: %2 slices, %3 flows, %4 skipped — %5 in %6 s")
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

void DocumentTab::showView(const QString &name)
{
    Q_UNUSED(name); // one view so far; the timeline and memory views register here
}

} // namespace ts::app

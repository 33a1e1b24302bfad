#include "welcomepage.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ts::views {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *title = new QLabel(tr("TraceScope"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *logo = new QLabel;
    // The icon lives in the app's resources; a test linking only the views has none.
    const QString iconPath = QStringLiteral(":/icons/tracescope.svg");
    if (QFile::exists(iconPath))
        logo->setPixmap(QIcon(iconPath).pixmap(48, 48));
    auto *heading = new QHBoxLayout;
    heading->addWidget(logo);
    heading->addWidget(title, 1);

    auto *subtitle = new QLabel(
        tr("Open what your profiler wrote: PyTorch Profiler traces (.json, .json.gz), Ascend "
           "profiling folders, CUDA memory snapshots and msMemScope dumps.\n"
           "Everything stays on this machine. You can also drop files or folders here."));
    subtitle->setWordWrap(true);
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto *openFile = makeButton(tr("Open File…"), tr("A trace, snapshot or dump (Ctrl+O)"));
    openFile->setObjectName(QStringLiteral("openFileButton"));
    auto *openFolder = makeButton(tr("Open Folder…"), tr("A profiling folder or one per rank"));
    openFolder->setObjectName(QStringLiteral("openFolderButton"));
    m_sampleButton = makeButton(tr("Open Sample"), tr("A small bundled PyTorch trace"));
    m_sampleButton->setObjectName(QStringLiteral("openSampleButton"));
    connect(openFile, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    connect(openFolder, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(m_sampleButton, &QPushButton::clicked, this, &WelcomePage::openSampleRequested);

    auto *startLabel = new QLabel(tr("<b>Start</b>"));
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(startLabel);
    buttons->addWidget(openFile);
    buttons->addWidget(openFolder);
    buttons->addWidget(m_sampleButton);
    buttons->addSpacing(18);
    auto *tips = new QLabel(
        tr("<b>In the timeline</b><br>W / S zoom at the mouse, A / D pan, drag to pan<br>"
           "Click a slice for its details and flows, Shift-drag to summarise a range<br>"
           "Ctrl+F finds slices by name; M drops a flag; 0 shows everything<br>"
           "Help ▸ Keyboard Shortcuts (Ctrl+/) lists them all"));
    tips->setObjectName(QStringLiteral("welcomeTips"));
    tips->setWordWrap(true);
    tips->setStyleSheet(QStringLiteral("QLabel { color: #555; background: #f6f7fa; "
                                       "border: 1px solid #e1e4ea; padding: 10px; }"));
    buttons->addWidget(tips);
    buttons->addStretch();

    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentList"));
    m_recent->setMinimumWidth(380);
    m_recent->setMaximumHeight(420);
    m_recent->setSpacing(2);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentRequested(item->data(Qt::UserRole).toString());
    });
    auto *recentBox = new QVBoxLayout;
    recentBox->addWidget(new QLabel(tr("<b>Recent</b>")));
    recentBox->addWidget(m_recent);
    recentBox->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(buttons, 1);
    columns->addSpacing(32);
    columns->addLayout(recentBox, 2);

    auto *inner = new QVBoxLayout;
    inner->addLayout(heading);
    inner->addWidget(subtitle);
    inner->addSpacing(24);
    inner->addLayout(columns, 1);

    auto *card = new QWidget;
    card->setLayout(inner);
    card->setMaximumWidth(960);

    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(card, 10);
    row->addStretch();
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    outer->setContentsMargins(48, 48, 48, 48);

    setRecentPaths({});
}

QPushButton *WelcomePage::makeButton(const QString &text, const QString &detail)
{
    auto *button = new QPushButton(text + QLatin1Char('\n') + detail);
    button->setMinimumHeight(56);
    button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 6px 14px; }"));
    return button;
}

void WelcomePage::setRecentPaths(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        // The name reads first; the folder, dimmed, tells two runs of the same name apart.
        auto *item = new QListWidgetItem;
        item->setData(Qt::UserRole, path);
        item->setData(Qt::AccessibleTextRole, path);
        item->setToolTip(path);
        auto *label = new QLabel(
            QStringLiteral("<b>%1</b><br><span style='color:#777'>%2</span>")
                .arg(info.fileName().toHtmlEscaped(), info.absolutePath().toHtmlEscaped()));
        label->setContentsMargins(6, 3, 6, 3);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        item->setSizeHint(label->sizeHint());
        m_recent->addItem(item);
        m_recent->setItemWidget(item, label);
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nothing opened yet"));
        item->setFlags(Qt::NoItemFlags);
        m_recent->addItem(item);
    }
}

void WelcomePage::setSampleAvailable(bool available)
{
    m_sampleButton->setEnabled(available);
}

} // namespace ts::views

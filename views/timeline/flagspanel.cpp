#include "flagspanel.h"

#include "timeformat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ts::views {

FlagsPanel::FlagsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("flagsPanel"));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("flagList"));
    m_list->setHeaderLabels({tr("Time"), tr("Name")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item, int col) {
        const int i = m_list->indexOfTopLevelItem(item);
        if (col == 0 && i >= 0 && i < m_flags.size())
            emit jumpRequested(m_flags[i].ts);
    });
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int col) {
        const int i = m_list->indexOfTopLevelItem(item);
        if (m_rebuilding || col != 1 || i < 0 || i >= m_flags.size())
            return;
        m_flags[i].name = item->text(1);
        emit changed(m_flags);
    });
    auto *remove = new QPushButton(tr("Remove"));
    connect(remove, &QPushButton::clicked, this, &FlagsPanel::removeSelected);
    auto *hint = new QLabel(tr("M drops a flag at the selection or the mouse. Double-click a time "
                               "to jump to it, a name to rename it."));
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#666"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(hint, 1);
    bar->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
}

void FlagsPanel::setFlags(const QList<model::TimelineFlag> &flags, int64_t traceStart)
{
    m_flags = flags;
    std::stable_sort(m_flags.begin(), m_flags.end(),
                     [](const auto &a, const auto &b) { return a.ts < b.ts; });
    m_traceStart = traceStart;
    rebuild();
}

void FlagsPanel::rebuild()
{
    m_rebuilding = true;
    m_list->clear();
    for (const model::TimelineFlag &f : std::as_const(m_flags)) {
        auto *item = new QTreeWidgetItem({formatOffset(f.ts - m_traceStart, 1000), f.name});
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_list->addTopLevelItem(item);
    }
    m_rebuilding = false;
}

void FlagsPanel::removeSelected()
{
    const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (i < 0 || i >= m_flags.size())
        return;
    m_flags.removeAt(i);
    rebuild();
    emit changed(m_flags);
}

void FlagsPanel::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        removeSelected();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace ts::views

#include "ownerbreakdown.h"

#include "timeline/trackpainter.h"

#include <QHeaderView>

namespace ts::views {

namespace {

void addChildren(QTreeWidgetItem *parent, const model::OwnerNode &node, int depth)
{
    for (const model::OwnerNode &c : node.children) {
        auto *item = new QTreeWidgetItem(
            parent, {c.name, formatCounterValue(double(c.bytes), true), QString::number(c.blocks)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        addChildren(item, c, depth + 1);
        item->setExpanded(depth < 2);
    }
}

} // namespace

OwnerBreakdown::OwnerBreakdown(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("ownerBreakdown"));
    setHeaderLabels({tr("Owner"), tr("Bytes"), tr("Blocks")});
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
}

void OwnerBreakdown::setBreakdown(const model::OwnerNode &root)
{
    clear();
    auto *top = new QTreeWidgetItem(this, {tr("all live blocks"),
                                           formatCounterValue(double(root.bytes), true),
                                           QString::number(root.blocks)});
    top->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    top->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    addChildren(top, root, 1);
    top->setExpanded(true);
}

} // namespace ts::views

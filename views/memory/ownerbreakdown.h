#pragma once
// The breakdown at a moment (model/memscope/ownertree.h) as a tree: owner, bytes, blocks.

#include "memscope/ownertree.h"

#include <QTreeWidget>

namespace ts::views {

class OwnerBreakdown : public QTreeWidget
{
    Q_OBJECT
public:
    explicit OwnerBreakdown(QWidget *parent = nullptr);
    void setBreakdown(const model::OwnerNode &root);
};

} // namespace ts::views

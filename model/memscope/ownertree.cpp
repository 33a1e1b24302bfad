#include "ownertree.h"

#include <QStringList>

#include <algorithm>

namespace ts::model {

namespace {

OwnerNode &child(OwnerNode &parent, const QString &name)
{
    for (OwnerNode &c : parent.children)
        if (c.name == name)
            return c;
    parent.children.push_back(OwnerNode{name, 0, 0, {}});
    return parent.children.back();
}

void sortTree(OwnerNode &node)
{
    std::sort(node.children.begin(), node.children.end(),
              [](const OwnerNode &a, const OwnerNode &b) {
                  return a.bytes != b.bytes ? a.bytes > b.bytes : a.name < b.name;
              });
    for (OwnerNode &c : node.children)
        sortTree(c);
}

} // namespace

OwnerNode ownerBreakdown(const std::vector<std::pair<QString, uint64_t>> &blocks)
{
    OwnerNode root{QStringLiteral("all"), 0, 0, {}};
    for (const auto &[owner, bytes] : blocks) {
        QStringList path = owner.split(QLatin1Char('@'), Qt::SkipEmptyParts);
        if (path.isEmpty())
            path << QStringLiteral("(no owner)");
        OwnerNode *node = &root;
        node->bytes += bytes;
        ++node->blocks;
        for (const QString &part : std::as_const(path)) {
            node = &child(*node, part);
            node->bytes += bytes;
            ++node->blocks;
        }
    }
    sortTree(root);
    return root;
}

} // namespace ts::model

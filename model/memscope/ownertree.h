#pragma once
// The breakdown at a moment: the blocks live then, grouped by msMemScope's owner hierarchy
// ("PTA@model@layer1" → PTA ▸ model ▸ layer1) into a tree of sizes. A node's bytes and blocks
// include its children's; blocks without an owner sit under "(no owner)". Children are sorted
// by bytes, largest first (equal: by name). Plain data.

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace ts::model {

struct OwnerNode
{
    QString name;
    uint64_t bytes = 0;
    uint64_t blocks = 0;
    std::vector<OwnerNode> children;
};

// blocks: (owner path, bytes) of each live block. The root is named "all".
OwnerNode ownerBreakdown(const std::vector<std::pair<QString, uint64_t>> &blocks);

} // namespace ts::model

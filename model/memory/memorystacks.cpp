#include "memorystacks.h"

#include "memory/blobstatement.h"

namespace ts::model {

bool MemoryStacks::load(const Database &db, QString *error)
{
    QHash<QString, QString> interned; // frames share their file and function names
    auto intern = [&](const QString &s) {
        auto it = interned.constFind(s);
        return it != interned.cend() ? *it : *interned.insert(s, s);
    };
    Statement frames(db, "SELECT f.id, n.str, fl.str, f.line FROM stack_frame f "
                         "LEFT JOIN string n ON n.id = f.name_id "
                         "LEFT JOIN string fl ON fl.id = f.file_id");
    BlobStatement stacks(db, "SELECT id, depth, frames FROM stack");
    if (!frames.ok() || !stacks.ok()) {
        *error = db.lastError();
        return false;
    }
    while (frames.step())
        m_frames.insert(frames.int64(0), MemoryFrame{intern(frames.text(1)), intern(frames.text(2)),
                                                     int(frames.int64(3))});
    while (stacks.step()) {
        const std::string_view blob = stacks.blob(2);
        const int64_t depth = stacks.int64(1);
        if (depth < 0 || uint64_t(depth) * 4 != blob.size())
            continue; // a torn row: the stack reads as unknown
        std::vector<uint32_t> ids(static_cast<size_t>(depth));
        const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
        for (size_t i = 0; i < ids.size(); ++i, p += 4)
            ids[i] =
                uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
        m_stacks.insert(stacks.int64(0), std::move(ids));
    }
    if (stacks.failed()) {
        *error = db.lastError();
        return false;
    }
    return true;
}

QVector<MemoryFrame> MemoryStacks::stack(qint64 stackId) const
{
    QVector<MemoryFrame> out;
    const auto it = m_stacks.constFind(stackId);
    if (it == m_stacks.cend())
        return out;
    out.reserve(qsizetype(it->size()));
    for (uint32_t id : *it) {
        const auto f = m_frames.constFind(id);
        out << (f != m_frames.cend() ? *f
                                     : MemoryFrame{QStringLiteral("??"), QStringLiteral("??"), 0});
    }
    return out;
}

} // namespace ts::model

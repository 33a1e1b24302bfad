#include "stackinterner.h"

#include <limits>

namespace ts::parsers {

uint32_t StackInterner::frame(const PickleValue &f)
{
    if (!f.isDict()) {
        m_skips.add("stack frame that is not a dict (dropped from its stack)");
        return 0;
    }
    if (const auto it = m_frameByObject.find(f.identity()); it != m_frameByObject.end())
        return it->second;
    const uint32_t name = m_sink.intern(f["name"].asString().value_or(std::string_view()));
    const uint32_t file = m_sink.intern(f["filename"].asString().value_or(std::string_view()));
    int32_t line = 0;
    if (const auto l = f["line"].asInt(); l && *l >= std::numeric_limits<int32_t>::lowest() &&
                                          *l <= std::numeric_limits<int32_t>::max())
        line = int32_t(*l);
    const auto key = std::make_tuple(name, file, line);
    uint32_t id;
    if (const auto it = m_frameByKey.find(key); it != m_frameByKey.end()) {
        id = it->second;
    } else {
        id = m_nextFrame++;
        m_frameByKey.emplace(key, id);
        m_sink.put(rec::StackFrameRec{id, name, file, line});
    }
    m_frameByObject.emplace(f.identity(), id);
    return id;
}

uint32_t StackInterner::stack(const PickleValue &frames)
{
    if (!frames.isSequence() || frames.size() == 0)
        return 0;
    if (const auto it = m_stackByObject.find(frames.identity()); it != m_stackByObject.end())
        return it->second;
    m_ids.clear();
    for (const PickleValue f : frames.items()) {
        if (m_ids.size() == rec::kMaxStackDepth) {
            m_skips.add("stack frames beyond the depth limit (outermost dropped)",
                        frames.size() - m_ids.size());
            break;
        }
        if (const uint32_t id = frame(f))
            m_ids.push_back(id);
    }
    uint32_t id = 0;
    if (!m_ids.empty()) {
        rec::StackRec r;
        r.setFrames(m_ids, m_packed);
        if (const auto it = m_stackByFrames.find(m_packed); it != m_stackByFrames.end()) {
            id = it->second;
        } else {
            id = m_nextStack++;
            r.id = id;
            m_sink.put(r);
            m_stackByFrames.emplace(m_packed, id);
        }
    }
    m_stackByObject.emplace(frames.identity(), id);
    return id;
}

} // namespace ts::parsers

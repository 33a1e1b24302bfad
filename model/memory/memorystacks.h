#pragma once
// The stack frames of a snapshot cache (stack, stack_frame): what the Memory view shows for a
// chosen allocation. The view's first frame needs none of them, so MemoryTimeline reads them on
// a thread of their own while it builds the curves, and waits for them only when a stack is
// first asked for. Read-only once built: any thread may query it.

#include "memory/memorytimeline.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <cstdint>
#include <vector>

namespace ts::model {

class Database;

class MemoryStacks
{
public:
    // Reads every stack and frame; false with *error on an SQLite failure. A stack row whose
    // blob does not match its depth is left out: it reads as unknown.
    bool load(const Database &db, QString *error);
    // A one-frame stack (an Ascend operator allocation has its operator's name, not a call
    // stack): `id` reads as that frame. For building a table by hand, not after load().
    void addSingleFrame(qint64 id, const MemoryFrame &frame)
    {
        m_frames.insert(id, frame);
        m_stacks.insert(id, {uint32_t(id)});
    }
    // A stack of the given frames, innermost first, under `id` (for building by hand, like
    // addSingleFrame; frame ids are taken from 2^31 up so they never meet its ids).
    void addFrames(qint64 id, const QVector<MemoryFrame> &frames)
    {
        std::vector<uint32_t> ids;
        for (const MemoryFrame &f : frames) {
            const qint64 frameId = (qint64(1) << 31) + m_frames.size();
            m_frames.insert(frameId, f);
            ids.push_back(uint32_t(frameId));
        }
        m_stacks.insert(id, std::move(ids));
    }
    // Innermost first; empty for an unknown stack. Unknown frame ids read as "??".
    QVector<MemoryFrame> stack(qint64 stackId) const;

private:
    QHash<qint64, MemoryFrame> m_frames;           // stack_frame.id →
    QHash<qint64, std::vector<uint32_t>> m_stacks; // stack.id → frame ids, innermost first
};

} // namespace ts::model

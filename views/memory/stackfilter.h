#pragma once
// Which stack frames are noise to someone reading an allocation's stack: the unwinder's own
// frames, CPython's interpreter internals and frames with no name. They are folded away by
// default (the view has a toggle), as PyTorch's memory_viz does.

#include "memory/memorytimeline.h"

namespace ts::views {

bool isNoiseFrame(const model::MemoryFrame &frame);

} // namespace ts::views

#pragma once

namespace ts::app {

// Big buffers (the writer's sort runs, SQLite's sorter, the timeline's arrays) are given back to
// the system when freed. glibc otherwise raises its mmap threshold each time such a buffer is
// freed and serves the next ones from the heap, where threads' arenas keep the freed memory: the
// writer's peak then grows with the input although what it holds at once does not.
void returnLargeBuffersToTheSystem();

} // namespace ts::app

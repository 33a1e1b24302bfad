#include "memorypolicy.h"

#include <cstddef> // defines __GLIBC__ where it applies

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ts::app {

void returnLargeBuffersToTheSystem()
{
#if defined(__GLIBC__)
    // A fixed threshold also turns off glibc's dynamic one. 1 MiB: the writer's per-row and
    // per-batch allocations stay on the heap, only the few large ones are mapped.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

} // namespace ts::app

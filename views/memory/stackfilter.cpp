#include "stackfilter.h"

namespace ts::views {

bool isNoiseFrame(const model::MemoryFrame &f)
{
    if (f.name.isEmpty() || f.name == QLatin1String("??"))
        return true;
    // The unwinder and the allocator's own bookkeeping.
    if (f.name.startsWith(QLatin1String("torch::unwind")) ||
        f.name.startsWith(QLatin1String("torch::CapturedTraceback")) ||
        f.name.contains(QLatin1String("c10::cuda::CUDACachingAllocator")) ||
        f.name.contains(QLatin1String("gather_with_cpp")) || // the snapshot's own recorder
        f.file.endsWith(QLatin1String("memory_snapshot.cpp")))
        return true;
    // CPython's interpreter: frames named after its C API, or files of its source tree.
    if (f.name.startsWith(QLatin1String("_Py")) || f.name.startsWith(QLatin1String("Py")) ||
        f.name.startsWith(QLatin1String("method_vectorcall")) ||
        f.name.startsWith(QLatin1String("cfunction_")))
        return true;
    return f.file.contains(QLatin1String("Python/")) ||
           f.file.contains(QLatin1String("Objects/")) ||
           f.file.contains(QLatin1String("Include/cpython"));
}

} // namespace ts::views

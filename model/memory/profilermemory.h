#pragma once
// Memory devices from a PyTorch Profiler trace's [memory] events. The Chrome importer turns them
// into per-device counter series — derived counter tracks named "Total Allocated" and "Total
// Reserved" on the device's process (Kineto's pid for a GPU is its index; host memory sits on
// the host process) — and these become MemoryDevices that read like a snapshot's: allocated and
// reserved step curves, their peaks, no allocations. The Time axis is the samples' times; the
// Sequence axis their index within their series.

#include "cache/sqlite.h"
#include "memory/memorytimeline.h"

#include <QString>

#include <vector>

namespace ts::model {

// The series names the Chrome importer gives [memory] totals (parsers/chrome): the contract
// between the importer and this reader, and what MemorySummary looks for.
inline constexpr char kProfilerAllocatedSeries[] = "Total Allocated";
inline constexpr char kProfilerReservedSeries[] = "Total Reserved";

// Appends one device per process with such series, ascending by MemoryDevice::device (the
// process's pid); label is the process's label ("GPU 1", "CPU"), else its name. offsetNs (the
// cache's base_time_ns) is added to every time.
bool loadProfilerMemory(const Database &db, int64_t offsetNs, std::vector<MemoryDevice> *out,
                        QString *error);

} // namespace ts::model

#pragma once
// The thread pool for work that runs long off the GUI thread: reading a view's data from its
// caches, an import, a search, a table over millions of slices. Not Qt's global pool: Qt 6.4's
// raster engine splits a big fill or line drawing into tasks on the global pool and waits for
// them on the GUI thread, so a paint queued behind a load of seconds stalls the GUI thread for
// seconds (measured: the first frame of an 8-rank cluster waited ~0.9 s in
// QRasterPaintEngine::drawLines for the timeline's loaders to finish).

class QThreadPool;

namespace ts::model {

QThreadPool *longWorkPool();
// For work that mostly waits, as an import does on its children: a thread for each, so that it
// never holds up the work above nor a paint.
QThreadPool *waitingWorkPool();

} // namespace ts::model

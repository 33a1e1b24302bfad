#include "workerpool.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace ts::model {

namespace {

// Lives as long as the process, as the global pool does; like the global pool, its work is
// waited for when the application object goes, so no worker outlives what it uses.
QThreadPool *makePool(const QString &name, int maxThreads, void (*waitAtExit)())
{
    auto *p = new QThreadPool;
    p->setMaxThreadCount(maxThreads);
    p->setObjectName(name);
    qAddPostRoutine(waitAtExit);
    return p;
}

void waitForLongWork()
{
    longWorkPool()->waitForDone();
}

void waitForWaitingWork()
{
    waitingWorkPool()->waitForDone();
}

} // namespace

QThreadPool *longWorkPool()
{
    // As many threads as cores, like the global pool.
    static QThreadPool *pool = makePool(QStringLiteral("long work"),
                                        std::max(2, QThread::idealThreadCount()), waitForLongWork);
    return pool;
}

QThreadPool *waitingWorkPool()
{
    // An import each: bounded by the documents a user opens.
    static QThreadPool *pool = makePool(QStringLiteral("waiting work"), 256, waitForWaitingWork);
    return pool;
}

} // namespace ts::model

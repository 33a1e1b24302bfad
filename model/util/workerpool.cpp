#include "workerpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace ts::model {

QThreadPool *longWorkPool()
{
    // As many threads as cores, like the global pool; threads end when idle for a while.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process, as the global pool does
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        p->setObjectName(QStringLiteral("long work"));
        return p;
    }();
    return pool;
}

QThreadPool *waitingWorkPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(256); // an import each: bounded by the documents a user opens
        p->setObjectName(QStringLiteral("waiting work"));
        return p;
    }();
    return pool;
}

} // namespace ts::model

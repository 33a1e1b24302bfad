#pragma once
// The SQL tab's worker: owns the query connection on a thread of its own, opens it, reads the
// schema and runs one query at a time, handing rows over to the GUI thread in batches. Every
// request carries a generation; the tab drops what comes from an older one. Cancel works from
// the GUI thread while a query runs (QueryConnection::cancel is thread-safe).

#include "sql/queryrunner.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace ts::views {

class SqlWorker : public QObject
{
    Q_OBJECT
public:
    using SourceList = std::function<QList<model::SqlSource>()>;
    // sources is called on the worker thread: finding the schema names may read the caches.
    explicit SqlWorker(SourceList sources);
    ~SqlWorker() override;

    void open(); // -> opened or openFailed
    void run(quint64 generation, const QString &sql, const model::QueryLimits &limits);
    void cancel();

signals:
    void opened(const QList<ts::model::SqlSchema> &schema);
    void openFailed(const QString &error);
    void columns(quint64 generation, const QStringList &columns);
    void rows(quint64 generation, const QList<ts::model::SqlRow> &rows);
    void finished(quint64 generation, const ts::model::QueryOutcome &outcome);

private:
    // Lives on m_thread; the connection is used there only.
    class Engine;
    QThread m_thread;
    Engine *m_engine = nullptr;
    std::shared_ptr<std::atomic<bool>> m_stop; // the running query's
};

} // namespace ts::views

Q_DECLARE_METATYPE(ts::model::QueryOutcome)

#include "sqlworker.h"

#include <QMetaObject>

namespace ts::views {

class SqlWorker::Engine : public QObject
{
public:
    Engine(SqlWorker *owner, SourceList sources) : m_owner(owner), m_sources(std::move(sources)) {}

    void open()
    {
        QString error;
        if (!m_connection.open(m_sources(), &error)) {
            emit m_owner->openFailed(error);
            return;
        }
        emit m_owner->opened(m_connection.schema());
    }

    void run(quint64 generation, const QString &sql, const model::QueryLimits &limits,
             const std::shared_ptr<std::atomic<bool>> &stop)
    {
        if (!m_connection.isOpen()) {
            model::QueryOutcome out;
            out.error = QStringLiteral("the caches are not open");
            emit m_owner->finished(generation, out);
            return;
        }
        model::QueryCallbacks callbacks;
        callbacks.columns = [&](const QStringList &c) { emit m_owner->columns(generation, c); };
        callbacks.rows = [&](QList<model::SqlRow> &&r) {
            emit m_owner->rows(generation, r);
            return !stop->load();
        };
        const model::QueryOutcome out =
            model::runQuery(m_connection, sql, limits, stop.get(), callbacks);
        emit m_owner->finished(generation, out);
    }

    model::QueryConnection &connection() { return m_connection; }

private:
    SqlWorker *m_owner;
    SourceList m_sources;
    model::QueryConnection m_connection;
};

SqlWorker::SqlWorker(SourceList sources)
{
    qRegisterMetaType<ts::model::QueryOutcome>();
    qRegisterMetaType<QList<ts::model::SqlRow>>();
    qRegisterMetaType<QList<ts::model::SqlSchema>>();
    m_engine = new Engine(this, std::move(sources));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("SQL worker"));
    m_thread.start(QThread::LowPriority);
}

SqlWorker::~SqlWorker()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void SqlWorker::open()
{
    QMetaObject::invokeMethod(
        m_engine, [e = m_engine] { e->open(); }, Qt::QueuedConnection);
}

void SqlWorker::run(quint64 generation, const QString &sql, const model::QueryLimits &limits)
{
    cancel(); // one query at a time: a new one replaces the running one
    m_stop = std::make_shared<std::atomic<bool>>(false);
    QMetaObject::invokeMethod(
        m_engine,
        [e = m_engine, generation, sql, limits, stop = m_stop] {
            e->run(generation, sql, limits, stop);
        },
        Qt::QueuedConnection);
}

void SqlWorker::cancel()
{
    if (!m_stop)
        return;
    m_stop->store(true);
    m_engine->connection().cancel();
}

} // namespace ts::views

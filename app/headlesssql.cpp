#include "headlesssql.h"

#include "appsetup.h"
#include "headlessimport.h"
#include "importservice.h"
#include "sqlsources.h"

#include "sql/queryrunner.h"
#include "util/csv.h"

#include <QCoreApplication>

#include <cstdio>

namespace ts::app {

namespace {

void write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

int fail(const QString &why)
{
    std::fprintf(stderr, "tracescope: %s\n", qPrintable(why));
    return 1;
}

} // namespace

int runHeadlessSql(int &argc, char **argv, const AppOptions &options)
{
    installStopHandlers();
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    const std::optional<ImportSettings> prepared = headlessImportSettings(options);
    if (!prepared)
        return 1;
    const ImportSettings &settings = *prepared;

    const QString path = options.paths.value(0);
    const InputOutcome outcome = importInput(path, settings, stopProgress());
    if (stopSignal()) {
        fail(QStringLiteral("interrupted by %1 while importing %2; its unfinished cache was "
                            "removed")
                 .arg(QString::fromLatin1(signalName(stopSignal())), path));
        return 128 + stopSignal(); // the shell's convention for "ended by that signal"
    }
    for (const QString &warning : outcome.warnings)
        std::fprintf(stderr, "tracescope: warning: %s\n", qPrintable(warning));
    if (!outcome.ok)
        return fail(outcome.error);

    model::QueryConnection connection;
    QString error;
    if (!connection.open(sqlSourcesFor(outcome), &error))
        return fail(QStringLiteral("--sql: %1").arg(error));
    model::QueryCallbacks callbacks;
    callbacks.columns = [](const QStringList &columns) { write(model::csv::line(columns)); };
    callbacks.rows = [](QList<model::SqlRow> &&rows) {
        for (const model::SqlRow &row : rows)
            write(model::csv::line(row));
        return true;
    };
    // No row or time limit: the rows stream out as they come; Ctrl+C stops the query.
    const model::QueryOutcome result = model::runQuery(
        connection, options.sql, model::QueryLimits{}, &stopProgress().cancelRequested, callbacks);
    std::fflush(stdout);
    if (stopSignal()) {
        fail(QStringLiteral("--sql: interrupted by %1 after %2 rows")
                 .arg(QString::fromLatin1(signalName(stopSignal())))
                 .arg(result.rows));
        return 128 + stopSignal();
    }
    if (!result.ok)
        return fail(QStringLiteral("--sql: %1").arg(result.error));
    return 0;
}

} // namespace ts::app

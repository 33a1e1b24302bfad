#pragma once
// Caches for the timeline suites, made the way a user's open makes them: the real app imports
// the input headless (sandboxed child, record checks, cache writer) into a private cache folder.

#include "apprunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ts::testing {

inline QString sharedSample(const char *relative)
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/") + QString::fromLatin1(relative);
}

// The cache files of `input`, or an empty list (with *error) when the import failed.
inline QStringList importToCache(const AppSandboxHome &home, const QString &input, QString *error)
{
    const AppRun run = runApp(home,
                              rootFlag() + QStringList{QStringLiteral("--import"), input,
                                                       QStringLiteral("--cache-dir"),
                                                       home.path() + QStringLiteral("/c")},
                              300000);
    if (run.exitCode != 0) {
        *error = QString::fromUtf8(run.err);
        return {};
    }
    const QJsonValue cache =
        QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object().value("cache");
    QStringList paths;
    if (cache.isArray()) {
        for (const QJsonValue &v : cache.toArray())
            paths << v.toString();
    } else {
        paths << cache.toString();
    }
    return paths;
}

} // namespace ts::testing

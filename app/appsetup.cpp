#include "appsetup.h"

#include "util/safefs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace ts::app {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("TraceScope"));
    QCoreApplication::setApplicationName(QStringLiteral("TraceScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRACESCOPE_VERSION));
}

QString prepareCacheDir(const AppOptions &options, QString *error)
{
    QString dir = options.cacheDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
              QStringLiteral("/traces");
    dir = QDir::cleanPath(QDir(dir).absolutePath());
    if (!fs::ensurePrivateDir(dir, error))
        return QString();
    // Links above the cache folder are the user's own layout (HOME -> /data/home) and fine; the
    // folder itself was just refused if it is one. Resolving the parents once here gives every
    // later path (cache files, SQLite, messages) the real location, leaving the last name as is.
    const QFileInfo info(dir);
    const QString parent = QFileInfo(info.absolutePath()).canonicalFilePath();
    if (!parent.isEmpty() && !info.fileName().isEmpty())
        dir = QDir(parent).filePath(info.fileName());
    return dir;
}

QString importChildPath()
{
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("tracescope-import.exe");
#else
    const QString name = QStringLiteral("tracescope-import");
#endif
    return QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
}

} // namespace ts::app

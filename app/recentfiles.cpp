#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ts::app {

namespace {
const char kSettingsKey[] = "recentFiles";
}

RecentFiles::RecentFiles(QObject *parent) : QObject(parent)
{
    m_paths = QSettings().value(QLatin1String(kSettingsKey)).toStringList();
    m_paths.removeAll(QString());
    while (m_paths.size() > kMaxEntries)
        m_paths.removeLast();
}

void RecentFiles::add(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_paths.removeAll(clean);
    m_paths.prepend(clean);
    while (m_paths.size() > kMaxEntries)
        m_paths.removeLast();
    save();
}

void RecentFiles::remove(const QString &path)
{
    if (m_paths.removeAll(path) > 0)
        save();
}

void RecentFiles::clear()
{
    m_paths.clear();
    save();
}

void RecentFiles::save()
{
    QSettings settings;
    settings.setValue(QLatin1String(kSettingsKey), m_paths);
    settings.sync();
    emit changed(m_paths);
}

} // namespace ts::app

#pragma once
// The "Open Recent" list, kept in QSettings so it survives restarts. Most recent first, no
// duplicates, at most kMaxEntries.

#include <QObject>
#include <QStringList>

namespace ts::app {

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentFiles(QObject *parent = nullptr);

    QStringList paths() const { return m_paths; }
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

signals:
    void changed(const QStringList &paths);

private:
    void save();
    QStringList m_paths;
};

} // namespace ts::app

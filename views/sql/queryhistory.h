#pragma once
// The queries the user ran, newest first, kept in QSettings ("sql/history") across sessions and
// shared by every SQL tab. A query run again moves to the front instead of being listed twice.

#include <QStringList>

namespace ts::views {

class QueryHistory
{
public:
    static constexpr int kMaxEntries = 100;

    static QStringList load();
    static void add(const QString &query); // saves at once
    static void clear();
};

} // namespace ts::views

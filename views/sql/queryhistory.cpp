#include "queryhistory.h"

#include <QSettings>

namespace ts::views {

namespace {
const QString kKey = QStringLiteral("sql/history");
}

QStringList QueryHistory::load()
{
    return QSettings().value(kKey).toStringList();
}

void QueryHistory::add(const QString &query)
{
    const QString q = query.trimmed();
    if (q.isEmpty())
        return;
    QStringList list = load();
    list.removeAll(q);
    list.prepend(q);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
}

void QueryHistory::clear()
{
    QSettings().remove(kKey);
}

} // namespace ts::views

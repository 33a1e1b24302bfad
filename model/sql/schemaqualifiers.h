#pragma once
// The names a SQL statement uses as qualifiers (`rank3.slice`, `"rank3".slice`): what a query
// over more caches than SQLite can attach at once needs attached. Outside string literals and
// comments only; a table alias written the same way is reported too, which costs at most an
// attach the query did not need.

#include <QSet>
#include <QString>

namespace ts::model {

// Lower-cased, since SQLite's schema names are case-insensitive.
QSet<QString> schemaQualifiers(const QString &sql);

} // namespace ts::model

#pragma once
// CSV as RFC 4180 quotes it: a field with a comma, a double quote, CR or LF is enclosed in double
// quotes, and a quote inside is doubled. Lines end with "\n".

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

namespace ts::model::csv {

QByteArray field(const QString &text);
// A cell of a query's result: null is an empty field, a real the shortest text that reads back
// the same (with ".0" when it is whole, as SQLite writes it), a blob X'hex'.
QByteArray field(const QVariant &value);
QByteArray line(const QStringList &fields);
QByteArray line(const QList<QVariant> &values);

} // namespace ts::model::csv

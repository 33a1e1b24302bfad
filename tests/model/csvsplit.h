#pragma once
// The tests' own RFC 4180 splitter, independent of the product's CSV reader and writer so a
// test can check either against it: quoted fields may hold commas, doubled quotes and newlines;
// a CR outside quotes is dropped; a last line without its newline still counts.

#include <QList>
#include <QString>
#include <QStringList>

namespace ts::testing {

inline QList<QStringList> splitCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields << field, field.clear();
        } else if (c == '\n') {
            fields << field, field.clear();
            records << fields, fields.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.isEmpty() || !fields.isEmpty())
        records << (fields << field);
    return records;
}

} // namespace ts::testing

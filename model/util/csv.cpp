#include "csv.h"

#include <QLocale>

#include <cmath>

namespace ts::model::csv {

QByteArray field(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

QByteArray field(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        return {};
    case QMetaType::Double: {
        const double d = value.toDouble();
        QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        if (std::isfinite(d) && !text.contains('.') && !text.contains('e'))
            text += ".0";
        return text;
    }
    case QMetaType::QByteArray:
        return "X'" + value.toByteArray().toHex().toUpper() + '\'';
    case QMetaType::LongLong:
        return QByteArray::number(value.toLongLong());
    default:
        return field(value.toString());
    }
}

QByteArray line(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += field(fields[i]);
    }
    return out + '\n';
}

QByteArray line(const QList<QVariant> &values)
{
    QByteArray out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += field(values[i]);
    }
    return out + '\n';
}

} // namespace ts::model::csv

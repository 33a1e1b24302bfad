#include "schemaqualifiers.h"

namespace ts::model {

namespace {

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') ||
           c.unicode() > 0x7f;
}

// From `from` (just past a quote), to just past the matching `close`; a doubled close is part
// of the name or literal. Returns the text between.
QString readQuoted(const QString &sql, qsizetype &i, QChar close)
{
    QString out;
    while (i < sql.size()) {
        const QChar c = sql[i++];
        if (c == close) {
            if (i < sql.size() && sql[i] == close && close != QLatin1Char(']')) {
                out += c;
                ++i;
                continue;
            }
            return out;
        }
        out += c;
    }
    return out; // unterminated: SQLite will say so when it prepares it
}

// Past blanks and comments; true when a '.' follows.
bool dotFollows(const QString &sql, qsizetype i)
{
    while (i < sql.size()) {
        const QChar c = sql[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < sql.size() && sql[i + 1] == QLatin1Char('-')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end + 1;
        } else if (c == QLatin1Char('/') && i + 1 < sql.size() && sql[i + 1] == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
        } else {
            return c == QLatin1Char('.');
        }
    }
    return false;
}

} // namespace

QSet<QString> schemaQualifiers(const QString &sql)
{
    QSet<QString> names;
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql[i];
        QString name;
        bool isName = false;
        if (c == QLatin1Char('\'')) {
            ++i;
            readQuoted(sql, i, QLatin1Char('\'')); // a string literal names nothing
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < sql.size() && sql[i + 1] == QLatin1Char('-')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end + 1;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < sql.size() && sql[i + 1] == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[')) {
            ++i;
            name = readQuoted(sql, i, c == QLatin1Char('[') ? QLatin1Char(']') : c);
            isName = true;
        } else if (isIdentifierChar(c) && !c.isDigit()) {
            const qsizetype start = i;
            while (i < sql.size() && isIdentifierChar(sql[i]))
                ++i;
            name = sql.mid(start, i - start);
            isName = true;
        } else {
            ++i;
            // A number's digits (and `1.5`) are no name; skip them whole.
            if (c.isDigit()) {
                while (i < sql.size() && isIdentifierChar(sql[i]))
                    ++i;
            }
            continue;
        }
        if (isName && dotFollows(sql, i))
            names.insert(name.toLower());
    }
    return names;
}

} // namespace ts::model

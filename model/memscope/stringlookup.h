#pragma once
// The string table of one cache, read by id as needed and remembered: a dump has few distinct
// strings (event names, allocators, operators, owners), so each is read once.

#include "cache/sqlite.h"

#include <QHash>
#include <QString>

namespace ts::model {

class StringLookup
{
public:
    explicit StringLookup(const Database &db) : m_query(db, "SELECT str FROM string WHERE id = ?1")
    {}
    // The text of string id `id`; empty for 0 (none) or an id the cache does not hold.
    QString operator()(qint64 id)
    {
        if (id <= 0 || !m_query.ok())
            return {};
        const auto it = m_texts.constFind(id);
        if (it != m_texts.cend())
            return *it;
        m_query.bind(1, int64_t(id));
        const QString text = m_query.step() ? m_query.text(0) : QString();
        m_query.reset();
        m_texts.insert(id, text);
        return text;
    }

private:
    Statement m_query;
    QHash<qint64, QString> m_texts;
};

} // namespace ts::model

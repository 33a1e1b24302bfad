#pragma once
// Where an input's cache lives and whether it can be reused as it is.

#include <QString>

namespace ts::model {

class CacheStore
{
public:
    // <cacheDir>/<hex of SHA-256 over (absolute input path, size, mtime ns)>.tscache: a changed
    // input gets a new name, so a stale cache is never mistaken for a current one.
    static QString cachePathFor(const QString &cacheDir, const QString &inputPath, qint64 size,
                                qint64 mtimeNs);
    // Exists, is no link, opens read-only, has this schema and importer version and was
    // completed. Anything else is rebuilt.
    static bool isReusable(const QString &cachePath);
};

} // namespace ts::model

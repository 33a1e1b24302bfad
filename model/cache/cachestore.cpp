#include "cachestore.h"

#include "cache/cachereader.h"
#include "cache/cacheschema.h"
#include "util/safefs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace ts::model {

QString CacheStore::cachePathFor(const QString &cacheDir, const QString &inputPath, qint64 size,
                                 qint64 mtimeNs)
{
    QCryptographicHash key(QCryptographicHash::Sha256);
    key.addData(QDir::cleanPath(QFileInfo(inputPath).absoluteFilePath()).toUtf8());
    key.addData(QByteArrayView("\0", 1));
    key.addData(QByteArray::number(size));
    key.addData(QByteArrayView("\0", 1));
    key.addData(QByteArray::number(mtimeNs));
    return QDir(cacheDir).filePath(QString::fromLatin1(key.result().toHex().left(40)) +
                                   QLatin1String(kCacheSuffix));
}

bool CacheStore::isReusable(const QString &cachePath)
{
    if (!QFileInfo::exists(cachePath) || fs::isSymlink(cachePath))
        return false;
    CacheReader reader;
    return reader.open(cachePath, nullptr) &&
           reader.meta(QStringLiteral("importer_version")).toInt() == kImporterVersion;
}

} // namespace ts::model

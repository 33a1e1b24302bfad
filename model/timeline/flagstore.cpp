#include "flagstore.h"

#include "util/safefs.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

namespace ts::model {

namespace {
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024; // thousands of flags; more is not ours
}

void FlagStore::sort()
{
    std::stable_sort(m_flags.begin(), m_flags.end(),
                     [](const TimelineFlag &a, const TimelineFlag &b) { return a.ts < b.ts; });
}

void FlagStore::setFlags(QList<TimelineFlag> flags)
{
    m_flags = std::move(flags);
    sort();
}

void FlagStore::add(int64_t ts, const QString &name)
{
    m_flags.append({ts, name});
    sort();
}

void FlagStore::remove(int index)
{
    if (index >= 0 && index < m_flags.size())
        m_flags.removeAt(index);
}

void FlagStore::rename(int index, const QString &name)
{
    if (index >= 0 && index < m_flags.size())
        m_flags[index].name = name;
}

bool FlagStore::load(const QString &file, QString *error)
{
    m_flags.clear();
    if (!QFileInfo::exists(file) && !fs::isSymlink(file))
        return true;
    if (fs::isSymlink(file)) {
        *error = QStringLiteral("%1 is a symbolic link; flags are not read through links").arg(file);
        return false;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file, f.errorString());
        return false;
    }
    if (f.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1 is larger than a flags file can be").arg(file);
        return false;
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QStringLiteral("flags")).isArray()) {
        *error = QStringLiteral("%1 is not a flags file (%2)")
                     .arg(file, parse.error != QJsonParseError::NoError ? parse.errorString()
                                                                        : QStringLiteral("no flags list"));
        return false;
    }
    for (const QJsonValue &v : doc.object().value(QStringLiteral("flags")).toArray()) {
        const QJsonObject o = v.toObject();
        // ts as a string: int64 nanoseconds do not survive a JSON double.
        bool ok = false;
        const qint64 ts = o.value(QStringLiteral("ts")).toString().toLongLong(&ok);
        if (!ok) {
            m_flags.clear();
            *error = QStringLiteral("%1: a flag without a valid time").arg(file);
            return false;
        }
        m_flags.append({ts, o.value(QStringLiteral("name")).toString()});
    }
    sort();
    return true;
}

bool FlagStore::save(const QString &file, QString *error) const
{
    if (fs::isSymlink(file)) {
        *error = QStringLiteral("refusing to write %1: it is a symbolic link").arg(file);
        return false;
    }
    QJsonArray list;
    for (const TimelineFlag &f : m_flags) {
        list.append(QJsonObject{{QStringLiteral("ts"), QString::number(f.ts)},
                                {QStringLiteral("name"), f.name}});
    }
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QStringLiteral("flags"), list}}).toJson(QJsonDocument::Indented);
    const QString temp = QStringLiteral("%1.tmp-%2").arg(file).arg(QRandomGenerator::global()->generate());
    const int fd = fs::createPrivateFile(temp, error);
    if (fd < 0)
        return false;
    const bool written = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    const bool closed = ::close(fd) == 0;
    // rename() replaces a link at `file` itself rather than following it.
    if (!written || !closed || std::rename(QFile::encodeName(temp).constData(),
                                           QFile::encodeName(file).constData()) != 0) {
        ::unlink(QFile::encodeName(temp).constData());
        *error = QStringLiteral("cannot write %1").arg(file);
        return false;
    }
    return true;
}

} // namespace ts::model

#include "flagstore.h"

#include "records/recordformat.h"
#include "util/safefs.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ts::model {

namespace {

constexpr qint64 kMaxFileBytes = 4 << 20; // thousands of flags; anything bigger is not ours
constexpr int kFormatVersion = 1;

QString errnoText()
{
    return QString::fromLocal8Bit(strerror(errno));
}

} // namespace

int FlagStore::add(int64_t ts, const QString &name)
{
    const auto it = std::upper_bound(m_flags.begin(), m_flags.end(), ts,
                                     [](int64_t t, const TimelineFlag &f) { return t < f.ts; });
    const int index = int(it - m_flags.begin());
    m_flags.insert(index, TimelineFlag{ts, name});
    return index;
}

void FlagStore::setFlags(QVector<TimelineFlag> flags)
{
    std::stable_sort(flags.begin(), flags.end(),
                     [](const TimelineFlag &a, const TimelineFlag &b) { return a.ts < b.ts; });
    m_flags = std::move(flags);
}

bool FlagStore::remove(int index)
{
    if (index < 0 || index >= m_flags.size())
        return false;
    m_flags.remove(index);
    return true;
}

bool FlagStore::rename(int index, const QString &name)
{
    if (index < 0 || index >= m_flags.size())
        return false;
    m_flags[index].name = name;
    return true;
}

bool FlagStore::load(const QString &file, QString *error)
{
    m_flags.clear();
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot read the flags in %1: %2").arg(file, why);
        m_flags.clear();
        return false;
    };
    const QByteArray native = QFile::encodeName(file);
    const int fd = ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return true; // no flags yet
        return fail(errno == ELOOP ? QStringLiteral("it is a symbolic link") : errnoText());
    }
    QFile in;
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(QStringLiteral("not a regular file"));
    }
    if (st.st_size > kMaxFileBytes) {
        ::close(fd);
        return fail(QStringLiteral("the file is too large"));
    }
    if (!in.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(in.errorString());
    }
    const QByteArray bytes = in.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes)
        return fail(QStringLiteral("the file is too large"));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(parseError.errorString());
    const QJsonObject root = doc.object();
    // Files of the first drafts carry no version: they are version 1.
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!doc.isObject() ||
        !(version.isUndefined() || (version.isDouble() && version.toDouble() == kFormatVersion)))
        return fail(QStringLiteral("not a flag file of version %1").arg(kFormatVersion));
    const QJsonValue list = root.value(QLatin1String("flags"));
    if (!list.isArray())
        return fail(QStringLiteral("\"flags\" is not a list"));
    const QJsonArray flags = list.toArray();
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const QJsonObject f = flags[i].toObject();
        const QJsonValue ts = f.value(QLatin1String("ts"));
        const QJsonValue name = f.value(QLatin1String("name"));
        bool ok = false;
        const qlonglong t = ts.isString() ? ts.toString().toLongLong(&ok) : 0;
        if (!flags[i].isObject() || !ok || t < -rec::kMaxAbsTime || t > rec::kMaxAbsTime ||
            !name.isString())
            return fail(QStringLiteral("flag %1 is malformed").arg(i + 1));
        add(t, name.toString());
    }
    return true;
}

bool FlagStore::save(const QString &file, QString *error) const
{
    QJsonArray flags;
    for (const TimelineFlag &f : m_flags)
        flags.append(QJsonObject{{QStringLiteral("ts"), QString::number(f.ts)},
                                 {QStringLiteral("name"), f.name}});
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("version"), kFormatVersion},
                                                       {QStringLiteral("flags"), flags}})
                                 .toJson(QJsonDocument::Indented);

    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot save the flags to %1: %2").arg(file, why);
        return false;
    };
    if (fs::isSymlink(file))
        return fail(QStringLiteral("it is a symbolic link"));
    const QString temp = QStringLiteral("%1.tmp-%2-%3")
                             .arg(file)
                             .arg(::getpid())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    QString createError;
    const int fd = fs::createPrivateFile(temp, &createError);
    if (fd < 0)
        return fail(createError);
    const QByteArray nativeTemp = QFile::encodeName(temp);
    bool written = true;
    for (qsizetype done = 0; written && done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        written = n > 0;
        done += n > 0 ? n : 0;
    }
    const QString writeError = errnoText();
    // Durable before visible, as for the cache itself.
    written = written && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(nativeTemp.constData());
        return fail(writeError);
    }
    // Checked again right before the rename: rename() replaces a link rather than following
    // it, but a link here means someone meant the write to land elsewhere — refuse.
    if (fs::isSymlink(file)) {
        ::unlink(nativeTemp.constData());
        return fail(QStringLiteral("it is a symbolic link"));
    }
    if (::rename(nativeTemp.constData(), QFile::encodeName(file).constData()) != 0) {
        const QString why = errnoText();
        ::unlink(nativeTemp.constData());
        return fail(why);
    }
    return true;
}

} // namespace ts::model

#pragma once
// Named time markers a user drops on a trace's timeline (M), kept sorted by time and saved as a
// small JSON file that the app places beside the cache — never in the user's data folder.
//
// The file follows the project's file rules (util/safefs.h): written to a new private temp file
// (0640, O_EXCL|O_NOFOLLOW) and renamed over the old one, never through a symbolic link, and
// read without following one. A missing file is an empty list; a malformed one is an error
// with a reason, never a crash. Times are int64 ns of the timeline (stored as decimal strings:
// a JSON number would lose nanoseconds past 2^53).

#include <QString>
#include <QVector>

#include <cstdint>

namespace ts::model {

struct TimelineFlag
{
    int64_t ts = 0;
    QString name;
    bool operator==(const TimelineFlag &) const = default;
};

class FlagStore
{
public:
    // Replaces the list with the file's. false + error on a link, a malformed or oversized file
    // (the list is then left empty).
    bool load(const QString &file, QString *error);
    bool save(const QString &file, QString *error) const;

    // Index of the new flag; flags at the same time keep the order they were added in.
    int add(int64_t ts, const QString &name);
    bool remove(int index);
    bool rename(int index, const QString &name);
    void clear() { m_flags.clear(); }
    // Replaces the list (sorted here, stable for equal times).
    void setFlags(QVector<TimelineFlag> flags);
    const QVector<TimelineFlag> &list() const { return m_flags; }  // sorted by ts
    const QVector<TimelineFlag> &flags() const { return m_flags; } // the same list

private:
    QVector<TimelineFlag> m_flags;
};

} // namespace ts::model

#pragma once
// The user's flags on a trace (named moments), kept in a small JSON file that the app places in
// its cache folder. Saved by the project's file rules: a new 0640 file created without following
// links, then renamed over the old one, so a crash never leaves half a list and a planted
// symbolic link is never written through.

#include <QList>
#include <QString>

#include <cstdint>

namespace ts::model {

struct TimelineFlag
{
    int64_t ts = 0; // trace time, ns (the timeline's, offset included)
    QString name;
    bool operator==(const TimelineFlag &) const = default;
};

class FlagStore
{
public:
    // A missing file is an empty list; a malformed one is an error (and an empty list).
    bool load(const QString &file, QString *error);
    bool save(const QString &file, QString *error) const;

    const QList<TimelineFlag> &flags() const { return m_flags; } // sorted by time
    void setFlags(QList<TimelineFlag> flags);
    void add(int64_t ts, const QString &name);
    void remove(int index);
    void rename(int index, const QString &name);

private:
    void sort();
    QList<TimelineFlag> m_flags;
};

} // namespace ts::model

#pragma once
// The temporary file a cache is written under, and the sweep of those whose writer is gone.
//
// A cache is built as "<final>.tmp-<pid>-<random>" beside its final name and renamed into place
// when complete (cachewriter.h). A writer that is killed (SIGKILL, a crash, power lost) leaves
// that file behind; nothing else ever would remove it. So the writer holds an exclusive flock()
// on its temporary file for as long as it writes — the kernel drops it when the writer's last
// descriptor closes, however the process ends — and the sweep removes only a file that
//  - lies directly in the cache folder and has exactly our temporary name's shape,
//  - is a regular file of ours (not a link), and
//  - whose lock it can take, while the pid in its name is gone or the file is older than
//    kUnlockedGraceSeconds (the moment between a writer's create and its lock).
// A file another running TraceScope is writing is locked, so it is never touched.
// flock() and SQLite's fcntl() byte-range locks are independent on Linux and the BSDs, so the
// writer's lock does not disturb SQLite's own.

#include <QString>

namespace ts::model {

struct SweepResult
{
    int removed = 0;
    qint64 bytes = 0;
};

class CacheTemp
{
public:
    // The temporary path for a cache that will be renamed to finalPath.
    static QString pathFor(const QString &finalPath);
    // True when fileName (no folder) has the shape pathFor() gives.
    static bool isTemporaryName(const QString &fileName);
    // Takes the writer's lock on the freshly created file. False if it cannot (then the file
    // must not be used: someone else holds it).
    static bool lockForWriting(int fd);
    // Removes the temporary files in cacheDir whose writer is provably gone (see above).
    static SweepResult removeAbandoned(const QString &cacheDir);

    static constexpr int kUnlockedGraceSeconds = 60;
};

} // namespace ts::model

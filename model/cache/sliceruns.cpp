#include "sliceruns.h"

#include "util/safefs.h"

#include <QFile>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace ts::model {

bool stagedBefore(const StagedSlice &a, const StagedSlice &b)
{
    if (a.track != b.track)
        return a.track < b.track;
    if (a.ts != b.ts)
        return a.ts < b.ts;
    if (a.dur != b.dur)
        return a.dur > b.dur; // the longer one encloses the shorter at the same start
    return a.sequence < b.sequence;
}

SliceRuns::~SliceRuns()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SliceRuns::fail(const QString &what)
{
    m_error = QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(strerror(errno)));
    return false;
}

bool SliceRuns::openFile()
{
    const QByteArray dir = QFile::encodeName(m_tempDir);
#ifdef O_TMPFILE
    // No name at all: nothing to clean up, nothing another process could open.
    m_fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, fs::kFileMode);
    if (m_fd >= 0)
        return true;
#endif
    const QString path = QStringLiteral("%1/.slices-%2-%3.tmp")
                             .arg(m_tempDir)
                             .arg(::getpid())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QByteArray native = QFile::encodeName(path);
    m_fd = ::open(native.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  fs::kFileMode);
    if (m_fd < 0)
        return fail(QStringLiteral("cannot create a temporary file in %1").arg(m_tempDir));
    ::unlink(native.constData());
    return true;
}

bool SliceRuns::spill()
{
    if (m_buffer.empty())
        return true;
    if (m_fd < 0 && !openFile())
        return false;
    std::sort(m_buffer.begin(), m_buffer.end(), stagedBefore);
    const char *p = reinterpret_cast<const char *>(m_buffer.data());
    size_t left = m_buffer.size() * sizeof(StagedSlice);
    off_t offset = off_t(m_spilled * sizeof(StagedSlice));
    while (left) {
        const ssize_t put = ::pwrite(m_fd, p, left, offset);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return fail(QStringLiteral("cannot write the temporary slice file"));
        p += put;
        left -= size_t(put);
        offset += put;
    }
    m_runs.push_back(Run{m_spilled, m_spilled + m_buffer.size(), m_spilled, {}, 0});
    m_spilled += m_buffer.size();
    m_count += m_buffer.size();
    m_buffer.clear();
    return true;
}

bool SliceRuns::refill(Run &run)
{
    const uint64_t n = std::min<uint64_t>(kReadSlices, run.end - run.nextRead);
    run.buffer.resize(size_t(n));
    run.at = 0;
    char *p = reinterpret_cast<char *>(run.buffer.data());
    size_t left = size_t(n) * sizeof(StagedSlice);
    off_t offset = off_t(run.nextRead * sizeof(StagedSlice));
    while (left) {
        const ssize_t got = ::pread(m_fd, p, left, offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return fail(QStringLiteral("cannot read the temporary slice file"));
        p += got;
        left -= size_t(got);
        offset += got;
    }
    run.nextRead += n;
    return true;
}

bool SliceRuns::finish()
{
    if (m_runs.empty()) {
        // Everything fits one run: sort it where it is.
        std::sort(m_buffer.begin(), m_buffer.end(), stagedBefore);
        m_count = m_buffer.size();
        m_inMemory = true;
        return true;
    }
    if (!spill())
        return false;
    std::vector<StagedSlice>().swap(m_buffer);
    auto after = [this](uint32_t a, uint32_t b) {
        const Run &ra = m_runs[a], &rb = m_runs[b];
        return stagedBefore(rb.buffer[rb.at], ra.buffer[ra.at]);
    };
    for (uint32_t i = 0; i < m_runs.size(); ++i) {
        if (!refill(m_runs[i]))
            return false;
        m_heap.push_back(i);
    }
    std::make_heap(m_heap.begin(), m_heap.end(), after);
    return true;
}

bool SliceRuns::next(StagedSlice *out)
{
    if (m_inMemory) {
        if (m_memAt == m_buffer.size())
            return false;
        *out = m_buffer[m_memAt++];
        return true;
    }
    if (m_heap.empty())
        return false;
    auto after = [this](uint32_t a, uint32_t b) {
        const Run &ra = m_runs[a], &rb = m_runs[b];
        return stagedBefore(rb.buffer[rb.at], ra.buffer[ra.at]);
    };
    std::pop_heap(m_heap.begin(), m_heap.end(), after);
    Run &run = m_runs[m_heap.back()];
    *out = run.buffer[run.at++];
    if (run.at == run.buffer.size()) {
        if (run.nextRead == run.end) {
            std::vector<StagedSlice>().swap(run.buffer);
            m_heap.pop_back();
            return true;
        }
        if (!refill(run)) {
            m_heap.clear();
            return false;
        }
    }
    std::push_heap(m_heap.begin(), m_heap.end(), after);
    return true;
}

} // namespace ts::model

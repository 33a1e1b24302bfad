#pragma once
// Hands batches from one producer thread to one consumer thread, a few at a time, so each works
// while the other does: the producer blocks while `depth` batches wait, the consumer while none
// does. Either side can stop the other: close() says no more will come, cancel() that no more
// will be taken. Emptied batches go back to the producer (recycle() / spare()), so their memory
// is allocated once rather than per batch.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace ts::model {

template <typename T> class BatchPipe
{
public:
    explicit BatchPipe(size_t depth = 2) : m_depth(depth) {}

    // Producer. False once the consumer cancelled (the batch is dropped).
    bool push(std::vector<T> &&batch)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_cancelled || m_queue.size() < m_depth; });
        if (m_cancelled)
            return false;
        m_queue.push_back(std::move(batch));
        m_changed.notify_all();
        return true;
    }
    // An emptied batch to fill again (capacity kept), or a new one.
    std::vector<T> spare()
    {
        std::lock_guard lock(m_mutex);
        if (m_spares.empty())
            return {};
        std::vector<T> v = std::move(m_spares.back());
        m_spares.pop_back();
        return v;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }

    // Consumer. False once the producer closed and everything was taken, after cancel(), or
    // (looked at every few milliseconds while waiting) once *stop is set.
    bool pop(std::vector<T> &out, const std::atomic<bool> *stop = nullptr)
    {
        std::unique_lock lock(m_mutex);
        const auto ready = [this] { return m_cancelled || m_closed || !m_queue.empty(); };
        while (!ready()) {
            if (stop && stop->load())
                return false;
            m_changed.wait_for(lock, std::chrono::milliseconds(5), ready);
        }
        if (m_cancelled || m_queue.empty())
            return false;
        out = std::move(m_queue.front());
        m_queue.pop_front();
        m_changed.notify_all();
        return true;
    }
    void recycle(std::vector<T> &&batch)
    {
        batch.clear();
        std::lock_guard lock(m_mutex);
        m_spares.push_back(std::move(batch));
    }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_queue.clear();
        m_changed.notify_all();
    }

private:
    const size_t m_depth;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::vector<T>> m_queue;
    std::vector<std::vector<T>> m_spares;
    bool m_closed = false;
    bool m_cancelled = false;
};

} // namespace ts::model

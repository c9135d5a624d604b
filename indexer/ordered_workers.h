// File: indexer/ordered_workers.h
// Runs independent pieces of work on several threads and hands their results
// to one consumer in input order, with a bounded number of results pending.
// The index flow uses it to read, extract and analyze files on every core
// while the single Xapian writer stores them in plan order, so a run with
// --jobs N writes exactly what a run with --jobs 1 writes; and, filling an
// empty index, to report in plan order what each thread wrote itself.
//
//   RunOrdered<Doc>(files.size(), jobs, 4 * jobs,
//       [&](size_t i, size_t worker) { return Prepare(files[i], analyzers[worker]); },
//       [&](size_t i, Doc& doc) { return writer.Write(doc).ok(); });
#ifndef QUARRY_INDEXER_ORDERED_WORKERS_H_
#define QUARRY_INDEXER_ORDERED_WORKERS_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace quarry::indexer {

// Calls produce(i, worker) for every i in [0, count) on `jobs` threads
// (worker in [0, jobs): a thread's own index, e.g. for its own Analyzer),
// and consume(i, result) on the calling thread for i = 0, 1, 2, ... in
// order. At most `window` results (>= 1) are produced ahead of the consumer,
// which bounds memory. When consume returns false, no further item is
// started or consumed, and RunOrdered returns false once the workers have
// finished what they had started; it returns true when every item was
// consumed. With jobs <= 1 everything runs on the calling thread.
// REQUIRES: produce is safe to call concurrently for different i and
// different workers; it must not throw.
template <typename T>
bool RunOrdered(size_t count, size_t jobs, size_t window,
                const std::function<T(size_t, size_t)>& produce,
                const std::function<bool(size_t, T&)>& consume) {
  if (jobs <= 1) {
    for (size_t i = 0; i < count; ++i) {
      T result = produce(i, 0);
      if (!consume(i, result)) return false;
    }
    return true;
  }
  window = std::max<size_t>(window, 1);
  std::mutex mu;
  std::condition_variable produced, consumed_cv;
  std::vector<std::optional<T>> slots(window);
  size_t next_item = 0;  // next index a worker may claim
  size_t consumed = 0;   // items handed to consume so far
  bool stop = false;

  auto work = [&](size_t worker) {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        consumed_cv.wait(lock, [&] { return stop || next_item >= count || next_item < consumed + window; });
        if (stop || next_item >= count) return;
        i = next_item++;
      }
      T result = produce(i, worker);
      {
        std::lock_guard lock(mu);
        slots[i % window].emplace(std::move(result));
      }
      produced.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (size_t w = 0; w < jobs; ++w) threads.emplace_back(work, w);

  bool completed = true;
  for (size_t i = 0; i < count; ++i) {
    std::optional<T> result;
    {
      std::unique_lock lock(mu);
      produced.wait(lock, [&] { return slots[i % window].has_value(); });
      result = std::move(slots[i % window]);
      slots[i % window].reset();
    }
    bool go_on = consume(i, *result);
    {
      std::lock_guard lock(mu);
      ++consumed;
      if (!go_on) stop = true;
    }
    consumed_cv.notify_all();
    if (!go_on) {
      completed = false;
      break;
    }
  }
  for (std::thread& t : threads) t.join();
  return completed;
}

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_ORDERED_WORKERS_H_

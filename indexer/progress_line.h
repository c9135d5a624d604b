// File: indexer/progress_line.h
// The progress line a user at a terminal sees during a run, on stderr:
// files seen, changes applied out of the planned total, rate and ETA.
// Drawn only when enabled (stderr is a terminal, neither --quiet nor
// --verbose); redrawn at most ten times a second.
#ifndef QUARRY_INDEXER_PROGRESS_LINE_H_
#define QUARRY_INDEXER_PROGRESS_LINE_H_

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace quarry::indexer {

class ProgressLine {
 public:
  // Draws on `out` (not owned) when `enabled`; otherwise every call is a no-op.
  explicit ProgressLine(bool enabled = false, std::FILE* out = stderr);

  // During the walk: `seen` files so far (the total is not known yet).
  void Walking(size_t seen);
  // The plan is made: `total` changes to apply, out of `seen` files.
  void Planned(size_t seen, size_t total);
  // `done` of the planned changes are applied.
  void Applied(size_t done);
  // Erases the line so another message can be printed; the next update
  // draws it again.
  void Clear();

  // The line's text. `total` 0 means "not known yet": no ETA then.
  static std::string Format(size_t seen, size_t done, size_t total, double elapsed_seconds);

  bool enabled() const { return enabled_; }

 private:
  void Draw(bool force);

  bool enabled_;
  std::FILE* out_;
  bool shown_ = false;
  size_t seen_ = 0, done_ = 0, total_ = 0;
  std::chrono::steady_clock::time_point apply_start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PROGRESS_LINE_H_

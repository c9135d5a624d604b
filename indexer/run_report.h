// File: indexer/run_report.h
// The tally of one index run: what happened to each file, counted, and
// passed on to the run's IndexObserver (which decides what a person sees).
#ifndef QUARRY_INDEXER_RUN_REPORT_H_
#define QUARRY_INDEXER_RUN_REPORT_H_

#include <cstddef>
#include <string>

#include "common/status.h"
#include "indexer/index_observer.h"

namespace quarry::indexer {

struct RunCounts {
  size_t added = 0;      // files indexed for the first time
  size_t updated = 0;    // files re-indexed because they changed
  size_t unchanged = 0;  // files left as they were
  size_t removed = 0;    // files whose documents were deleted
  size_t skipped = 0;    // files seen but not indexed (binary, unsupported, too large)
  size_t failed = 0;     // files that could not be read or written
  size_t documents = 0;  // documents written (a JSON Lines file has several)
};

// "added 3, updated 1, unchanged 20, removed 0, skipped 1, failed 0"
std::string CountsText(const RunCounts& counts);

class RunReport {
 public:
  // `observer` must outlive the report.
  explicit RunReport(IndexObserver& observer) : observer_(&observer) {}

  // A file's fate ("add docs/a.txt (new file)" under --verbose).
  void Fate(const std::string& action, const std::string& path, const std::string& reason) {
    observer_->OnFate(action, path, reason);
  }
  // A file that is not indexed on purpose; counted as skipped.
  void Skipped(const std::string& path, const std::string& reason);
  // A file that could not be read or written; counted as failed.
  void Failed(const Status& status);
  void Note(const std::string& message) { observer_->OnNote(message); }
  void Warning(const std::string& message) { observer_->OnWarning(message); }

  void Walking(size_t seen) { observer_->OnWalking(seen); }
  void Planned(size_t seen, size_t total) { observer_->OnPlanned(seen, total); }
  void Applied(size_t done) { observer_->OnApplied(done); }

  RunCounts& counts() { return counts_; }
  const RunCounts& counts() const { return counts_; }
  std::string CountsText() const { return indexer::CountsText(counts_); }

 private:
  IndexObserver* observer_;
  RunCounts counts_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_RUN_REPORT_H_

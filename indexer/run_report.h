// File: indexer/run_report.h
// What a run of quarry-index tells its user: each file's fate (--verbose),
// per-file problems (stderr, counted), and the summary line (stdout).
#ifndef QUARRY_INDEXER_RUN_REPORT_H_
#define QUARRY_INDEXER_RUN_REPORT_H_

#include <cstddef>
#include <string>

#include "common/cli/diagnostics.h"
#include "common/status.h"
#include "indexer/progress_line.h"

namespace quarry::indexer {

enum class Verbosity { kQuiet, kNormal, kVerbose };

struct RunCounts {
  size_t added = 0;      // files indexed for the first time
  size_t updated = 0;    // files re-indexed because they changed
  size_t unchanged = 0;  // files left as they were
  size_t removed = 0;    // files whose documents were deleted
  size_t skipped = 0;    // files seen but not indexed (binary, unsupported, too large)
  size_t failed = 0;     // files that could not be read or written
  size_t documents = 0;  // documents written (a JSON Lines file has several)
};

class RunReport {
 public:
  RunReport(Diagnostics& diagnostics, Verbosity verbosity)
      : diagnostics_(diagnostics), verbosity_(verbosity) {}

  // --verbose: "add docs/a.txt (new file)" on stderr.
  void Fate(const std::string& action, const std::string& path, const std::string& reason);
  // A file that is not indexed on purpose; counted as skipped.
  void Skipped(const std::string& path, const std::string& reason);
  // A file that could not be read or written; counted and shown on stderr.
  void Failed(const Status& status);
  // A run-level note (protected roots, rebuilds), unless --quiet.
  void Note(const std::string& message);
  void Warning(const std::string& message);

  // "added 3, updated 1, unchanged 20, removed 0, skipped 1, failed 0"
  std::string CountsText() const;
  // CountsText() + " in 0.21 s"
  std::string SummaryLine(double seconds) const;

  // The terminal progress line (disabled unless EnableProgress was called);
  // messages above erase it first so they never mix with it.
  void EnableProgress() { progress_ = ProgressLine(verbosity_ == Verbosity::kNormal); }
  ProgressLine& progress() { return progress_; }

  RunCounts& counts() { return counts_; }
  const RunCounts& counts() const { return counts_; }
  Verbosity verbosity() const { return verbosity_; }

 private:
  Diagnostics& diagnostics_;
  Verbosity verbosity_;
  RunCounts counts_;
  ProgressLine progress_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_RUN_REPORT_H_

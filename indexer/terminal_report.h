// File: indexer/terminal_report.h
// quarry-index's observer of a run: file fates under --verbose, notes,
// warnings and failures on stderr ("quarry-index: ..."), and the progress
// line on a terminal; the summary line on stdout.
#ifndef QUARRY_INDEXER_TERMINAL_REPORT_H_
#define QUARRY_INDEXER_TERMINAL_REPORT_H_

#include <ostream>
#include <string>

#include "common/cli/diagnostics.h"
#include "indexer/index_observer.h"
#include "indexer/pipeline.h"
#include "indexer/progress_line.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

enum class Verbosity { kQuiet, kNormal, kVerbose };

class TerminalReport : public IndexObserver {
 public:
  // `diagnostics` must outlive the report.
  TerminalReport(Diagnostics& diagnostics, Verbosity verbosity)
      : diagnostics_(diagnostics), verbosity_(verbosity) {}

  void OnFate(std::string_view action, const std::string& path, const std::string& reason) override;
  void OnFailure(const Status& status) override;
  void OnNote(const std::string& message) override;
  void OnWarning(const std::string& message) override;
  void OnWalking(size_t seen) override { progress_.Walking(seen); }
  void OnPlanned(size_t seen, size_t total) override { progress_.Planned(seen, total); }
  void OnApplied(size_t done) override { progress_.Applied(done); }

  // Draws the progress line (stderr is a terminal): not under --quiet or
  // --verbose, whose lines it would mix with.
  void EnableProgress() { progress_ = ProgressLine(verbosity_ == Verbosity::kNormal); }
  void ClearProgress() { progress_.Clear(); }

  // CountsText(counts) + " in 0.21 s"
  static std::string SummaryLine(const RunCounts& counts, double seconds);

 private:
  Diagnostics& diagnostics_;
  Verbosity verbosity_;
  ProgressLine progress_;
};

// --dry-run: each planned change ("add\tPATH\treason"), the counts, and
// whether the run would be refused.
void PrintPlan(const IndexPlan& plan, std::ostream& out);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_TERMINAL_REPORT_H_

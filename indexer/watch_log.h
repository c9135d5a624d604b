// File: indexer/watch_log.h
// quarry-index --watch's log: one line per batch on stderr ("quarry-index:
// 3 paths changed (...): added 1, updated 1, ... in 0.04 s"), fit for
// journald, and what TerminalReport shows of each run (failures, warnings,
// notes; each file's fate under --verbose). --quiet keeps only errors and
// warnings; --verbose adds batches that changed nothing.
#ifndef QUARRY_INDEXER_WATCH_LOG_H_
#define QUARRY_INDEXER_WATCH_LOG_H_

#include <string>

#include "common/cli/diagnostics.h"
#include "indexer/terminal_report.h"
#include "indexer/watch_loop.h"

namespace quarry::indexer {

class WatchLog : public TerminalReport, public WatchObserver {
 public:
  // `diagnostics` must outlive the log.
  WatchLog(Diagnostics& diagnostics, Verbosity verbosity)
      : TerminalReport(diagnostics, verbosity), diagnostics_(diagnostics), verbosity_(verbosity) {}

  void OnBatch(const BatchSummary& batch) override;

  // The line for `batch`, without the program's name.
  static std::string BatchLine(const BatchSummary& batch);

 private:
  Diagnostics& diagnostics_;
  Verbosity verbosity_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_WATCH_LOG_H_

// File: indexer/pipeline.h
// The index flow, start to end: walk -> detect changes -> (guard) -> lock ->
// extract -> analyze -> write -> commit. Read pipeline.cc first.
#ifndef QUARRY_INDEXER_PIPELINE_H_
#define QUARRY_INDEXER_PIPELINE_H_

#include <functional>
#include <ostream>

#include "common/status.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

enum class RunOutcome {
  kDone,         // the index follows the files (some may have failed: see report)
  kNothingToDo,  // nothing changed: no lock taken, nothing written
  kDryRun,       // the plan was printed
  kInterrupted,  // stopped early; what was done is committed
};

// Runs one indexing pass. Per-file problems are counted in `report`; the
// Status is an error only when no usable result was committed: Locked when
// another writer holds the database (after config.lock_wait),
// FailedPrecondition when the mass-delete guard refuses the run, other
// codes when the database cannot be opened or written or the settings are
// bad. `should_stop` (may be empty) is polled at safe points (SIGINT/SIGTERM). The
// dry-run plan is printed on `out`.
StatusOr<RunOutcome> IndexCorpus(const IndexerConfig& config, RunReport& report,
                                 std::ostream& out,
                                 const std::function<bool()>& should_stop = nullptr);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PIPELINE_H_

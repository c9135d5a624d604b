// File: indexer/watch_loop.h
// quarry-index --watch: the index kept in step with its roots as files
// change. A first run plans and applies as quarry-index does (its walk also
// sets the watches); then each batch of changes the Watcher collects is
// planned over the paths it touched (PlanIndexRun with a PlanScope) and
// applied (ApplyIndexRun), the write lock held only while applying. When
// the paths cannot tell every change (an overflow, the watch limit), every
// root is walked instead. Never prints: each batch is told to a
// WatchObserver, and what the runs do to an IndexObserver.
#ifndef QUARRY_INDEXER_WATCH_LOOP_H_
#define QUARRY_INDEXER_WATCH_LOOP_H_

#include <chrono>
#include <functional>
#include <string>

#include "common/status.h"
#include "indexer/index_observer.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"
#include "indexer/watcher.h"

namespace quarry::indexer {

struct WatchSettings {
  // A batch is planned once no event came for `quiet`, or `max_delay`
  // after its first event, whichever comes first: an editor's save, a
  // `git checkout` or a folder copied in make one batch, or a few.
  std::chrono::milliseconds quiet{300};
  std::chrono::milliseconds max_delay{1000};
  // While some folder cannot be watched (Watcher::Blind()), every root is
  // walked this often, or 20 times as long as planning such a walk took if
  // that is longer (walking then takes at most a twentieth of the time).
  std::chrono::milliseconds blind_walk_every{60000};
  // A batch the index's lock held off (another quarry-index is writing) is
  // tried again after this, doubled at each refusal up to 16 times as much.
  std::chrono::milliseconds locked_retry{1000};
  // A batch that failed otherwise (a full disk) is tried again after this.
  std::chrono::milliseconds error_retry{30000};
  // A batch touching more paths than this walks every root instead.
  size_t max_batch_paths = 10000;
  WatcherLimits limits;  // smaller limits than the kernel's, for tests
};

// One batch, planned and applied (or not).
struct BatchSummary {
  enum class Kind {
    kFirstRun,      // the run that starts the watch: every root walked
    kChanges,       // the paths inotify reported
    kWalk,          // every root walked, because of `reason`
    kPeriodicWalk,  // every root walked, as some folder is not watched (`reason`)
  };
  Kind kind = Kind::kChanges;
  std::string reason;
  size_t paths = 0;         // kChanges: how many paths were touched
  std::string first_path;   // kChanges: the first of them (in path order)
  RunCounts counts;
  bool nothing_to_do = false;  // nothing was written (no lock taken)
  bool interrupted = false;    // stopped by should_stop: what was done is committed
  double seconds = 0;          // planning and applying
  double waited = 0;           // from the batch's first event to its planning
  size_t watched_folders = 0;  // after the batch
  // Not OK: the batch was not applied. With `retry_seconds` above zero its
  // paths are kept and tried again then; else they are dropped (the
  // mass-delete guard refused them).
  Status status;
  double retry_seconds = 0;
};

class WatchObserver {
 public:
  virtual ~WatchObserver() = default;
  virtual void OnBatch(const BatchSummary& /*batch*/) {}
};

// Keeps the index at config.db_path in step with its roots until
// `should_stop` says stop (polled between and during batches: what a batch
// did is committed), then returns OK. Errors: those of the first run
// (PlanIndexRun's and ApplyIndexRun's, except Locked: a locked index is
// waited for), and DataLoss when the index is found damaged later. Other
// failures of a batch are told to `batches` and tried again.
// config.rebuild applies to the first run only. Sets the process umask
// before each run (ApplyIndexRun's requirement).
Status RunWatch(const IndexerConfig& config, const WatchSettings& settings, IndexObserver& runs,
                WatchObserver& batches, const std::function<bool()>& should_stop);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_WATCH_LOOP_H_

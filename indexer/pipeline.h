// File: indexer/pipeline.h
// The index flow, start to end, in two steps with a small face:
//   PlanIndexRun:  what is at --db -> settings -> walk -> detect changes
//                  (no lock taken, nothing written)
//   ApplyIndexRun: guard -> lock -> extract -> analyze -> write -> commit,
//                  into the index itself or, for a rebuild, into a new one
//                  built beside it and exchanged in one atomic step.
// Neither prints: what happens goes to the RunReport's IndexObserver.
// Read pipeline.cc first.
#ifndef QUARRY_INDEXER_PIPELINE_H_
#define QUARRY_INDEXER_PIPELINE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/index/shards.h"
#include "common/status.h"
#include "common/text/analysis_config.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/corpus/walker.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

enum class RunKind {
  kUpdate,      // the index follows the files: changes applied in place
  kFirstBuild,  // no index yet: made empty, filled, compacted
  kRebuild,     // settings changed, --rebuild, or damaged: a new index beside the old
};

// What a plan walks. By default every root, whole. With `paths` (absolute
// files and folders under the roots, e.g. those a watcher saw change), an
// update walks only them, each as the whole walk would (WalkPaths), and
// compares them with what the index holds there (PlanChangesWithin): the
// rest of the index is taken to be in step. The snapshot of the index is
// read whole either way, so the mass-delete guard weighs deletions against
// the whole index. A first build, a rebuild, or a run that reads every
// file again (--store-text changed, another set of formats) walks every
// root whatever the scope.
struct PlanScope {
  std::optional<std::vector<std::string>> paths;
};

// What a run will do, made without the lock. Holds the snapshot the changes
// point into: keep it whole (moving it is fine) until the run is applied.
struct IndexPlan {
  IndexerConfig requested;  // as given (to plan again when the index changed meanwhile)
  IndexerConfig config;     // the run's settings: store_text resolved, --db's link followed
  std::string uuid;         // of the index planned against (empty for a new or damaged one)
  RunKind kind = RunKind::kUpdate;
  // kRebuild: why, for the run's notes and its record.
  std::string rebuild_reason;
  // kRebuild: the old index cannot be opened (it is damaged): it is kept
  // aside, never removed, once the new one is whole.
  bool damaged = false;
  AnalysisConfig analysis;
  ShardChoice shards;
  IndexAccess access = IndexAccess::kPrivate;
  bool access_changed = false;  // --access asks for another mode than the folder's
  std::vector<std::string> roots;      // walked by this run
  std::vector<std::string> all_roots;  // recorded: those before and these
  std::string formats;                 // what this build reads (ExtractorRegistry::Formats)
  bool store_text_changed = false;
  // kRebuild: the run continues the rebuild an earlier one left beside the
  // index (its documents are in `snapshot`).
  bool resumes_rebuild = false;
  IndexSnapshot snapshot;  // what the index written to holds, with its pending parts
  std::string target_formats;      // what the build that wrote that index read
  bool target_store_text = false;  // whether that index keeps every text
  // Parts an earlier run kept beside the index written to because it could
  // not merge them (the disk was full): merged in by this run, before its
  // changes; those that cannot be read are removed (their files are
  // indexed again, not being in the snapshot).
  std::vector<std::string> pending_parts;
  std::vector<std::string> discarded_parts;
  WalkResult walk;
  ChangePlan plan;
  PlanScope scope;  // what the run was asked to walk
  // The plan looked only at the paths of its PlanScope.
  bool scoped = false;
  // The mass-delete guard's verdict (an error refuses the run).
  Status guard;
  bool nothing_to_do = false;  // no lock will be taken, nothing written
};

// Plans one run. InvalidArgument when there is no folder to index;
// FailedPrecondition when --db holds something that is not a Quarry index
// (nothing there is touched) or a stub the indexer cannot write; DataLoss
// for a damaged index (unless config.rebuild); errors of opening the index.
StatusOr<IndexPlan> PlanIndexRun(const IndexerConfig& config, RunReport& report,
                                 const PlanScope& scope = {});

enum class RunOutcome {
  kDone,         // the index follows the files (some may have failed: see report)
  kNothingToDo,  // nothing changed: no lock taken, nothing written
  kInterrupted,  // stopped early; what was done is committed
};

// Applies `plan`. Per-file problems are counted in `report`; the Status is
// an error only when the run could not complete: FailedPrecondition when
// the mass-delete guard refuses it (nothing changed), Locked when another
// writer holds the index (after config.lock_wait), NoSpace when the disk
// filled up (what was committed is kept, and the next run continues),
// other codes when the index cannot be written. When another run rebuilt
// or compacted the index while this one waited for its lock, the run is
// planned again (`plan` is replaced). Whatever happens, the index at
// config.db_path stays whole and searchable, and the run's fate is
// recorded beside it for --status. `should_stop` (may be empty) is polled
// at safe points (SIGINT/SIGTERM).
// REQUIRES: the process umask gives new files no more access than the
// index's (UmaskFor(plan.access)): Xapian creates its files with it, and
// the umask is the process's, so the front end sets it.
StatusOr<RunOutcome> ApplyIndexRun(IndexPlan& plan, RunReport& report,
                                   const std::function<bool()>& should_stop = nullptr);

// quarry-index --compact: compacts the index at `db_path` now (each shard),
// whatever its growth, under its write lock (waiting as `wait` says), the
// way a first build ends: a compact copy beside it exchanged in one atomic
// step, so searches go on. NotFound when there is no index; Locked; IoError
// or NoSpace (the index untouched) when compaction fails.
struct CompactionResult {
  uint64_t bytes_before = 0;
  uint64_t bytes_after = 0;
};
StatusOr<CompactionResult> CompactIndex(const std::string& db_path, const LockWait& wait,
                                        RunReport& report);

// PlanIndexRun, then ApplyIndexRun: one whole run, for callers with nothing
// to do in between (no dry run).
StatusOr<RunOutcome> IndexCorpus(const IndexerConfig& config, RunReport& report,
                                 const std::function<bool()>& should_stop = nullptr);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PIPELINE_H_

#include "indexer/pipeline.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/last_run.h"
#include "common/index/schema.h"
#include "common/index/scratch.h"
#include "common/text/analyzer.h"
#include "indexer/existing_index.h"
#include "indexer/extract/registry.h"
#include "indexer/index_target.h"
#include "indexer/index_writer.h"
#include "indexer/plan_applier.h"
#include "indexer/run_trace.h"

namespace quarry::indexer {

namespace {

// ---------------------------------------------------------------------------
// Planning (no lock, nothing written).

struct AnalysisChoice {
  AnalysisConfig config;
  bool changed = false;  // the index holds terms made with other settings
};

StatusOr<AnalysisChoice> ChooseAnalysis(const IndexerConfig& config, const ExistingIndex& existing) {
  AnalysisChoice choice;
  if (existing.analysis) choice.config = *existing.analysis;
  if (config.language) {
    QUARRY_ASSIGN_OR_RETURN(choice.config.language, CanonicalLanguage(*config.language));
  }
  if (config.fold_diacritics) choice.config.fold_diacritics = *config.fold_diacritics;
  choice.changed = existing.exists && (existing.outdated_analysis ||
                                       (existing.analysis && !(*existing.analysis == choice.config)));
  return choice;
}

std::vector<std::string> ChooseRoots(const IndexerConfig& config, const ExistingIndex& existing) {
  std::vector<std::string> roots;
  for (const std::string& root : config.roots) roots.push_back(AbsolutePath(root));
  return roots.empty() ? existing.roots : roots;
}

// Roots to record: those indexed before plus those of this run.
std::vector<std::string> MergeRoots(const std::vector<std::string>& before,
                                    const std::vector<std::string>& now) {
  std::vector<std::string> all = before;
  for (const std::string& root : now) {
    if (std::find(all.begin(), all.end(), root) == all.end()) all.push_back(root);
  }
  return all;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string joined;
  for (const std::string& line : lines) joined += line + "\n";
  return joined;
}

// A missing or unreadable root is an error on every run (a typo in a
// crontab must not pass unnoticed); what the index holds under it is kept.
// An empty root whose files the index holds is only warned about.
void ReportWalk(const WalkResult& walk, const ChangePlan& plan, RunReport& report) {
  for (const WalkProblem& problem : walk.problems) {
    if (problem.status.code() == StatusCode::kNotFound) {
      report.Fate("vanished", problem.path, "deleted during the walk");
    } else {
      report.Failed(problem.status);
    }
  }
  for (const RootState& root : walk.roots) {
    if (root.status.ok()) continue;
    const bool held = std::find(plan.protected_roots.begin(), plan.protected_roots.end(),
                                root.path) != plan.protected_roots.end();
    report.Failed(Status(root.status.code(),
                         root.status.message() +
                             (held ? "; keeping what the index holds under it" : "")));
  }
  for (size_t i = 0; i < plan.protected_roots.size(); ++i) {
    const std::string& root = plan.protected_roots[i];
    const bool failed = std::any_of(walk.roots.begin(), walk.roots.end(), [&](const RootState& r) {
      return r.path == root && !r.status.ok();
    });
    if (!failed) {
      report.Warning(plan.protected_reasons[i] + "; keeping what the index holds under " + root);
    }
  }
}

Status GuardMassDelete(const ChangePlan& plan, const IndexSnapshot& snapshot,
                       const IndexerConfig& config) {
  if (config.allow_mass_delete) return Status::Ok();
  Status guard = CheckDeleteShare(plan, snapshot, config.max_delete_share);
  if (guard.ok()) return guard;
  return FailedPreconditionError(guard.message() +
                                 "; if those files are really gone or meant to be excluded, "
                                 "rerun with --allow-mass-delete");
}

// A rebuild writes only what the walk finds: what the old index holds under
// a root that could not be walked would be lost with it, and files that
// vanished are as many deletions as an update would make.
Status GuardRebuild(const WalkResult& walk, const ExistingIndex& old, const IndexerConfig& config) {
  if (config.allow_mass_delete) return Status::Ok();
  ChangePlan against_old = PlanChanges(walk, old.snapshot);
  if (!against_old.protected_roots.empty()) {
    return FailedPreconditionError(
        "the index is to be rebuilt, but " + against_old.protected_reasons.front() +
        ": the rebuilt index would lose what the index holds under it; the index is kept as it "
        "is. Rerun when the folder is back, or with --allow-mass-delete to rebuild without it");
  }
  return GuardMassDelete(against_old, old.snapshot, config);
}

// Step 1: what is at --db. Something that is not an index is refused before
// anything is read or written; a damaged index only for --rebuild.
StatusOr<ExistingIndex> LoadWhatIsThere(IndexPlan& plan, RunReport& report) {
  const IndexerConfig& config = plan.config;
  const std::string& db_path = config.db_path;
  Status place = CheckIndexPlace(db_path);
  if (!place.ok() && !(place.code() == StatusCode::kDataLoss && config.rebuild)) return place;
  // A stub the indexer cannot write through is refused before it is read.
  QUARRY_ASSIGN_OR_RETURN(plan.shards, ChooseShardCount(db_path, config.shards));
  if (!place.ok()) {  // iamglass gone: nothing Xapian can open
    plan.damaged = true;
    return RecordedIndex(db_path);
  }
  // Read without the lock: another run may be exchanging the index meanwhile.
  StatusOr<ExistingIndex> loaded =
      RetryIfSwapped<ExistingIndex>([&] { return LoadExistingIndex(db_path); });
  if (!loaded.ok() && loaded.status().code() == StatusCode::kDataLoss && config.rebuild) {
    report.Note(loaded.status().message());
    plan.damaged = true;
    return RecordedIndex(db_path);
  }
  return loaded;
}

// Step 2: the settings and folders of the run, and which kind of run. A
// rebuild an earlier run left unfinished is continued by a run that asks
// for no other settings.
Status ChooseSettings(IndexPlan& plan, const ExistingIndex& existing, RunReport& report) {
  const IndexerConfig& config = plan.config;
  const std::string& db_path = config.db_path;
  QUARRY_ASSIGN_OR_RETURN(AnalysisChoice analysis, ChooseAnalysis(config, existing));
  plan.analysis = analysis.config;
  plan.roots = ChooseRoots(config, existing);
  if (plan.roots.empty()) {
    return InvalidArgumentError(
        plan.damaged ? "the folders of the damaged index at " + db_path +
                           " are not recorded anywhere readable: give them, e.g. quarry-index "
                           "--db " + db_path + " --rebuild ~/notes"
                     : "no folder to index: give one or more, e.g. quarry-index ~/notes");
  }
  if (!existing.exists) {
    plan.kind = RunKind::kFirstBuild;
  } else if (plan.damaged) {
    plan.rebuild_reason = "the index is damaged: rebuilding it beside the damaged copy";
  } else if (analysis.changed && existing.outdated_analysis) {
    plan.rebuild_reason = "the index was written by another version of the analyzer: rebuilding it";
  } else if (analysis.changed) {
    plan.rebuild_reason = "analysis settings changed (" + DescribeAnalysisConfig(*existing.analysis) +
                          " -> " + DescribeAnalysisConfig(analysis.config) + "): rebuilding the index";
  } else if (plan.shards.rebuild) {
    plan.rebuild_reason = "number of shards changed (" + std::to_string(plan.shards.existing) +
                          " -> " + std::to_string(plan.shards.count) + "): rebuilding the index";
  } else if (config.rebuild) {
    plan.rebuild_reason = "--rebuild: rebuilding the index";
  }
  std::optional<ExistingIndex> unfinished =
      existing.exists ? LoadUnfinishedRebuild(db_path) : std::nullopt;
  if (unfinished && plan.rebuild_reason.empty() && !config.language && !config.fold_diacritics &&
      !config.shards) {
    // Continued with its own settings, whatever the index now has.
    plan.analysis = *unfinished->analysis;
    QUARRY_ASSIGN_OR_RETURN(size_t count, CountLocalShards(RebuildPath(db_path)));
    plan.shards = ShardChoice{count, plan.shards.existing, count != plan.shards.existing};
    plan.rebuild_reason = "continuing the rebuild an earlier run left unfinished (" +
                          DescribeAnalysisConfig(plan.analysis) + ", " + std::to_string(count) +
                          (count == 1 ? " database)" : " shards)");
  }
  if (!plan.rebuild_reason.empty()) {
    plan.kind = RunKind::kRebuild;
    report.Note(plan.rebuild_reason);
    // An unfinished rebuild made with these settings is continued from
    // what it holds; any other is started again.
    StatusOr<size_t> unfinished_shards = CountLocalShards(RebuildPath(db_path));
    if (unfinished && *unfinished->analysis == plan.analysis && unfinished_shards.ok() &&
        *unfinished_shards == plan.shards.count) {
      plan.resumes_rebuild = true;
      plan.snapshot = std::move(unfinished->snapshot);
      plan.target_formats = unfinished->formats;
      plan.target_store_text = unfinished->store_text;
    }
  }
  // Who may read it: as asked, else as its folder is, else private.
  StatusOr<IndexAccess> folder_access = ReadFolderAccess(db_path);
  plan.access = config.access.value_or(folder_access.ok() && existing.exists ? *folder_access
                                                                            : IndexAccess::kPrivate);
  plan.access_changed = existing.exists && config.access && folder_access.ok() &&
                        *config.access != *folder_access;
  return Status::Ok();
}

// Step 3: what the index written to holds (the index itself, or the
// rebuild beside it), with the parts a run that ran out of space kept, and
// the files this build reads otherwise than the one that wrote it.
void LoadTarget(IndexPlan& plan, ExistingIndex& existing, RunReport& report) {
  IndexerConfig& config = plan.config;
  config.store_text = plan.requested.store_text.value_or(existing.store_text);
  plan.formats = ExtractorRegistry::Default(config.jsonl, ExtractLimits{config.max_file_bytes}).Formats();
  if (plan.kind == RunKind::kUpdate) {
    plan.snapshot = std::move(existing.snapshot);
    plan.target_formats = existing.formats;
    plan.target_store_text = existing.store_text;
  }
  if (plan.kind != RunKind::kFirstBuild && *config.store_text != plan.target_store_text &&
      (plan.kind == RunKind::kUpdate || plan.resumes_rebuild)) {
    // Every document's data changes form: all files are read again and
    // their documents replaced one by one (in an update not a rebuild: the
    // index stays whole and searchable, and the mass-delete guard holds).
    plan.store_text_changed = true;
    report.Note(*config.store_text
                    ? "--store-text yes: keeping a copy of every text; reading every file again"
                    : "--store-text no: leaving texts in their files where possible; "
                      "reading every file again");
    for (auto& [path, indexed] : plan.snapshot) indexed.reread = "--store-text changed";
  }
  if (plan.kind == RunKind::kUpdate || plan.resumes_rebuild) {
    MarkRereads(plan.target_formats, plan.formats, plan.snapshot);
    if (plan.resumes_rebuild) {
      report.Note("continuing from the " + std::to_string(plan.snapshot.size()) +
                  " files the unfinished rebuild at " + RebuildPath(config.db_path) + " holds");
    }
  }
  const std::string target =
      plan.kind == RunKind::kRebuild ? RebuildPath(config.db_path) : config.db_path;
  if (plan.kind == RunKind::kRebuild && !plan.resumes_rebuild) return;  // started afresh
  PendingParts pending = LoadPendingParts(target);
  plan.pending_parts = std::move(pending.readable);
  plan.discarded_parts = std::move(pending.unreadable);
  plan.snapshot.merge(pending.snapshot);
  if (!plan.pending_parts.empty()) {
    report.Note("merging the documents an earlier run kept beside the index (" +
                std::to_string(plan.pending_parts.size()) + " parts)");
  }
  for (const std::string& part : plan.discarded_parts) {
    report.Warning(part + " (kept by a run that ran out of space) cannot be read: discarded, "
                          "its files are indexed again");
  }
}

// Step 4: walk the folders, compare with the snapshot, and guard.
Status WalkAndPlan(IndexPlan& plan, const ExistingIndex& existing, RunReport& report) {
  IndexerConfig& config = plan.config;
  config.walk.index_path = AbsolutePath(config.db_path);
  WalkOptions walk_options = config.walk;
  walk_options.on_progress = [&report](size_t seen) { report.Walking(seen); };
  const PlanScope& scope = plan.scope;
  plan.scoped = scope.paths && plan.kind == RunKind::kUpdate && !plan.store_text_changed &&
                plan.target_formats == plan.formats && plan.pending_parts.empty();
  if (plan.scoped) {
    plan.walk = WalkPaths(plan.roots, *scope.paths, walk_options);
    plan.plan = PlanChangesWithin(plan.walk, plan.snapshot, *scope.paths);
  } else {
    plan.walk = WalkRoots(plan.roots, walk_options);
    plan.plan = PlanChanges(plan.walk, plan.snapshot);
  }
  ReportWalk(plan.walk, plan.plan, report);
  // Recorded: the folders followed before, and those of this run that
  // exist (a typo is reported, not followed for ever).
  std::vector<std::string> walked;
  for (const RootState& root : plan.walk.roots) {
    if (root.status.code() != StatusCode::kNotFound) walked.push_back(root.path);
  }
  plan.all_roots = MergeRoots(existing.roots, walked);
  if (plan.kind == RunKind::kFirstBuild &&
      std::none_of(plan.walk.roots.begin(), plan.walk.roots.end(),
                   [](const RootState& root) { return root.status.ok(); })) {
    return NotFoundError("none of the folders to index can be read; no index was made at " +
                         config.db_path);
  }
  plan.guard = plan.kind == RunKind::kRebuild ? GuardRebuild(plan.walk, existing, config)
                                              : GuardMassDelete(plan.plan, plan.snapshot, config);
  plan.nothing_to_do = plan.kind == RunKind::kUpdate && plan.plan.empty() &&
                       plan.pending_parts.empty() && plan.discarded_parts.empty() &&
                       !plan.store_text_changed && !plan.access_changed &&
                       plan.all_roots == existing.roots;
  return Status::Ok();
}

}  // namespace

StatusOr<IndexPlan> PlanIndexRun(const IndexerConfig& config, RunReport& report,
                                 const PlanScope& scope) {
  IndexPlan plan;
  plan.requested = config;
  plan.scope = scope;
  plan.config = config;
  plan.config.db_path = ResolveIndexLink(config.db_path);
  QUARRY_ASSIGN_OR_RETURN(ExistingIndex existing, LoadWhatIsThere(plan, report));
  plan.uuid = existing.uuid;
  QUARRY_RETURN_IF_ERROR(ChooseSettings(plan, existing, report));
  LoadTarget(plan, existing, report);
  QUARRY_RETURN_IF_ERROR(WalkAndPlan(plan, existing, report));
  return plan;
}

namespace {

// ---------------------------------------------------------------------------
// Applying (under the lock).

// At most this many parts: each keeps several files open and a batch of
// its own in memory.
constexpr size_t kMaxParts = 16;

// A run that failed after writing parts keeps what they hold for the next
// run to merge (the disk may be full: nothing is lost that can be kept).
Status KeepParts(Parts& parts, const Status& failure) {
  const uint64_t kept = parts.KeepAsPending();
  if (kept == 0) return failure;
  return Status(failure.code(), failure.message() + "; the " + std::to_string(kept) +
                                    " documents written so far are kept beside the index "
                                    "and merged in by the next run");
}

// Removes parts (pending, discarded) beside `target`.
void RemoveParts(const std::string& target, const std::vector<std::string>& parts,
                 RunReport& report) {
  for (const std::string& part : parts) {
    Status removed = RemoveScratch(target, part);
    if (!removed.ok()) report.Warning(removed.message());
  }
}

// Merges the parts an earlier run kept into the index written to, before
// this run's changes (which may update or delete their files): each
// document replaces the one with its unique term, so merging a part twice
// (a run killed before it removed it) changes nothing.
Status MergePending(const IndexPlan& plan, const std::string& target, IndexWriter& writer,
                    RunReport& report) {
  RemoveParts(target, plan.discarded_parts, report);
  for (const std::string& part : plan.pending_parts) {
    QUARRY_RETURN_IF_ERROR(MergeDocumentsInto(part, writer.database()));
    QUARRY_RETURN_IF_ERROR(writer.Commit());
    RemoveParts(target, {part}, report);
  }
  return Status::Ok();
}

// The index was replaced (a rebuild or a compaction by another run) while
// this one waited for its lock: its plan no longer fits.
bool Replaced(const IndexPlan& plan, const std::string& db_path) {
  return !plan.uuid.empty() && IndexUuid(db_path) != plan.uuid;
}

// The writing half of a run, into the index at `target` (the index itself,
// or a rebuild beside it), already made and locked; `parts` receives what
// a build on several threads writes beside it (merged by the caller). On
// failure, what the parts hold is kept for the next run (KeepParts).
StatusOr<ApplyOutcome> WriteChanges(IndexPlan& plan, const std::string& target,
                                    const Analyzer& analyzer, IndexWriter& writer, Parts& parts,
                                    RunReport& report, const std::function<bool()>& should_stop) {
  const IndexerConfig& config = plan.config;
  QUARRY_RETURN_IF_ERROR(MergePending(plan, target, writer, report));
  const size_t part_count = std::min({config.jobs, plan.plan.changes.size(), kMaxParts});
  if (plan.snapshot.empty() && plan.shards.count == 1 && part_count > 1 &&
      CanExchangeBeside(target)) {
    QUARRY_ASSIGN_OR_RETURN(parts, Parts::Create(target, part_count, analyzer));
  }
  QUARRY_RETURN_IF_ERROR(WriteIndexSettings(writer.database(), plan.analysis));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kRootsKey), JoinLines(plan.all_roots)));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kFormatsKey), plan.formats));
  report.Planned(plan.walk.entries.size(), plan.plan.changes.size());
  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl, ExtractLimits{config.max_file_bytes});
  Analyzer prepare = analyzer.Clone();
  StatusOr<ApplyOutcome> applied =
      ApplyPlan(plan.plan, {registry, config, prepare, writer, report, should_stop, parts.writers()});
  if (!applied.ok()) return KeepParts(parts, applied.status());
  // A switch of --store-text is recorded once every file was read with it:
  // the next run resumes an interrupted one.
  if (*applied == ApplyOutcome::kCompleted || !plan.store_text_changed) {
    Status recorded = writer.SetMetadata(std::string(schema::kStoreTextKey),
                                         *config.store_text ? "yes" : "");
    if (!recorded.ok()) return KeepParts(parts, recorded);
  }
  Status finished = parts.Finish();
  if (!finished.ok()) return KeepParts(parts, finished);
  return applied;
}

// Databases smaller than this are never compacted for their growth alone:
// a few blocks more are nothing to reclaim.
constexpr uint64_t kAutoCompactFloorBytes = 4 << 20;

// The databases of the index at `db_path` that have grown past
// `max_growth` times the size of a compact copy (or were never compacted
// by this build), and how (for the run's note).
std::vector<std::string> GrownDatabases(const std::string& db_path, size_t shard_count,
                                        double max_growth, std::string* why) {
  std::vector<std::string> grown;
  for (const std::string& path : LocalDatabasePaths(db_path, shard_count)) {
    const uint64_t bytes = DatabaseBytes(path);
    if (bytes < kAutoCompactFloorBytes) continue;
    std::optional<Growth> growth;
    try {
      growth = MeasureGrowth(path, Xapian::Database(path));
    } catch (const Xapian::Error&) {
      continue;  // unreadable now: the next run will tell
    }
    if (growth && growth->ratio() <= max_growth) continue;
    grown.push_back(path);
    char text[160];
    if (growth) {
      std::snprintf(text, sizeof text, "%.1f MB, %.0f%% past a compact copy's estimated %.1f MB",
                    growth->bytes / 1e6, (growth->ratio() - 1) * 100, growth->compact_bytes / 1e6);
    } else {
      std::snprintf(text, sizeof text, "%.1f MB, never compacted", bytes / 1e6);
    }
    if (why->empty()) *why = text;
  }
  return grown;
}

// Keeps an updated index near its compact size: updates split the full
// blocks of a compacted B-tree and free the blocks they copy, which Xapian
// reuses but never gives back (on linux-doc, one round of 1% changes took
// the index from 84 to 186 MB). Past `max_growth` (0: never), the grown
// databases are compacted like a first build (a copy beside, one atomic
// exchange: searches go on), after this run's changes are committed and
// searchable. Closes `writer` when it compacts.
void CompactIfGrown(const std::string& db_path, size_t shard_count, double max_growth,
                    IndexWriter& writer, RunReport& report) {
  if (max_growth <= 0) return;
  std::string why;
  std::vector<std::string> grown = GrownDatabases(db_path, shard_count, max_growth, &why);
  if (grown.empty()) return;
  report.Note("compacting the index (" + why + "); searches go on meanwhile");
  if (shard_count == 1) {
    Status compacted = CompactFilled(db_path, {}, {}, writer, report);
    if (!compacted.ok()) {
      report.Warning(compacted.message() + " (the index is complete, only larger)");
    }
  } else {
    CompactShards(grown, writer, report);
  }
}

// What ApplyInPlace and ApplyRebuild tell ApplyIndexRun besides an error.
enum class Applied { kDone, kInterrupted, kReplaced };

Applied FromOutcome(ApplyOutcome outcome) {
  return outcome == ApplyOutcome::kInterrupted ? Applied::kInterrupted : Applied::kDone;
}

// An update, or a first build, written into the index itself.
StatusOr<Applied> ApplyInPlace(IndexPlan& plan, RunTrace& trace, RunReport& report,
                               const std::function<bool()>& should_stop) {
  const IndexerConfig& config = plan.config;
  const std::string& db_path = config.db_path;
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(plan.analysis));
  if (plan.kind == RunKind::kFirstBuild) {
    QUARRY_RETURN_IF_ERROR(CheckIndexPlace(db_path));  // again: time passed since the plan
    if (!DatabaseExists(db_path)) {
      QUARRY_RETURN_IF_ERROR(
          CreateIndexAtomically(db_path, plan.analysis, plan.shards.count, config.access));
    }
  }
  // The lock first, writing nothing: a run that finds the index replaced
  // while it waited must leave it as it is (an open database commits what
  // was set in it when it is closed).
  StatusOr<std::vector<Xapian::WritableDatabase>> dbs =
      LockIndex(db_path, plan.shards.count, LockWait{config.lock_wait, should_stop});
  if (!dbs.ok() && dbs.status().code() == StatusCode::kLocked && should_stop()) {
    return Applied::kInterrupted;  // while waiting for the lock
  }
  if (!dbs.ok()) return dbs.status();
  if (plan.kind == RunKind::kUpdate && Replaced(plan, db_path)) return Applied::kReplaced;
  QUARRY_RETURN_IF_ERROR(RecordIndexSettings(db_path, *dbs, plan.analysis));
  UnmarkScratch(db_path);  // left by a run killed right after an exchange
  for (const std::string& message : RemoveLeftovers(db_path)) report.Warning(message);
  for (const std::string& path : LocalDatabasePaths(db_path, plan.shards.count)) {
    for (const std::string& message : RemoveLeftovers(path)) report.Warning(message);
  }
  if (plan.access_changed) QUARRY_RETURN_IF_ERROR(ApplyAccess(db_path, plan.access));
  trace.Begin(db_path, plan.all_roots, plan.analysis, plan.shards.count);
  IndexWriter writer(std::move(*dbs), analyzer.Clone());
  Parts parts;
  QUARRY_ASSIGN_OR_RETURN(ApplyOutcome applied,
                          WriteChanges(plan, db_path, analyzer, writer, parts, report, should_stop));
  // With parts, the index holds none of the run's documents until they are
  // merged in: until then the record says so, not "done".
  const bool with_parts = !parts.empty();
  LastRun run = trace.FinishApplied(applied, report, config);
  LastRun merging = run;
  merging.result = "merging its parts";
  QUARRY_RETURN_IF_ERROR(RecordRun(with_parts ? merging : run, writer));
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  // A run that filled an empty index compacts it. Parts are merged even
  // after a stop request: what they hold was reported as indexed.
  const bool filled_empty = applied == ApplyOutcome::kCompleted && plan.snapshot.empty() &&
                            report.counts().added > 0;
  if (with_parts || (filled_empty && plan.shards.count == 1)) {
    // The record of the run goes into the merged index, not before it.
    Status merged = CompactFilled(db_path, parts.paths(),
                                  {{std::string(schema::kLastRunKey), EncodeLastRun(run)}},
                                  writer, report);
    if (!merged.ok()) return KeepParts(parts, merged);
  } else if (filled_empty) {
    CompactShards(LocalDatabasePaths(db_path, plan.shards.count), writer, report);
  } else if (applied == ApplyOutcome::kCompleted) {
    CompactIfGrown(db_path, plan.shards.count, config.max_growth, writer, report);
  }
  trace.Write();
  return FromOutcome(applied);
}

// The locks a rebuild holds on the index it replaces, so that no other run
// writes to it (or removes what it leaves) meanwhile: Xapian's write lock,
// or for a damaged index, which Xapian cannot open, a lock on its folder.
struct OldIndexLock {
  std::vector<Xapian::WritableDatabase> databases;
  std::optional<FolderLock> folder;
  void Release() {
    databases.clear();
    folder.reset();
  }
};

// A rebuild: a new index filled beside the old one, which stays in place,
// locked and searchable, until the new one is whole and takes its place in
// one atomic exchange. An interrupted rebuild is kept for the next run to
// continue; a killed one too (with what its last commit holds).
StatusOr<Applied> ApplyRebuild(IndexPlan& plan, RunTrace& trace, RunReport& report,
                               const std::function<bool()>& should_stop) {
  const IndexerConfig& config = plan.config;
  const std::string& db_path = config.db_path;
  const std::string rebuild = RebuildPath(db_path);
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(plan.analysis));
  OldIndexLock old_lock;
  if (plan.damaged) {
    QUARRY_ASSIGN_OR_RETURN(FolderLock folder, FolderLock::Take(db_path));
    old_lock.folder = std::move(folder);
  } else {
    StatusOr<std::vector<Xapian::WritableDatabase>> old =
        LockIndex(db_path, std::max<size_t>(plan.shards.existing, 1),
                  LockWait{config.lock_wait, should_stop});
    if (!old.ok() && old.status().code() == StatusCode::kLocked && should_stop()) {
      return Applied::kInterrupted;
    }
    if (!old.ok()) return old.status();
    old_lock.databases = std::move(*old);
    if (Replaced(plan, db_path)) return Applied::kReplaced;
  }
  std::vector<std::string> keep;
  if (plan.resumes_rebuild) keep.push_back(rebuild);
  for (const std::string& message : RemoveLeftovers(db_path, keep)) report.Warning(message);
  // The index's own pending parts hold documents of the settings replaced.
  RemoveParts(db_path, FindPendingParts(db_path), report);
  if (!plan.resumes_rebuild) {
    RemoveParts(rebuild, FindPendingParts(rebuild), report);  // of a rebuild not continued
    StatusOr<IndexAccess> access = ReadFolderAccess(db_path);
    QUARRY_RETURN_IF_ERROR(CreateIndexAtomically(rebuild, plan.analysis, plan.shards.count,
                                                 access.ok() ? *access : plan.access));
    QUARRY_RETURN_IF_ERROR(MarkUnfinishedRebuild(rebuild));
  }
  for (const std::string& path : LocalDatabasePaths(rebuild, plan.shards.count)) {
    for (const std::string& message : RemoveLeftovers(path)) report.Warning(message);
  }
  trace.Begin(db_path, plan.all_roots, plan.analysis, plan.shards.count);
  QUARRY_ASSIGN_OR_RETURN(std::vector<Xapian::WritableDatabase> dbs,
                          OpenShardsForWriting(rebuild, plan.shards, CreateMode::kOpenExisting,
                                               plan.analysis));
  IndexWriter writer(std::move(dbs), analyzer.Clone());
  Parts parts;
  QUARRY_ASSIGN_OR_RETURN(ApplyOutcome applied,
                          WriteChanges(plan, rebuild, analyzer, writer, parts, report, should_stop));
  LastRun run = trace.FinishApplied(applied, report, config);
  if (applied == ApplyOutcome::kInterrupted) {
    // Kept for the next run, its parts merged in (they were reported as
    // indexed); the old index stays in place.
    run.result = "interrupted: the rebuild continues at the next run";
    trace.SetResult(run.result);
    QUARRY_RETURN_IF_ERROR(RecordRun(run, writer));
    QUARRY_RETURN_IF_ERROR(writer.Commit());
    if (!parts.empty()) {
      Status merged = CompactFilled(rebuild, parts.paths(), {}, writer, report);
      if (!merged.ok()) return KeepParts(parts, merged);
      QUARRY_RETURN_IF_ERROR(MarkUnfinishedRebuild(rebuild));  // the compact copy has none
    }
    report.Note("the index is as it was before this run; the next run continues the rebuild");
    trace.Write();
    return Applied::kInterrupted;
  }
  QUARRY_RETURN_IF_ERROR(RecordRun(run, writer));
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  const OldCopy old = config.rebuild || plan.damaged ? OldCopy::kKept : OldCopy::kRemovable;
  StatusOr<std::string> aside =
      PutRebuildInPlace(db_path, rebuild, plan.shards.count, parts.paths(), writer, old,
                        config.access, [&old_lock] { old_lock.Release(); }, report);
  if (!aside.ok()) return KeepParts(parts, aside.status());
  if (!aside->empty()) {
    report.Note("the old index is kept at " + *aside + "; remove it when you no longer need it");
  }
  trace.Write();
  return Applied::kDone;
}

}  // namespace

StatusOr<RunOutcome> ApplyIndexRun(IndexPlan& plan, RunReport& report,
                                   const std::function<bool()>& stop_requested) {
  const std::function<bool()> should_stop = [&] { return stop_requested && stop_requested(); };
  for (int attempt = 1;; ++attempt) {
    if (plan.nothing_to_do) {
      report.counts().unchanged = plan.plan.unchanged;  // no lock, no write
      return RunOutcome::kNothingToDo;
    }
    QUARRY_RETURN_IF_ERROR(plan.guard);
    if (should_stop()) return RunOutcome::kInterrupted;
    RunTrace trace;
    StatusOr<Applied> applied = plan.kind == RunKind::kRebuild
                                    ? ApplyRebuild(plan, trace, report, should_stop)
                                    : ApplyInPlace(plan, trace, report, should_stop);
    if (applied.ok() && *applied == Applied::kReplaced && attempt == 1) {
      report.Note("the index was rebuilt or compacted while this run waited for it: "
                  "planning again");
      RunCounts counts;
      report.counts() = counts;
      QUARRY_ASSIGN_OR_RETURN(plan, PlanIndexRun(plan.requested, report, plan.scope));
      continue;
    }
    if (applied.ok() && *applied == Applied::kReplaced) {
      return LockedError("the index at " + plan.config.db_path +
                         " keeps being replaced by other runs; try again later");
    }
    if (!applied.ok()) {
      Status failure = applied.status();
      if (failure.code() == StatusCode::kNoSpace) {
        failure = NoSpaceError("no space left on the disk holding " + plan.config.db_path + ": " +
                               failure.message());
      }
      if (trace.begun()) {
        // The record must not say "done" (or "running") over a run that failed.
        trace.Finish(RunRecord::State::kFailed, "failed: " + failure.message(), report, plan.config);
        trace.Write();
      }
      return failure;
    }
    return *applied == Applied::kInterrupted ? RunOutcome::kInterrupted : RunOutcome::kDone;
  }
}

StatusOr<RunOutcome> IndexCorpus(const IndexerConfig& config, RunReport& report,
                                 const std::function<bool()>& should_stop) {
  QUARRY_ASSIGN_OR_RETURN(IndexPlan plan, PlanIndexRun(config, report));
  return ApplyIndexRun(plan, report, should_stop);
}

StatusOr<CompactionResult> CompactIndex(const std::string& db_path, const LockWait& wait,
                                        RunReport& report) {
  if (!DatabaseExists(db_path)) return OpenDatabaseForReading(db_path).status();
  QUARRY_ASSIGN_OR_RETURN(size_t shard_count, CountLocalShards(db_path));
  QUARRY_ASSIGN_OR_RETURN(std::vector<Xapian::WritableDatabase> locked,
                          LockIndex(db_path, shard_count, wait));
  for (const std::string& message : RemoveLeftovers(db_path)) report.Warning(message);
  CompactionResult result;
  const std::vector<std::string> paths = LocalDatabasePaths(db_path, shard_count);
  for (size_t i = 0; i < paths.size(); ++i) {
    for (const std::string& message : RemoveLeftovers(paths[i])) report.Warning(message);
    result.bytes_before += DatabaseBytes(paths[i]);
    QUARRY_ASSIGN_OR_RETURN(Exchanged exchanged, CompactInPlace(paths[i]));
    locked[i].close();  // the old copy's; the new one's lock is held by `exchanged`
    Status removed = RemoveScratch(paths[i], exchanged.old_path);
    if (!removed.ok()) report.Warning(removed.message());
    result.bytes_after += DatabaseBytes(paths[i]);
  }
  return result;
}

}  // namespace quarry::indexer

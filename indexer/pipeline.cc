#include "indexer/pipeline.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/last_run.h"
#include "common/index/schema.h"
#include "common/index/scratch.h"
#include "common/text/analyzer.h"
#include "indexer/extract/decompressor.h"
#include "indexer/extract/registry.h"
#include "indexer/index_target.h"
#include "indexer/index_writer.h"
#include "indexer/plan_applier.h"

namespace quarry::indexer {

namespace {

using Clock = std::chrono::steady_clock;

int64_t NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// What an index already holds; empty for a new one.
struct ExistingIndex {
  bool exists = false;
  std::optional<AnalysisConfig> analysis;
  bool outdated_analysis = false;  // written by another analysis version
  std::vector<std::string> roots;
  std::string formats;  // what the build that wrote it could read
  bool store_text = false;  // it keeps a copy of every text
  IndexSnapshot snapshot;
};

StatusOr<ExistingIndex> LoadExistingIndex(const std::string& db_path) {
  ExistingIndex existing;
  if (!DatabaseExists(db_path)) return existing;
  QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(db_path));
  existing.exists = true;
  StatusOr<AnalysisConfig> analysis = ReadAnalysisConfig(db);
  if (analysis.ok()) existing.analysis = *analysis;
  if (analysis.status().code() == StatusCode::kFailedPrecondition) {
    // Its terms mean something else: rebuild, keeping the user's settings.
    existing.outdated_analysis = true;
    StatusOr<AnalysisConfig> old = ReadAnalysisConfig(db, VersionCheck::kAnyVersion);
    if (old.ok()) existing.analysis = *old;
  }
  try {
    existing.roots = ReadRoots(db);
    existing.formats = db.get_metadata(std::string(schema::kFormatsKey));
    existing.store_text = db.get_metadata(std::string(schema::kStoreTextKey)) == "yes";
  } catch (const Xapian::Error& e) {
    return XapianReadError(db_path, e);
  }
  QUARRY_ASSIGN_OR_RETURN(existing.snapshot, LoadSnapshot(db));
  return existing;
}

// A damaged index that --rebuild replaces: what its run record still says
// (its folders and settings), nothing of its documents.
ExistingIndex DamagedIndex(const std::string& db_path) {
  ExistingIndex existing;
  existing.exists = true;
  if (std::optional<RunRecord> record = ReadRunRecord(db_path)) {
    existing.roots = record->roots;
    StatusOr<AnalysisConfig> analysis = ParseAnalysisSettingsOfAnyVersion(record->analysis);
    if (analysis.ok()) existing.analysis = *analysis;
  }
  return existing;
}

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

std::string DescribeRunSettings(const IndexerConfig& config) {
  uint64_t size = config.max_file_bytes;
  std::string size_text = size % (1 << 20) == 0 ? std::to_string(size >> 20) + "M"
                          : size % (1 << 10) == 0 ? std::to_string(size >> 10) + "K"
                                                  : std::to_string(size);
  std::string text = "batch-size " + std::to_string(config.batch_size) + ", max-file-size " +
                     size_text + ", max-delete-share " +
                     std::to_string(std::lround(config.max_delete_share * 100)) + "%";
  text += config.walk.symlinks == SymlinkPolicy::kAlways        ? ", symlinks followed"
          : config.walk.symlinks == SymlinkPolicy::kWithinRoots ? ", symlinks followed within the folders"
                                                                : ", symlinks not followed";
  text += config.walk.include_hidden ? ", hidden files included" : ", hidden files excluded";
  if (config.store_text.value_or(false)) text += ", every text stored";
  for (const std::string& glob : config.walk.exclude_globs) text += ", exclude " + glob;
  for (const std::string& ext : config.walk.include_extensions) text += ", include-ext " + ext;
  return text;
}

// Why a file is read again whose extension chose extractor `before` in the
// index's formats and chooses `now` in this build's (ExtractorRegistry::
// Formats() labels: a name, then "@VERSION" from version 2 on).
std::string RereadReason(std::string_view before, std::string_view now) {
  if (now.empty()) return "typed by its content now";
  const auto name = [](std::string_view label) {
    return std::string(label.substr(0, label.find('@')));
  };
  if (name(before) == name(now))
    return "read by another version of the " + name(now) + " extractor";
  return "read as " + name(now) + " now";
}

// Marks the files of `snapshot` that this build reads otherwise than the
// one that wrote `formats`: files skipped may be readable now (they are
// planned as new), and a file another extractor (or another version of
// one) reads by its extension, or that is typed by its content otherwise,
// is read again.
void MarkRereads(const std::string& formats_before, const std::string& formats_now,
                 IndexSnapshot& snapshot) {
  if (formats_before == formats_now) return;
  std::erase_if(snapshot, [](const auto& kv) { return !kv.second.skip_reason.empty(); });
  const bool typing_changed = ExtractorRegistry::ContentTypingIn(formats_before) !=
                              ExtractorRegistry::ContentTypingIn(formats_now);
  for (auto& [path, indexed] : snapshot) {
    const std::string_view format_path = WithoutCompressionSuffix(path);
    const std::string before = ExtractorRegistry::ExtensionExtractorIn(formats_before, format_path);
    const std::string now = ExtractorRegistry::ExtensionExtractorIn(formats_now, format_path);
    if (before != now) {
      indexed.reread = RereadReason(before, now);
    } else if (now.empty() && typing_changed) {
      indexed.reread = "typed by its content anew";
    }
  }
}

// The unfinished rebuild beside the index, when it was made with the
// settings this run rebuilds with; nullopt (and it will be removed) when it
// was not, or holds nothing usable.
std::optional<ExistingIndex> LoadUnfinishedRebuild(const std::string& db_path,
                                                   const AnalysisConfig& analysis,
                                                   size_t shard_count) {
  const std::string rebuild = RebuildPath(db_path);
  if (!IsUnfinishedRebuild(rebuild)) return std::nullopt;
  StatusOr<size_t> shards = CountLocalShards(rebuild);
  if (!shards.ok() || *shards != shard_count) return std::nullopt;
  StatusOr<ExistingIndex> loaded = RetryIfSwapped<ExistingIndex>([&] { return LoadExistingIndex(rebuild); });
  if (!loaded.ok() || loaded->outdated_analysis || !loaded->analysis ||
      !(*loaded->analysis == analysis)) {
    return std::nullopt;
  }
  return *std::move(loaded);
}

// What a pending part holds (ScratchKind::kPending).
StatusOr<IndexSnapshot> LoadPendingPart(const std::string& part) {
  try {
    return LoadSnapshot(Xapian::Database(part));
  } catch (const Xapian::Error& e) {
    return XapianReadError(part, e);
  }
}

}  // namespace

StatusOr<IndexPlan> PlanIndexRun(const IndexerConfig& config, RunReport& report,
                                 const PlanScope& scope) {
  IndexPlan plan;
  plan.config = config;
  // An index reached through a link is written where it lives: the
  // exchanges that replace it must not replace the link.
  struct stat link;
  if (::lstat(config.db_path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    std::error_code ec;
    std::filesystem::path target = std::filesystem::canonical(config.db_path, ec);
    if (!ec) plan.config.db_path = target.string();
  }
  const std::string db_path = plan.config.db_path;
  // First: what is at --db. Something that is not an index is refused
  // before anything is read or written; a damaged index only for --rebuild.
  Status place = CheckIndexPlace(db_path);
  if (!place.ok() && !(place.code() == StatusCode::kDataLoss && config.rebuild)) return place;
  // A stub the indexer cannot write through is refused before it is read.
  QUARRY_ASSIGN_OR_RETURN(plan.shards, ChooseShardCount(db_path, config.shards));
  // Read without the lock: another run may be exchanging the index meanwhile.
  StatusOr<ExistingIndex> loaded =
      RetryIfSwapped<ExistingIndex>([&] { return LoadExistingIndex(db_path); });
  if (!loaded.ok() && loaded.status().code() == StatusCode::kDataLoss && config.rebuild) {
    report.Note(loaded.status().message());
    loaded = DamagedIndex(db_path);
    plan.damaged = true;
  }
  if (!loaded.ok()) return loaded.status();
  ExistingIndex existing = *std::move(loaded);
  if (!place.ok() && !plan.damaged) {
    existing = DamagedIndex(db_path);  // iamglass gone: nothing Xapian can open
    plan.damaged = true;
  }
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

  // Which kind of run, and why.
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
  if (!plan.rebuild_reason.empty()) plan.kind = RunKind::kRebuild;

  // Who may read it: as asked, else as its folder is, else private.
  StatusOr<IndexAccess> folder_access = ReadFolderAccess(db_path);
  plan.access = config.access.value_or(folder_access.ok() && existing.exists ? *folder_access
                                                                            : IndexAccess::kPrivate);
  plan.access_changed = existing.exists && config.access && folder_access.ok() &&
                        *config.access != *folder_access;

  // What the index written to holds: the index itself, or for a rebuild
  // the unfinished rebuild an earlier run left, if any.
  plan.config.store_text = config.store_text.value_or(existing.store_text);
  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl);
  plan.formats = registry.Formats();
  if (plan.kind == RunKind::kUpdate) {
    plan.snapshot = std::move(existing.snapshot);
    if (*plan.config.store_text != existing.store_text) {
      // Every document's data changes form: all files are read again and
      // their documents replaced one by one (not a rebuild: the index stays
      // whole and searchable, and the mass-delete guard still protects it).
      plan.store_text_changed = true;
      report.Note(*plan.config.store_text
                      ? "--store-text yes: keeping a copy of every text; reading every file again"
                      : "--store-text no: leaving texts in their files where possible; "
                        "reading every file again");
      for (auto& [path, indexed] : plan.snapshot) indexed.reread = "--store-text changed";
    }
    MarkRereads(existing.formats, plan.formats, plan.snapshot);
  } else if (plan.kind == RunKind::kRebuild) {
    report.Note(plan.rebuild_reason);
    if (std::optional<ExistingIndex> unfinished =
            LoadUnfinishedRebuild(db_path, plan.analysis, plan.shards.count)) {
      plan.resumes_rebuild = true;
      plan.snapshot = std::move(unfinished->snapshot);
      if (unfinished->store_text != *plan.config.store_text) {
        for (auto& [path, indexed] : plan.snapshot) indexed.reread = "--store-text changed";
      }
      MarkRereads(unfinished->formats, plan.formats, plan.snapshot);
      report.Note("continuing the rebuild an earlier run left at " + RebuildPath(db_path) + " (" +
                  std::to_string(plan.snapshot.size()) + " files done)");
    }
  }

  // Parts a run that ran out of space kept: their files count as indexed,
  // and this run merges them in.
  if (plan.kind != RunKind::kRebuild || plan.resumes_rebuild) {
    const std::string target = plan.kind == RunKind::kRebuild ? RebuildPath(db_path) : db_path;
    for (const std::string& part : FindPendingParts(target)) {
      StatusOr<IndexSnapshot> held = LoadPendingPart(part);
      if (!held.ok()) return held.status();
      plan.snapshot.merge(*held);
      plan.pending_parts.push_back(part);
    }
    if (!plan.pending_parts.empty()) {
      report.Note("merging the documents an earlier run kept beside the index (" +
                  std::to_string(plan.pending_parts.size()) + " parts)");
    }
  }

  // Plan without the lock: the walk and the snapshot read nothing but stat
  // results and value streams.
  IndexerConfig& run = plan.config;
  run.walk.index_path = db_path;
  WalkOptions walk_options = run.walk;
  walk_options.on_progress = [&report](size_t seen) { report.Walking(seen); };
  plan.scoped = scope.paths && plan.kind == RunKind::kUpdate && !plan.store_text_changed &&
                existing.formats == plan.formats;
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
                         db_path);
  }
  plan.guard = plan.kind == RunKind::kRebuild ? GuardRebuild(plan.walk, existing, run)
                                              : GuardMassDelete(plan.plan, plan.snapshot, run);
  plan.nothing_to_do = plan.kind == RunKind::kUpdate && plan.plan.empty() &&
                       plan.pending_parts.empty() &&
                       !plan.store_text_changed && !plan.access_changed &&
                       plan.all_roots == existing.roots;
  return plan;
}

namespace {

std::string ResultText(ApplyOutcome outcome, const RunReport& report) {
  const RunCounts& counts = report.counts();
  return outcome == ApplyOutcome::kInterrupted ? "interrupted"
         : counts.failed > 0 ? "done, " + std::to_string(counts.failed) + " files failed"
                             : "done";
}

// The run as it goes: its start, and the record written beside the index.
struct RunTrace {
  Clock::time_point start = Clock::now();
  RunRecord record;
  std::string folder;  // where the record lives (the index's folder)

  void Begin(const IndexPlan& plan) {
    folder = plan.config.db_path;
    record.state = RunRecord::State::kRunning;
    record.pid = ::getpid();
    record.started_unix_seconds = NowUnixSeconds();
    record.roots = plan.all_roots;
    record.analysis = SerializeAnalysisConfig(plan.analysis);
    record.shards = plan.shards.count;
    (void)WriteRunRecord(folder, record);
  }

  LastRun Finish(RunRecord::State state, const std::string& result, const RunReport& report,
                 const IndexerConfig& config) {
    record.state = state;
    record.run.finished_unix_seconds = NowUnixSeconds();
    record.run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    record.run.result = result;
    record.run.counts = report.CountsText();
    record.run.settings = DescribeRunSettings(config);
    return record.run;
  }

  // Finish for a run whose changes were applied as `applied` says.
  LastRun FinishApplied(ApplyOutcome applied, const RunReport& report, const IndexerConfig& config) {
    return Finish(applied == ApplyOutcome::kInterrupted ? RunRecord::State::kInterrupted
                                                        : RunRecord::State::kDone,
                  ResultText(applied, report), report, config);
  }

  // Written last, into whatever index is now in place.
  void Write() { (void)WriteRunRecord(folder, record); }
};


// Records the run in the index (committed with the run's last changes).
Status RecordRun(const LastRun& run, IndexWriter& writer) {
  return writer.SetMetadata(std::string(schema::kLastRunKey), EncodeLastRun(run));
}


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

// Removes the pending parts a merge has taken in.
void RemovePending(const std::string& target, const std::vector<std::string>& pending,
                   RunReport& report) {
  for (const std::string& part : pending) {
    Status removed = RemoveScratch(target, part);
    if (!removed.ok()) report.Warning(removed.message());
  }
}

// How the plan's changes went, and the parts to merge into the index
// written to: those of this run (a build on several threads) and those an
// earlier run kept.
struct Filled {
  ApplyOutcome applied;
  std::vector<std::string> parts;
};

// The writing half of a run, into the index at `target` (the index itself,
// or a rebuild beside it), already made; `parts` holds what a build on
// several threads writes beside it. On failure, what the parts hold is
// kept for the next run (KeepParts).
StatusOr<ApplyOutcome> FillUnkept(IndexPlan& plan, const std::string& target,
                                  const Analyzer& analyzer, IndexWriter& writer, Parts& parts,
                                  RunReport& report, const std::function<bool()>& should_stop) {
  const IndexerConfig& config = plan.config;
  const size_t part_count = std::min({config.jobs, plan.plan.changes.size(), kMaxParts});
  if (plan.snapshot.empty() && plan.shards.count == 1 && part_count > 1 &&
      CanExchangeBeside(target)) {
    QUARRY_ASSIGN_OR_RETURN(parts, Parts::Create(target, part_count, analyzer));
  }
  QUARRY_RETURN_IF_ERROR(WriteIndexSettings(writer.database(), plan.analysis));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kRootsKey), JoinLines(plan.all_roots)));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kFormatsKey), plan.formats));
  report.Planned(plan.walk.entries.size(), plan.plan.changes.size());
  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl);
  Analyzer prepare = analyzer.Clone();
  QUARRY_ASSIGN_OR_RETURN(
      ApplyOutcome applied,
      ApplyPlan(plan.plan, {registry, config, prepare, writer, report, should_stop, parts.writers()}));
  // A switch of --store-text is recorded once every file was read with it:
  // the next run resumes an interrupted one.
  if (applied == ApplyOutcome::kCompleted || !plan.store_text_changed) {
    QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kStoreTextKey),
                                              *config.store_text ? "yes" : ""));
  }
  QUARRY_RETURN_IF_ERROR(parts.Finish());
  return applied;
}

StatusOr<Filled> Fill(IndexPlan& plan, const std::string& target, const Analyzer& analyzer,
                      IndexWriter& writer, Parts& parts, RunReport& report,
                      const std::function<bool()>& should_stop) {
  StatusOr<ApplyOutcome> applied =
      FillUnkept(plan, target, analyzer, writer, parts, report, should_stop);
  if (!applied.ok()) return KeepParts(parts, applied.status());
  Filled filled{*applied, parts.paths()};
  filled.parts.insert(filled.parts.end(), plan.pending_parts.begin(), plan.pending_parts.end());
  return filled;
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
    StatusOr<bool> compacted = CompactFilled(db_path, {}, writer, report);
    if (!compacted.ok()) report.Warning(compacted.status().message() + " (the index is complete, only larger)");
  } else {
    CompactShards(grown, writer, report);
  }
}

// An update, or a first build, written into the index itself.
StatusOr<RunOutcome> ApplyInPlace(IndexPlan& plan, RunTrace& trace, RunReport& report,
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
  StatusOr<std::vector<Xapian::WritableDatabase>> dbs =
      OpenShardsForWriting(db_path, plan.shards, CreateMode::kOpenExisting, plan.analysis,
                           LockWait{config.lock_wait, should_stop});
  if (!dbs.ok() && dbs.status().code() == StatusCode::kLocked && should_stop && should_stop()) {
    return RunOutcome::kInterrupted;  // while waiting for the lock
  }
  if (!dbs.ok()) return dbs.status();
  for (const std::string& message : RemoveLeftovers(db_path)) report.Warning(message);
  for (const std::string& path : LocalDatabasePaths(db_path, plan.shards.count)) {
    for (const std::string& message : RemoveLeftovers(path)) report.Warning(message);
  }
  if (plan.access_changed) {
    if (::chmod(db_path.c_str(), FolderModeFor(plan.access)) != 0) {
      report.Warning("cannot change the access of " + db_path);
    }
  }
  trace.Begin(plan);
  IndexWriter writer(std::move(*dbs), analyzer.Clone());
  Parts parts;
  QUARRY_ASSIGN_OR_RETURN(Filled filled,
                          Fill(plan, db_path, analyzer, writer, parts, report, should_stop));
  const ApplyOutcome applied = filled.applied;
  const std::vector<std::string>& all_parts = filled.parts;
  // With parts, the index holds none of the run's documents until they are
  // merged in: until then the record says so, not "done".
  const bool with_parts = !all_parts.empty();
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
    StatusOr<bool> exchanged = CompactFilled(db_path, all_parts, writer, report);
    if (!exchanged.ok()) return KeepParts(parts, exchanged.status());
    RemovePending(db_path, plan.pending_parts, report);
    if (with_parts) {
      // The record of the merged run, into the index now in place.
      StatusOr<Xapian::WritableDatabase> db =
          *exchanged ? OpenDatabaseForWriting(db_path, CreateMode::kOpenExisting, plan.analysis)
                     : StatusOr<Xapian::WritableDatabase>(writer.database());
      Status recorded = db.status();
      if (recorded.ok()) {
        IndexWriter merged(std::move(*db), analyzer.Clone());
        recorded = RecordRun(run, merged);
        if (recorded.ok()) recorded = merged.Commit();
      }
      if (!recorded.ok()) report.Warning("the index is complete, but its record of this run "
                                         "could not be written: " + recorded.message());
    }
  }
  if (filled_empty && plan.shards.count > 1) {
    CompactShards(LocalDatabasePaths(db_path, plan.shards.count), writer, report);
  } else if (!with_parts && !filled_empty && applied == ApplyOutcome::kCompleted) {
    CompactIfGrown(db_path, plan.shards.count, config.max_growth, writer, report);
  }
  trace.Write();
  return applied == ApplyOutcome::kInterrupted ? RunOutcome::kInterrupted : RunOutcome::kDone;
}

// A rebuild: a new index filled beside the old one, which stays in place,
// locked and searchable, until the new one is whole and takes its place in
// one atomic exchange. An interrupted rebuild is kept for the next run to
// continue; a killed one too (with what its last commit holds).
StatusOr<RunOutcome> ApplyRebuild(IndexPlan& plan, RunTrace& trace, RunReport& report,
                                  const std::function<bool()>& should_stop) {
  const IndexerConfig& config = plan.config;
  const std::string& db_path = config.db_path;
  const std::string rebuild = RebuildPath(db_path);
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(plan.analysis));
  // The old index's lock, held until it is replaced: no other run writes
  // to it meanwhile. A damaged index may not open at all.
  std::vector<Xapian::WritableDatabase> old_lock;
  if (!plan.damaged) {
    StatusOr<std::vector<Xapian::WritableDatabase>> old =
        LockIndex(db_path, std::max<size_t>(plan.shards.existing, 1),
                  LockWait{config.lock_wait, should_stop});
    if (!old.ok() && old.status().code() == StatusCode::kLocked && should_stop && should_stop()) {
      return RunOutcome::kInterrupted;
    }
    if (!old.ok()) return old.status();
    old_lock = std::move(*old);
  }
  std::vector<std::string> keep;
  if (plan.resumes_rebuild) keep.push_back(rebuild);
  for (const std::string& message : RemoveLeftovers(db_path, keep)) report.Warning(message);
  if (!plan.resumes_rebuild) {
    RemovePending(rebuild, FindPendingParts(rebuild), report);  // of a rebuild not continued
    StatusOr<IndexAccess> access = ReadFolderAccess(db_path);
    QUARRY_RETURN_IF_ERROR(CreateIndexAtomically(rebuild, plan.analysis, plan.shards.count,
                                                 access.ok() ? *access : plan.access));
    QUARRY_RETURN_IF_ERROR(MarkUnfinishedRebuild(rebuild));
  }
  for (const std::string& path : LocalDatabasePaths(rebuild, plan.shards.count)) {
    for (const std::string& message : RemoveLeftovers(path)) report.Warning(message);
  }
  trace.Begin(plan);
  QUARRY_ASSIGN_OR_RETURN(std::vector<Xapian::WritableDatabase> dbs,
                          OpenShardsForWriting(rebuild, plan.shards, CreateMode::kOpenExisting,
                                               plan.analysis));
  IndexWriter writer(std::move(dbs), analyzer.Clone());
  Parts parts;
  QUARRY_ASSIGN_OR_RETURN(Filled filled,
                          Fill(plan, rebuild, analyzer, writer, parts, report, should_stop));
  const ApplyOutcome applied = filled.applied;
  const std::vector<std::string>& all_parts = filled.parts;
  LastRun run = trace.FinishApplied(applied, report, config);
  if (applied == ApplyOutcome::kInterrupted) {
    // Kept for the next run, its parts merged in (they were reported as
    // indexed); the old index stays in place.
    run.result = "interrupted: the rebuild continues at the next run";
    QUARRY_RETURN_IF_ERROR(RecordRun(run, writer));
    QUARRY_RETURN_IF_ERROR(writer.Commit());
    if (!all_parts.empty()) {
      StatusOr<bool> merged = CompactFilled(rebuild, all_parts, writer, report);
      if (!merged.ok()) return KeepParts(parts, merged.status());
      RemovePending(rebuild, plan.pending_parts, report);
      QUARRY_RETURN_IF_ERROR(MarkUnfinishedRebuild(rebuild));  // the compact copy has none
    }
    report.Note("the index is as it was before this run; the next run continues the rebuild");
    trace.record.run.result = run.result;
    trace.Write();
    return RunOutcome::kInterrupted;
  }
  QUARRY_RETURN_IF_ERROR(RecordRun(run, writer));
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  const OldIndex old = config.rebuild || plan.damaged ? OldIndex::kKeepAside : OldIndex::kRemove;
  StatusOr<std::string> aside =
      PutRebuildInPlace(db_path, rebuild, plan.shards.count, all_parts, writer, old,
                        [&old_lock] { old_lock.clear(); }, report);
  if (!aside.ok()) return KeepParts(parts, aside.status());
  RemovePending(rebuild, plan.pending_parts, report);
  if (!aside->empty()) {
    report.Note("the old index is kept at " + *aside + "; remove it when you no longer need it");
  }
  trace.Write();
  return RunOutcome::kDone;
}

}  // namespace

StatusOr<RunOutcome> ApplyIndexRun(IndexPlan& plan, RunReport& report,
                                   const std::function<bool()>& stop_requested) {
  const std::function<bool()> should_stop = [&] { return stop_requested && stop_requested(); };
  if (plan.nothing_to_do) {
    report.counts().unchanged = plan.plan.unchanged;  // no lock, no write
    return RunOutcome::kNothingToDo;
  }
  QUARRY_RETURN_IF_ERROR(plan.guard);
  if (should_stop()) return RunOutcome::kInterrupted;
  // Files Xapian makes get no more access than the index's folder gives.
  ::umask(UmaskFor(plan.access));
  RunTrace trace;
  StatusOr<RunOutcome> outcome = plan.kind == RunKind::kRebuild
                                     ? ApplyRebuild(plan, trace, report, should_stop)
                                     : ApplyInPlace(plan, trace, report, should_stop);
  if (!outcome.ok() && outcome.status().code() == StatusCode::kNoSpace) {
    outcome = NoSpaceError("no space left on the disk holding " + plan.config.db_path + ": " +
                           outcome.status().message());
  }
  if (!outcome.ok() && !trace.folder.empty()) {
    // The record must not say "done" (or "running") over a run that failed.
    trace.Finish(RunRecord::State::kFailed, "failed: " + outcome.status().message(), report,
                 plan.config);
    trace.Write();
  }
  return outcome;
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
    QUARRY_ASSIGN_OR_RETURN(std::string old, CompactInPlace(paths[i]));
    locked[i].close();
    Status removed = RemoveScratch(paths[i], old);
    if (!removed.ok()) report.Warning(removed.message());
    result.bytes_after += DatabaseBytes(paths[i]);
  }
  return result;
}

}  // namespace quarry::indexer

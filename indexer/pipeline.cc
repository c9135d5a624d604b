#include "indexer/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <thread>

#include "common/index/database.h"
#include "common/index/last_run.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/text/analyzer.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/corpus/walker.h"
#include "indexer/extract/decompressor.h"
#include "indexer/extract/registry.h"
#include "indexer/index_writer.h"
#include "indexer/plan_applier.h"

namespace quarry::indexer {

namespace {

using Clock = std::chrono::steady_clock;

// What an existing index already holds; empty for a new one.
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
    return DataLossError("cannot read index " + db_path + ": " + e.get_description());
  }
  QUARRY_ASSIGN_OR_RETURN(existing.snapshot, LoadSnapshot(db));
  return existing;
}

struct AnalysisChoice {
  AnalysisConfig config;
  bool rebuild = false;  // the index holds terms made with other settings
};

StatusOr<AnalysisChoice> ChooseAnalysis(const IndexerConfig& config, const ExistingIndex& existing) {
  AnalysisChoice choice;
  if (existing.analysis) choice.config = *existing.analysis;
  if (config.language) {
    QUARRY_ASSIGN_OR_RETURN(choice.config.language, CanonicalLanguage(*config.language));
  }
  if (config.fold_diacritics) choice.config.fold_diacritics = *config.fold_diacritics;
  choice.rebuild = existing.exists && (existing.outdated_analysis ||
                                       (existing.analysis && !(*existing.analysis == choice.config)));
  return choice;
}

std::vector<std::string> ChooseRoots(const IndexerConfig& config, const ExistingIndex& existing) {
  std::vector<std::string> roots;
  for (const std::string& root : config.roots) roots.push_back(AbsolutePath(root));
  return roots.empty() ? existing.roots : roots;
}

// Roots to record: those indexed before plus those of this run.
std::string MergeRoots(const std::vector<std::string>& before, const std::vector<std::string>& now) {
  std::vector<std::string> all = before;
  for (const std::string& root : now) {
    if (std::find(all.begin(), all.end(), root) == all.end()) all.push_back(root);
  }
  std::string joined;
  for (const std::string& root : all) joined += root + "\n";
  return joined;
}

WalkResult Walk(const std::vector<std::string>& roots, const IndexerConfig& config,
                ProgressLine& progress) {
  WalkOptions options = config.walk;
  if (progress.enabled()) options.on_progress = [&](size_t seen) { progress.Walking(seen); };
  return WalkRoots(roots, options);
}

void ReportWalk(const WalkResult& walk, const ChangePlan& plan, RunReport& report) {
  for (const WalkProblem& problem : walk.problems) {
    if (problem.status.code() == StatusCode::kNotFound) {
      report.Fate("vanished", problem.path, "deleted during the walk");
    } else {
      report.Failed(problem.status);
    }
  }
  for (size_t i = 0; i < plan.protected_roots.size(); ++i) {
    report.Warning(plan.protected_reasons[i] + "; keeping what the index holds under " +
                   plan.protected_roots[i]);
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

void PrintPlan(const ChangePlan& plan, const Status& guard, std::ostream& out) {
  for (const PlannedChange& change : plan.changes) {
    const std::string& path = change.kind == ChangeKind::kRemove ? change.indexed->path
                                                                  : change.entry.path;
    out << ChangeKindName(change.kind) << "\t" << path << "\t" << change.reason << "\n";
  }
  out << "plan: add " << plan.Count(ChangeKind::kAdd) << ", update "
      << plan.Count(ChangeKind::kUpdate) << ", delete " << plan.Count(ChangeKind::kRemove)
      << ", unchanged " << plan.unchanged << "\n";
  if (!guard.ok()) out << "this run would be refused: " << guard.message() << "\n";
}

std::string DescribeRunSettings(const IndexerConfig& config) {
  uint64_t size = config.max_file_bytes;
  std::string size_text = size % (1 << 20) == 0 ? std::to_string(size >> 20) + "M"
                          : size % (1 << 10) == 0 ? std::to_string(size >> 10) + "K"
                                                  : std::to_string(size);
  std::string text = "batch-size " + std::to_string(config.batch_size) + ", max-file-size " +
                     size_text + ", max-delete-share " +
                     std::to_string(std::lround(config.max_delete_share * 100)) + "%";
  text += config.walk.follow_symlinks ? ", symlinks followed" : ", symlinks not followed";
  text += config.walk.include_hidden ? ", hidden files included" : ", hidden files excluded";
  if (config.store_text.value_or(false)) text += ", every text stored";
  for (const std::string& glob : config.walk.exclude_globs) text += ", exclude " + glob;
  for (const std::string& ext : config.walk.include_extensions) text += ", include-ext " + ext;
  return text;
}

// Records the run in the index (committed with the run's last changes).
// `result`, when not empty, is recorded instead of done/interrupted.
Status RecordRun(const IndexerConfig& config, const RunReport& report, ApplyOutcome outcome,
                 Clock::time_point start, IndexWriter& writer, const std::string& result = {}) {
  LastRun run;
  run.finished_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const RunCounts& counts = report.counts();
  run.result = !result.empty()                         ? result
               : outcome == ApplyOutcome::kInterrupted ? "interrupted"
               : counts.failed > 0 ? "done, " + std::to_string(counts.failed) + " files failed"
                                   : "done";
  run.counts = report.CountsText();
  run.settings = DescribeRunSettings(config);
  return writer.SetMetadata(std::string(schema::kLastRunKey), EncodeLastRun(run));
}

// The final record of a run whose parts are merged: into the index now in
// place, which Compact may have exchanged for a new copy (then `writer` is
// closed, and the copy is opened anew, without waiting for its lock).
Status RecordMergedRun(const IndexerConfig& config, const RunReport& report, ApplyOutcome outcome,
                       Clock::time_point start, const AnalysisConfig& analysis,
                       IndexWriter& writer, bool exchanged) {
  if (!exchanged) {
    QUARRY_RETURN_IF_ERROR(RecordRun(config, report, outcome, start, writer));
    return writer.Commit();
  }
  StatusOr<Xapian::WritableDatabase> db =
      OpenDatabaseForWriting(config.db_path, CreateMode::kOpenExisting, analysis, LockWait{});
  if (!db.ok()) return IoError("its record of this run could not be written: " + db.status().message());
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(analysis));
  IndexWriter merged(std::move(*db), std::move(analyzer));
  QUARRY_RETURN_IF_ERROR(RecordRun(config, report, outcome, start, merged));
  return merged.Commit();
}

// A whole index written in batches leaves its B-trees part-filled (Xapian
// splits blocks as batches merge in): compacting a freshly built one
// shrank the linux-doc index from 271 to 105 MB in about 3 s
// (bench/README.md). Only a run that filled an empty index pays for it;
// later runs change a little and leave the index as it is. The parts a
// build on several threads wrote beside the index are merged in on the
// way; their documents are not searchable until then. When compaction
// fails, that costs only the saving: parts are then copied in one document
// at a time. Only when that fails too are the run's files missing (an
// error; the next run indexes them again).
// Returns true when the index was exchanged for its compact copy (then
// `writer` is closed), false when the parts were copied in instead.
StatusOr<bool> Compact(const std::string& path, const std::vector<std::string>& parts,
                       IndexWriter& writer, RunReport& report) {
  std::error_code ec;
  StatusOr<std::string> old = CompactInPlace(path, parts);
  if (old.ok()) {
    writer.Close();
    std::filesystem::remove_all(*old, ec);
    return true;
  }
  for (const std::string& part : parts) {
    Status copied = CopyDocumentsInto(part, writer.database());
    if (!copied.ok()) {
      return IoError(old.status().message() + "; " + copied.message() +
                     "; none of the files this run indexed are in the index: the next run "
                     "indexes them again");
    }
  }
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  report.Warning(old.status().message() + (parts.empty() ? "" : "; its parts were copied in instead") +
                 " (the index is complete, only larger)");
  return false;
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

// The databases of the index at `db_path`: itself, or its shards.
std::vector<std::string> DatabasePaths(const std::string& db_path, const ShardChoice& shards) {
  if (shards.count == 1) return {db_path};
  std::vector<std::string> paths;
  for (size_t i = 0; i < shards.count; ++i) paths.push_back(ShardPath(db_path, i));
  return paths;
}

// Compact for the shards of a freshly built sharded index (written by one
// writer, without parts): each is exchanged for its compact copy in turn,
// all their content being committed already, so a search sees the same
// documents throughout; one that cannot be is left as it is (only larger).
// Closes `writer`.
void CompactShards(const std::vector<std::string>& paths, IndexWriter& writer, RunReport& report) {
  std::vector<std::string> old;
  for (const std::string& path : paths) {
    StatusOr<std::string> exchanged = CompactInPlace(path, {});
    if (exchanged.ok()) {
      old.push_back(*exchanged);
    } else {
      report.Warning(exchanged.status().message() + " (the index is complete, only larger)");
    }
  }
  writer.Close();
  std::error_code ec;
  for (const std::string& path : old) std::filesystem::remove_all(path, ec);
}

// At most this many parts: each keeps several files open and a batch of
// its own in memory.
constexpr size_t kMaxParts = 16;

// A run that fills an empty single database with several jobs writes one
// part per job beside it (ApplyPlan), merged in at the end; nothing else
// does. Searches see the new documents only once they are merged. Parts
// left unmerged (a run that fails) are removed with this object.
struct Parts {
  std::vector<std::string> paths;
  std::vector<std::unique_ptr<IndexWriter>> writers;

  Parts() = default;
  Parts(Parts&&) = default;
  Parts& operator=(Parts&&) = default;
  ~Parts() {
    writers.clear();  // closes them
    std::error_code ec;
    for (const std::string& path : paths) std::filesystem::remove_all(path, ec);
  }

  std::vector<IndexWriter*> pointers() const {
    std::vector<IndexWriter*> all;
    for (const auto& writer : writers) all.push_back(writer.get());
    return all;
  }

  // Commits and closes every part, so that it can be merged. Each flushes
  // its last batch on a thread of its own, as the parts were written.
  Status Finish() {
    std::vector<Status> results(writers.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < writers.size(); ++i) {
      threads.emplace_back([this, i, &results] {
        results[i] = writers[i]->Commit();
        writers[i]->Close();
      });
    }
    for (std::thread& thread : threads) thread.join();
    for (const Status& result : results) QUARRY_RETURN_IF_ERROR(result);
    return Status::Ok();
  }
};

StatusOr<Parts> CreateParts(const std::string& path, size_t count, const Analyzer& analyzer) {
  Parts parts;
  for (size_t k = 1; k <= count; ++k) {
    QUARRY_ASSIGN_OR_RETURN(Xapian::WritableDatabase db, CreatePartDatabase(path, k));
    parts.paths.push_back(PartDatabasePath(path, k));
    parts.writers.push_back(std::make_unique<IndexWriter>(std::move(db), analyzer.Clone()));
  }
  return parts;
}

}  // namespace

StatusOr<RunOutcome> IndexCorpus(const IndexerConfig& config, RunReport& report,
                                 std::ostream& out, const std::function<bool()>& stop_requested) {
  const Clock::time_point start = Clock::now();
  const std::function<bool()> should_stop = [&] { return stop_requested && stop_requested(); };
  // First: a stub the indexer cannot write through is refused before it is read.
  QUARRY_ASSIGN_OR_RETURN(ShardChoice shards, ChooseShardCount(config.db_path, config.shards));
  // Read without the lock: another run may be exchanging the index for its
  // compact copy meanwhile.
  QUARRY_ASSIGN_OR_RETURN(ExistingIndex existing, RetryIfSwapped<ExistingIndex>([&] {
                            return LoadExistingIndex(config.db_path);
                          }));
  QUARRY_ASSIGN_OR_RETURN(AnalysisChoice analysis, ChooseAnalysis(config, existing));
  std::vector<std::string> roots = ChooseRoots(config, existing);
  if (roots.empty()) {
    return InvalidArgumentError("no folder to index: give one or more, e.g. quarry-index ~/notes");
  }
  if (analysis.rebuild && existing.outdated_analysis) {
    report.Note("the index was written by another version of the analyzer: rebuilding it");
    existing.snapshot.clear();
  } else if (analysis.rebuild) {
    report.Note("analysis settings changed (" + DescribeAnalysisConfig(*existing.analysis) +
                " -> " + DescribeAnalysisConfig(analysis.config) + "): rebuilding the index");
    existing.snapshot.clear();
  }
  if (shards.rebuild) {
    report.Note("number of shards changed (" + std::to_string(shards.existing) + " -> " +
                std::to_string(shards.count) + "): rebuilding the index");
    existing.snapshot.clear();
  }
  // Every document's data changes form: all files are read again and their
  // documents replaced one by one (not a rebuild: the index stays whole and
  // searchable, and the mass-delete guard still protects it).
  IndexerConfig run_config = config;
  run_config.store_text = config.store_text.value_or(existing.store_text);
  const bool store_text_changed = existing.exists && *run_config.store_text != existing.store_text;
  if (store_text_changed) {
    report.Note(*run_config.store_text
                    ? "--store-text yes: keeping a copy of every text; reading every file again"
                    : "--store-text no: leaving texts in their files where possible; "
                      "reading every file again");
    for (auto& [path, indexed] : existing.snapshot) indexed.reread = "--store-text changed";
  }
  const bool rebuild = analysis.rebuild || shards.rebuild;
  // A run that fills an empty index compacts it at the end (see Compact).
  const bool from_empty = existing.snapshot.empty();

  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl);
  if (existing.exists && existing.formats != registry.Formats()) {
    // Files skipped by a build that read other formats may be readable now:
    // they are planned as new, and skipped again only if they still are.
    std::erase_if(existing.snapshot, [](const auto& kv) { return !kv.second.skip_reason.empty(); });
    // And a file that another extractor (or another version of one) reads
    // now, by its extension (SVG drawings were read as text before they
    // had their own), or that is typed by its content otherwise, is read
    // again.
    const std::string formats = registry.Formats();
    const bool typing_changed = ExtractorRegistry::ContentTypingIn(existing.formats) !=
                                ExtractorRegistry::ContentTypingIn(formats);
    for (auto& [path, indexed] : existing.snapshot) {
      const std::string_view format_path = WithoutCompressionSuffix(path);
      const std::string before =
          ExtractorRegistry::ExtensionExtractorIn(existing.formats, format_path);
      const std::string now = ExtractorRegistry::ExtensionExtractorIn(formats, format_path);
      if (before != now) {
        indexed.reread = RereadReason(before, now);
      } else if (now.empty() && typing_changed) {
        indexed.reread = "typed by its content anew";
      }
    }
  }

  // Plan without the lock: the walk and the snapshot read nothing but stat
  // results and value streams.
  WalkResult walk = Walk(roots, config, report.progress());
  ChangePlan plan = PlanChanges(walk, existing.snapshot);
  ReportWalk(walk, plan, report);
  Status guard = GuardMassDelete(plan, existing.snapshot, config);
  if (config.dry_run) {
    PrintPlan(plan, guard, out);
    return RunOutcome::kDryRun;
  }
  QUARRY_RETURN_IF_ERROR(guard);
  std::string recorded_roots = MergeRoots(existing.roots, roots);
  if (plan.empty() && existing.exists && !rebuild && !store_text_changed &&
      recorded_roots == MergeRoots(existing.roots, {})) {
    report.counts().unchanged = plan.unchanged;  // nothing to do: no lock, no write
    return RunOutcome::kNothingToDo;
  }
  if (should_stop()) return RunOutcome::kInterrupted;

  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(analysis.config));
  QUARRY_ASSIGN_OR_RETURN(Analyzer writer_analyzer, Analyzer::Create(analysis.config));
  StatusOr<std::vector<Xapian::WritableDatabase>> dbs = OpenShardsForWriting(
      config.db_path, shards,
      rebuild ? CreateMode::kOverwrite : CreateMode::kCreateIfMissing,
      analysis.config, LockWait{config.lock_wait, should_stop});
  if (!dbs.ok() && dbs.status().code() == StatusCode::kLocked && should_stop()) {
    return RunOutcome::kInterrupted;  // while waiting for the lock
  }
  if (!dbs.ok()) return dbs.status();
  for (const std::string& path : DatabasePaths(config.db_path, shards))
    RemoveCompactionLeftovers(path);
  Parts parts;
  const size_t part_count = std::min({config.jobs, plan.changes.size(), kMaxParts});
  if (from_empty && shards.count == 1 && part_count > 1 && CanExchangeBeside(config.db_path)) {
    QUARRY_ASSIGN_OR_RETURN(parts, CreateParts(config.db_path, part_count, analyzer));
  }
  IndexWriter writer(std::move(*dbs), std::move(writer_analyzer));
  QUARRY_RETURN_IF_ERROR(WriteIndexSettings(writer.database(), analysis.config));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kRootsKey), recorded_roots));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kFormatsKey), registry.Formats()));
  report.progress().Planned(walk.entries.size(), plan.changes.size());
  QUARRY_ASSIGN_OR_RETURN(
      ApplyOutcome applied,
      ApplyPlan(plan, {registry, run_config, analyzer, writer, report, should_stop, parts.pointers()}));
  report.progress().Clear();
  // A switch of --store-text is recorded once every file was read with it:
  // the next run resumes an interrupted one.
  if (applied == ApplyOutcome::kCompleted || !store_text_changed) {
    QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kStoreTextKey),
                                              *run_config.store_text ? "yes" : ""));
  }
  QUARRY_RETURN_IF_ERROR(parts.Finish());
  // With parts, the index holds none of the run's documents until they are
  // merged in: until then the record says so, not "done".
  const bool with_parts = !parts.paths.empty();
  QUARRY_RETURN_IF_ERROR(
      RecordRun(run_config, report, applied, start, writer, with_parts ? "merging its parts" : ""));
  QUARRY_RETURN_IF_ERROR(writer.Commit());
  // A run that filled an empty index compacts it (Compact, CompactShards).
  const bool filled_empty =
      applied == ApplyOutcome::kCompleted && from_empty && report.counts().added > 0;
  // Parts are merged even after a stop request: what they hold was
  // reported as indexed.
  if (with_parts || (filled_empty && shards.count == 1)) {
    StatusOr<bool> exchanged = Compact(config.db_path, parts.paths, writer, report);
    if (!exchanged.ok()) {
      // The record must not say "done" over an index without the files.
      (void)RecordRun(run_config, report, applied, start, writer, "failed: " + exchanged.status().message());
      (void)writer.Commit();
      return exchanged.status();
    }
    if (with_parts) {
      Status recorded =
          RecordMergedRun(run_config, report, applied, start, analysis.config, writer, *exchanged);
      if (!recorded.ok()) report.Warning("the index is complete, but " + recorded.message());
    }
  }
  if (filled_empty && shards.count > 1) {
    CompactShards(DatabasePaths(config.db_path, shards), writer, report);
  }
  if (applied == ApplyOutcome::kInterrupted) return RunOutcome::kInterrupted;
  return RunOutcome::kDone;
}

}  // namespace quarry::indexer

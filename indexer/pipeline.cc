#include "indexer/pipeline.h"

#include <algorithm>
#include <sstream>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/text/analyzer.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/corpus/walker.h"
#include "indexer/extract/registry.h"
#include "indexer/index_writer.h"
#include "indexer/plan_applier.h"

namespace quarry::indexer {

namespace {

// What an existing index already holds; empty for a new one.
struct ExistingIndex {
  bool exists = false;
  std::optional<AnalysisConfig> analysis;
  std::vector<std::string> roots;
  std::string formats;  // what the build that wrote it could read
  IndexSnapshot snapshot;
};

StatusOr<ExistingIndex> LoadExistingIndex(const std::string& db_path) {
  ExistingIndex existing;
  if (!DatabaseExists(db_path)) return existing;
  QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(db_path));
  existing.exists = true;
  StatusOr<AnalysisConfig> analysis = ReadAnalysisConfig(db);
  if (analysis.ok()) existing.analysis = *analysis;
  std::istringstream roots(db.get_metadata(std::string(schema::kRootsKey)));
  for (std::string root; std::getline(roots, root);) {
    if (!root.empty()) existing.roots.push_back(root);
  }
  existing.formats = db.get_metadata(std::string(schema::kFormatsKey));
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
  choice.rebuild = existing.exists && existing.analysis && !(*existing.analysis == choice.config);
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

void PrintPlan(const ChangePlan& plan, std::ostream& out) {
  for (const PlannedChange& change : plan.changes) {
    const std::string& path = change.kind == ChangeKind::kRemove ? change.indexed->path
                                                                  : change.entry.path;
    out << ChangeKindName(change.kind) << "\t" << path << "\t" << change.reason << "\n";
  }
  out << "plan: add " << plan.Count(ChangeKind::kAdd) << ", update "
      << plan.Count(ChangeKind::kUpdate) << ", delete " << plan.Count(ChangeKind::kRemove)
      << ", unchanged " << plan.unchanged << "\n";
}

}  // namespace

Status IndexCorpus(const IndexerConfig& config, RunReport& report, std::ostream& out) {
  // First: a stub the indexer cannot write through is refused before it is read.
  QUARRY_ASSIGN_OR_RETURN(ShardChoice shards, ChooseShardCount(config.db_path, config.shards));
  QUARRY_ASSIGN_OR_RETURN(ExistingIndex existing, LoadExistingIndex(config.db_path));
  QUARRY_ASSIGN_OR_RETURN(AnalysisChoice analysis, ChooseAnalysis(config, existing));
  std::vector<std::string> roots = ChooseRoots(config, existing);
  if (roots.empty()) {
    return InvalidArgumentError("no folder to index: give one or more, e.g. quarry-index ~/notes");
  }
  if (analysis.rebuild) {
    report.Note("analysis settings changed (" + DescribeAnalysisConfig(*existing.analysis) +
                " -> " + DescribeAnalysisConfig(analysis.config) + "): rebuilding the index");
    existing.snapshot.clear();
  }
  if (shards.rebuild) {
    report.Note("number of shards changed (" + std::to_string(shards.existing) + " -> " +
                std::to_string(shards.count) + "): rebuilding the index");
    existing.snapshot.clear();
  }

  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl);
  if (existing.exists && existing.formats != registry.Formats()) {
    // Files skipped by a build that read other formats may be readable now:
    // they are planned as new, and skipped again only if they still are.
    std::erase_if(existing.snapshot, [](const auto& kv) { return !kv.second.skip_reason.empty(); });
  }

  WalkResult walk = WalkRoots(roots, config.walk);
  ChangePlan plan = PlanChanges(walk, existing.snapshot);
  ReportWalk(walk, plan, report);
  if (config.dry_run) {
    PrintPlan(plan, out);
    return Status::Ok();
  }
  std::string recorded_roots = MergeRoots(existing.roots, roots);
  if (plan.empty() && existing.exists && !analysis.rebuild && !shards.rebuild &&
      recorded_roots == MergeRoots(existing.roots, {})) {
    report.counts().unchanged = plan.unchanged;  // nothing to do: no lock, no write
    return Status::Ok();
  }

  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(analysis.config));
  QUARRY_ASSIGN_OR_RETURN(
      std::vector<Xapian::WritableDatabase> dbs,
      OpenShardsForWriting(config.db_path, shards,
                           analysis.rebuild || shards.rebuild ? CreateMode::kOverwrite
                                                              : CreateMode::kCreateIfMissing,
                           analysis.config));
  IndexWriter writer(std::move(dbs), std::move(analyzer));
  QUARRY_RETURN_IF_ERROR(WriteIndexSettings(writer.database(), analysis.config));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kRootsKey), recorded_roots));
  QUARRY_RETURN_IF_ERROR(writer.SetMetadata(std::string(schema::kFormatsKey), registry.Formats()));
  return ApplyPlan(plan, registry, config, writer, report);
}

}  // namespace quarry::indexer

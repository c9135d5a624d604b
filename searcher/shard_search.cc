#include "searcher/shard_search.h"

namespace quarry::searcher {

namespace {

// Reports the shards missing from `shards` past the first `already_named`.
Status ReportMissing(const ShardSet& shards, size_t already_named, const SearchRequest& request,
                     Diagnostics& diagnostics) {
  const std::vector<std::string>& missing = shards.missing();
  if (missing.size() <= already_named) return Status::Ok();
  std::string summary = std::to_string(missing.size()) + " of " +
                        std::to_string(shards.shard_count()) + " shards unreachable";
  if (request.require_all_shards) {
    std::string message = summary + " (--require-all-shards):";
    for (const std::string& shard : missing) message += "\n  " + shard;
    return IoError(message);
  }
  for (size_t i = already_named; i < missing.size(); ++i) {
    diagnostics.Warning("shard unreachable: " + missing[i]);
  }
  diagnostics.Warning(summary + "; results come from the other shards only");
  return Status::Ok();
}

}  // namespace

StatusOr<ShardSet> OpenShards(const SearchRequest& request, Diagnostics& diagnostics) {
  QUARRY_ASSIGN_OR_RETURN(ShardSet shards, ShardSet::Open(request.db_paths, request.shards));
  QUARRY_RETURN_IF_ERROR(ReportMissing(shards, 0, request, diagnostics));
  return shards;
}

StatusOr<RankedResults> RankOverShards(ShardSet& shards, const BuiltQuery& query,
                                       const SearchRequest& request, Diagnostics& diagnostics) {
  // Each retry follows the loss of at least one remote shard, so this ends.
  for (;;) {
    StatusOr<RankedResults> ranked = Rank(shards.database(), query, request.page);
    if (ranked.ok() || !shards.has_remote()) return ranked;
    size_t named = shards.missing().size();
    if (!shards.DropUnresponsive()) return ranked;
    QUARRY_RETURN_IF_ERROR(ReportMissing(shards, named, request, diagnostics));
    if (shards.empty()) return IoError("no shard answered: " + ranked.status().message());
  }
}

}  // namespace quarry::searcher

#include "searcher/shard_search.h"

namespace quarry::searcher {

Status AddMissingShards(const ShardSet& shards, size_t already_named, const SearcherOptions& options,
                        std::vector<Notice>& notices) {
  const std::vector<MissingShard>& missing = shards.missing();
  if (missing.size() <= already_named) return Status::Ok();
  std::string summary = std::to_string(missing.size()) + " of " +
                        std::to_string(shards.shard_count()) + " shards unreachable";
  if (options.require_all_shards) {
    std::string message = summary + " (--require-all-shards):";
    for (const MissingShard& shard : missing) message += "\n  " + shard.Describe();
    return IoError(message);
  }
  for (size_t i = already_named; i < missing.size(); ++i) {
    notices.push_back({Notice::Severity::kWarning, "shard unreachable: " + missing[i].Describe()});
  }
  notices.push_back({Notice::Severity::kWarning, summary + "; results come from the other shards only"});
  return Status::Ok();
}

StatusOr<RankedResults> RankOverShards(ShardSet& shards, const BuiltQuery& query,
                                       const PageRequest& page, const SearcherOptions& options,
                                       std::vector<Notice>& notices) {
  // Each retry follows the loss of at least one remote shard, so this ends.
  for (;;) {
    StatusOr<RankedResults> ranked = Rank(shards.database(), query, page);
    if (ranked.ok() || !shards.has_remote()) return ranked;
    size_t named = shards.missing().size();
    if (!shards.DropUnresponsive()) return ranked;
    QUARRY_RETURN_IF_ERROR(AddMissingShards(shards, named, options, notices));
    if (shards.empty()) return IoError("no shard answered: " + ranked.status().message());
  }
}

}  // namespace quarry::searcher

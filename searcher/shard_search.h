// File: searcher/shard_search.h
// Searching several shards as one: naming the shards that cannot be
// reached, and dropping a remote shard that stops answering in the middle
// of a search so that the others still give an answer.
#ifndef QUARRY_SEARCHER_SHARD_SEARCH_H_
#define QUARRY_SEARCHER_SHARD_SEARCH_H_

#include <vector>

#include "common/status.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/ranker.h"
#include "searcher/search_result.h"
#include "searcher/searcher_options.h"
#include "searcher/shard_set.h"

namespace quarry::searcher {

// Names the shards missing from `shards` past the first `already_named` in
// warnings appended to `notices` (each shard, then how many of all);
// under options.require_all_shards, IoError naming them instead.
Status AddMissingShards(const ShardSet& shards, size_t already_named, const SearcherOptions& options,
                        std::vector<Notice>& notices);

// Rank() over `shards`. When the search fails while remote shards are part
// of it, the shards that no longer answer are dropped and named (as
// AddMissingShards does) and the search runs again over the rest; it fails
// only when no shard answers or for reasons other than the network.
StatusOr<RankedResults> RankOverShards(ShardSet& shards, const BuiltQuery& query,
                                       const PageRequest& page, const SearcherOptions& options,
                                       std::vector<Notice>& notices);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SHARD_SEARCH_H_

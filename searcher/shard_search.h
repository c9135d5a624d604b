// File: searcher/shard_search.h
// Searching several shards as one: opening the databases a request names
// (plain databases, stubs, sharded index folders), naming the shards that
// cannot be reached, and dropping a remote shard that stops answering in
// the middle of a search so that the others still give an answer.
#ifndef QUARRY_SEARCHER_SHARD_SEARCH_H_
#define QUARRY_SEARCHER_SHARD_SEARCH_H_

#include "common/cli/diagnostics.h"
#include "common/status.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/ranker.h"
#include "searcher/search_request.h"
#include "searcher/shard_set.h"

namespace quarry::searcher {

// Opens every database of `request`. Each unreachable shard is named in a
// warning on `diagnostics`; with request.require_all_shards it is an error
// (IoError) instead. Errors of ShardSet::Open otherwise.
StatusOr<ShardSet> OpenShards(const SearchRequest& request, Diagnostics& diagnostics);

// Rank() over `shards`. When the search fails while remote shards are part
// of it, the shards that no longer answer are dropped and named (an error
// under request.require_all_shards) and the search runs again over the
// rest; it fails only when no shard answers or for reasons other than the
// network.
StatusOr<RankedResults> RankOverShards(ShardSet& shards, const BuiltQuery& query,
                                       const SearchRequest& request, Diagnostics& diagnostics);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SHARD_SEARCH_H_

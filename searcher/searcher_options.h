// File: searcher/searcher_options.h
// What opens the index, given once to a Searcher (searcher.h) for its whole
// life: where the databases are and how to treat shards that cannot be
// reached. What a query asks is a SearchRequest (search_request.h).
#ifndef QUARRY_SEARCHER_SEARCHER_OPTIONS_H_
#define QUARRY_SEARCHER_SEARCHER_OPTIONS_H_

#include <string>
#include <vector>

#include "searcher/shard_set.h"

namespace quarry::searcher {

struct SearcherOptions {
  // One or more: databases, stub files or sharded index folders, searched
  // as one (ShardSet).
  std::vector<std::string> db_paths;
  ShardOpenOptions shards;
  // A shard that cannot be reached fails the search (IoError) instead of
  // being named in a warning of the page.
  bool require_all_shards = false;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCHER_OPTIONS_H_

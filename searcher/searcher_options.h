// File: searcher/searcher_options.h
// What opens the index, given once to a Searcher (searcher.h) for its whole
// life: where the databases are and how to treat shards that cannot be
// reached. What a query asks is a SearchRequest (search_request.h).
#ifndef QUARRY_SEARCHER_SEARCHER_OPTIONS_H_
#define QUARRY_SEARCHER_SEARCHER_OPTIONS_H_

#include <cstddef>
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
  // A shard that could not be reached is tried again by the first search
  // that starts at least this long after the last try (0: by every
  // search). Each try may cost that search up to the connect timeout.
  unsigned missing_shard_retry_ms = 5000;
  // How many open sessions (a Xapian handle on every shard, an analyzer) a
  // Searcher keeps between searches; searches running at once beyond that
  // open their own and close it after (searcher.h); 0: every search opens
  // the index.
  size_t max_idle_sessions = 16;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCHER_OPTIONS_H_

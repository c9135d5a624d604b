// File: searcher/search_request.h
// Everything one quarry-search run needs, validated; built by options.cc.
#ifndef QUARRY_SEARCHER_SEARCH_REQUEST_H_
#define QUARRY_SEARCHER_SEARCH_REQUEST_H_

#include <string>
#include <vector>

#include "searcher/rank/ranker.h"
#include "searcher/rank/snippet.h"
#include "searcher/render/printer.h"
#include "searcher/shard_set.h"

namespace quarry::searcher {

struct SearchRequest {
  // One or more: databases, stub files or sharded index folders, searched
  // as one.
  std::vector<std::string> db_paths;
  ShardOpenOptions shards;
  // A shard that cannot be reached fails the search instead of being named
  // in a warning.
  bool require_all_shards = false;
  std::string query;  // as typed: the words joined by spaces
  bool plain = false;    // --plain: no query syntax, every piece is a word
  bool explain = false;  // --explain: each term's share of each score
  // Long natural-language queries are expanded by pseudo-relevance feedback
  // (false: --no-expand, every query is searched exactly as written).
  bool expand = true;
  PageRequest page;
  PrinterOptions printer;
  SnippetOptions snippet;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_REQUEST_H_

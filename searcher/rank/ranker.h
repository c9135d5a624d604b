// File: searcher/rank/ranker.h
// Search flow, step 3: run a BuiltQuery with BM25, tier by tier, and return
// one page of hits as plain data.
#ifndef QUARRY_SEARCHER_RANK_RANKER_H_
#define QUARRY_SEARCHER_RANK_RANKER_H_

#include <xapian.h>

#include "common/status.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/hit.h"

namespace quarry::searcher {

struct PageRequest {
  size_t offset = 0;  // hits to skip
  size_t limit = 10;  // hits to return
};

// Ranks `query` over `db`. When the database changes underneath (a reindex
// committed), reopens it and retries, so each answer comes from one
// committed revision. DataLoss when Xapian cannot read the index.
StatusOr<RankedResults> Rank(Xapian::Database& db, const BuiltQuery& query, PageRequest page);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_RANKER_H_

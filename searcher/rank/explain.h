// File: searcher/rank/explain.h
// --explain: how each matched query term weighed in a result's score.
#ifndef QUARRY_SEARCHER_RANK_EXPLAIN_H_
#define QUARRY_SEARCHER_RANK_EXPLAIN_H_

#include <xapian.h>

#include "common/status.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/ranker.h"
#include "searcher/search_result.h"

namespace quarry::searcher {

// One TermContribution per index term of hit.matched_index_terms, in that
// order, with the figures BM25 uses and the weight the ranking's own
// weighting scheme (weighting.h) gives that term alone in that document;
// for a word added by feedback (query.expansion_terms), scaled as the query
// scaled it.
// REQUIRES: hit came from Rank(db, query). DataLoss when Xapian cannot read.
StatusOr<std::vector<TermContribution>> Explain(Xapian::Database& db, const BuiltQuery& query,
                                                const RankedHit& hit);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_EXPLAIN_H_

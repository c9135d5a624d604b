// File: searcher/search.h
// The search flow, start to end, over an open Session: parse -> build ->
// feedback -> rank -> spelling -> snippets, freshness, explanations -> a
// ResultPage. Read search.cc first. Nothing is printed: notes and warnings
// travel in the page.
#ifndef QUARRY_SEARCHER_SEARCH_H_
#define QUARRY_SEARCHER_SEARCH_H_

#include "common/status.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"
#include "searcher/session.h"

namespace quarry::searcher {

// Runs `request` over `session` and returns the page (for a limit of 0,
// the counts only: page.count_only). Notes (syntax read as
// plain words, a wildcard cut) and warnings (shards that could not be
// reached, feedback or spelling given up) are in page.notices; elapsed_ms
// is left for the caller. InvalidArgument for a query with nothing to
// search for; IoError when no shard answers (or one does not, under
// require_all_shards); DataLoss when the index cannot be read (also when
// the index was exchanged for a compacted copy under the session: opening
// it anew then reads the new one).
StatusOr<ResultPage> RunSearch(Session& session, const SearchRequest& request);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_H_

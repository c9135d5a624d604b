// File: searcher/search.h
// The search flow, start to end: open -> parse -> rank -> snippets -> render.
// Read search.cc first.
#ifndef QUARRY_SEARCHER_SEARCH_H_
#define QUARRY_SEARCHER_SEARCH_H_

#include <ostream>

#include "common/cli/diagnostics.h"
#include "common/status.h"
#include "searcher/search_request.h"

namespace quarry::searcher {

// Runs `request` and prints the page on `out`; notes (syntax read as plain
// words, a wildcard cut) and warnings (shards that could not be reached) go
// to `diagnostics`. Returns the number of hits printed; for a count only
// (page limit 0), the number of matching documents. NotFound for a
// missing index, InvalidArgument for a query with nothing to search for,
// FailedPrecondition/DataLoss for an index it cannot use, IoError when no
// shard answers (or one does not under --require-all-shards).
StatusOr<size_t> Search(const SearchRequest& request, std::ostream& out,
                        Diagnostics& diagnostics);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_H_

// File: searcher/query/spelling.h
// "Did you mean": a corrected query from the index's own vocabulary (the
// spelling data quarry-index records while indexing).
#ifndef QUARRY_SEARCHER_QUERY_SPELLING_H_
#define QUARRY_SEARCHER_QUERY_SPELLING_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/query/query_builder.h"

namespace quarry::searcher {

// The query with each plain word replaced by its normalized form, and the
// misspelt ones by the index's nearest word (at most two edits away). A
// word is corrected only when it has four letters or more and no digit, and
// the index does not know it or knows the correction far better. nullopt
// when no word changes. Whether the correction finds more is the caller's
// check. Xapian errors propagate.
std::optional<std::string> SuggestCorrection(const Xapian::Database& db, std::string_view query,
                                             const std::vector<QueryWord>& words);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_SPELLING_H_

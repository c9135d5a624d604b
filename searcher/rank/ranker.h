// File: searcher/rank/ranker.h
// Search flow, step 3: run a BuiltQuery, tier by tier (or by date), and
// return one page of hits as plain data.
#ifndef QUARRY_SEARCHER_RANK_RANKER_H_
#define QUARRY_SEARCHER_RANK_RANKER_H_

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "searcher/query/query_builder.h"
#include "searcher/search_request.h"
#include "searcher/search_result.h"

namespace quarry::searcher {

struct PageRequest {
  size_t offset = 0;  // hits to skip; at most kMaxPageOffset
  // Hits to return, at most kMaxPageLimit. 0 asks for the counts only:
  // each tier is then run until it finds one match, so that a count of 0
  // is exact (an estimate from term statistics alone may not be).
  size_t limit = 10;
  // kDate: newest first (ties by relevance). A filter-only query is always
  // listed newest first.
  SortOrder sort = SortOrder::kRelevance;
  // Whether hits carry the query terms they match (JSON, --explain): Xapian
  // reads each hit's term list for it, which costs as much as its text.
  bool with_matched_terms = true;
  // Whether hits carry their text data (for snippets). The fields a hit
  // shows are then read from the document data with it, one read per hit.
  bool with_text_data = false;
  // Whether hits carry the fields their documents declare (Hit::declared;
  // JSON): read from the document data too, one read per hit.
  bool with_declared_fields = false;
  // How many bytes of text data (stored_text.h) the page keeps at most; the
  // hits past that have none, and TakeTextData reads theirs again.
  size_t text_data_budget = 8 << 20;
};

// A hit as the ranker finds it: what a page shows, and what the rest of the
// search flow needs to finish it (its text, its explanation).
struct RankedHit {
  Hit hit;
  uint32_t docid = 0;  // the document's id in the database ranked (not stable across reopens)
  // The document's text data (common/index/stored_text.h), when the ranker
  // read it along with the fields of `hit` (PageRequest::with_text_data).
  std::optional<std::string> text_data;
  // Each index term of the query the document holds, with its query word.
  std::vector<std::pair<std::string, std::string>> matched_index_terms;  // {term, word}
};

struct RankedResults {
  std::vector<RankedHit> hits;
  uint64_t estimated_total = 0;       // estimated number of matching documents
  std::vector<uint64_t> tier_totals;  // estimated matches per tier
};

// Ranks `query` over `db`. When the database changes underneath (a reindex
// committed), reopens it and retries, so each answer comes from one
// committed revision. DataLoss when Xapian cannot read the index;
// InvalidArgument for an offset or limit above its maximum.
StatusOr<RankedResults> Rank(Xapian::Database& db, const BuiltQuery& query, PageRequest page);

// The text data of a hit (its stored text, encoded, or the marker of a
// text left in its file: common/index/stored_text.h): the one Rank kept,
// moved out of the hit, else read on its own. Reopens `db` like Rank when
// a reindex discards the revision; DataLoss when it cannot be read (the
// document was removed since it was ranked, for one).
StatusOr<std::string> TakeTextData(Xapian::Database& db, RankedHit& hit);

// How many documents the first tier (all the words) matches, counted
// exactly up to `at_least` (for comparing a query with its correction).
StatusOr<uint64_t> CountFirstTier(Xapian::Database& db, const BuiltQuery& query, uint64_t at_least);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_RANKER_H_

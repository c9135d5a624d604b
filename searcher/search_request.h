// File: searcher/search_request.h
// What one search asks, given per call to Searcher::Search (searcher.h): the
// query and how to read it, the page, and what each hit should carry. Where
// the index is comes once, when the Searcher opens it
// (searcher_options.h); how a page is shown is the front end's business.
#ifndef QUARRY_SEARCHER_SEARCH_REQUEST_H_
#define QUARRY_SEARCHER_SEARCH_REQUEST_H_

#include <cstddef>
#include <string>

namespace quarry::searcher {

enum class SortOrder { kRelevance, kDate };

inline constexpr size_t kDefaultPageLimit = 10;
inline constexpr size_t kDefaultSnippetBytes = 240;
// The largest offset and limit a page may ask for: together they stay
// within Xapian's 32-bit document counts.
inline constexpr size_t kMaxPageOffset = 1000000000;
inline constexpr size_t kMaxPageLimit = 1000000000;

struct SearchRequest {
  // As typed (a terminal's words joined by spaces). Its filters (path:,
  // ext:, date:) are part of it, in the query syntax (query/parser.h).
  std::string query;
  bool plain = false;  // no query syntax: every piece is a word
  // A relative path: filter is tried under this folder first (a terminal's
  // working folder), then under each indexed folder; empty: under the
  // indexed folders only.
  std::string path_base;

  size_t offset = 0;                  // hits to skip; at most kMaxPageOffset
  // Hits to return, at most kMaxPageLimit; 0 asks for the counts only
  // (ResultPage::count_only).
  size_t limit = kDefaultPageLimit;
  // kDate: newest first (ties by relevance). A query of filters only is
  // always listed newest first.
  SortOrder sort = SortOrder::kRelevance;

  // Length of each hit's snippet in bytes, roughly (cut at word
  // boundaries); 0: no snippets, and no hit's text is read at all.
  size_t snippet_bytes = kDefaultSnippetBytes;
  // Hits carry the query words they hold (Hit::matched_terms and
  // expansion_terms). Xapian reads each hit's term list for them, which
  // costs about as much as its text.
  bool matched_terms = false;
  // Hits carry what each document declares about itself (Hit::declared:
  // author, date, ...).
  bool declared_fields = false;
  // Hits carry each matched term's share of their score
  // (Hit::explanation); implies matched_terms.
  bool explain = false;
  // A long natural-language query is expanded by pseudo-relevance feedback
  // (rank/feedback.h); false: every query is searched exactly as written.
  bool expand = true;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_REQUEST_H_

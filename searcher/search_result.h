// File: searcher/search_result.h
// What a search returns: one page of hits, what was tried, a spelling
// suggestion, and the notes and warnings of the search, as plain values.
// Made by the search flow (searcher.h), read by every front end (the
// terminal printers in render/, a server). No Xapian type, stream or
// terminal notion appears here: a page can be kept, copied, printed in any
// format or sent elsewhere.
#ifndef QUARRY_SEARCHER_SEARCH_RESULT_H_
#define QUARRY_SEARCHER_SEARCH_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/index/document_fields.h"

namespace quarry::searcher {

// A passage of a hit's original text with the query's words marked.
struct Snippet {
  std::string text;  // a passage of the original text, whitespace collapsed
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges in `text`
  bool cut_before = false;  // the passage starts after the text's start
  bool cut_after = false;   // the passage ends before the text's end
};

// Whether the file changed since it was indexed (see rank/freshness.h).
enum class Freshness { kFresh, kChanged, kVanished, kUnknown };

// How one query term weighed in a hit's score (asked for by
// SearchRequest::explain), with the figures BM25 computes it from.
struct TermContribution {
  std::string term;            // as the query wrote it (normalized)
  std::string index_term;      // the index term that matched, e.g. "Zacquisit"
  uint32_t wdf = 0;            // occurrences in this document (title words count more)
  uint32_t doc_length = 0;     // words in this document
  double avg_length = 0;       // average words per document in the index
  uint64_t doc_count = 0;      // documents in the index (N)
  uint64_t term_docs = 0;      // documents holding the term (n)
  double idf = 0;              // BM25's inverse document frequency: log((N-n+.5)/(n+.5)), adjusted
  double weight = 0;           // the term's share of the score
  // A word added by pseudo-relevance feedback (not typed), whose weight was
  // scaled by `scale` (1 for the query's own words).
  bool expansion = false;
  double scale = 1.0;
};

// One ranked result.
struct Hit {
  size_t rank = 0;       // 1-based, across pages
  double score = 0;      // BM25 weight
  int percent = 0;       // Xapian's relative percentage
  std::string path;      // absolute path of the file
  std::string record_id; // record within the file; empty for whole files
  std::string title;
  int64_t mtime_ns = 0;  // modification time as indexed, ns since the epoch
  uint64_t size = 0;     // size in bytes as indexed
  // What the document declares about itself (author, date, ...), when the
  // ranker read its document data (PageRequest::with_declared_fields).
  DocumentFields declared;
  Snippet snippet;       // empty when no snippet was asked for or none could be read
  // Query words the document holds, in query order (filled when
  // SearchRequest::matched_terms or explain asks for them).
  std::vector<std::string> matched_terms;
  // Stems added by pseudo-relevance feedback that the document holds (never
  // in matched_terms: they were not typed).
  std::vector<std::string> expansion_terms;
  Freshness freshness = Freshness::kFresh;
  std::vector<TermContribution> explanation;  // filled when SearchRequest::explain
};

// One way of reading the query that was tried, and what it found.
struct Attempt {
  std::string what;     // "all the words", "any of the words", "the query"
  uint64_t total = 0;   // estimated matching documents
};

// A corrected query from the index's vocabulary ("did you mean").
struct Suggestion {
  std::string query;
  uint64_t total = 0;   // documents matching all its words
};

// Something a front end should tell the person who searched. A note says
// how the query was read (syntax read as plain words, a wildcard cut to its
// most frequent words); a warning says the answer may be incomplete (a
// shard unreachable, feedback or spelling skipped after an error).
struct Notice {
  enum class Severity { kNote, kWarning };
  Severity severity = Severity::kNote;
  std::string message;  // one line, without the program's name
  bool operator==(const Notice&) const = default;
};

struct ResultPage {
  std::string query;             // as the user typed it
  uint64_t estimated_total = 0;  // estimated number of matching documents
  size_t offset = 0;             // hits skipped before this page
  double elapsed_ms = 0;         // time spent searching, in process
  std::vector<Hit> hits;
  std::vector<Attempt> tried;    // each tier of the query, in order
  std::optional<Suggestion> suggestion;
  bool explain = false;          // hits carry explanations to show
  // Only the count was asked for (limit 0): no hits, and none missing.
  bool count_only = false;
  // Stems pseudo-relevance feedback added to a long query, strongest first;
  // empty when the query was searched as written.
  std::vector<std::string> expanded_with;
  // In the order they arose.
  std::vector<Notice> notices;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_RESULT_H_

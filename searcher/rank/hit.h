// File: searcher/rank/hit.h
// One ranked result, as plain data: no Xapian type goes past the ranker.
#ifndef QUARRY_SEARCHER_RANK_HIT_H_
#define QUARRY_SEARCHER_RANK_HIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/index/document_fields.h"

namespace quarry::searcher {

struct Snippet {
  std::string text;  // a passage of the original text, whitespace collapsed
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges in `text`
  bool cut_before = false;  // the passage starts after the text's start
  bool cut_after = false;   // the passage ends before the text's end
};

// Whether the file changed since it was indexed (see freshness.h).
enum class Freshness { kFresh, kChanged, kVanished, kUnknown };

// How one query term weighed in a result's score (--explain), with the
// figures BM25 computes it from.
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

struct Hit {
  size_t rank = 0;       // 1-based, across pages
  double score = 0;      // BM25 weight
  int percent = 0;       // Xapian's relative percentage
  uint32_t docid = 0;    // the document's id in the index (for --explain)
  std::string path;      // absolute path of the file
  std::string record_id; // record within the file; empty for whole files
  std::string title;
  int64_t mtime_ns = 0;
  uint64_t size = 0;
  // What the document declares about itself (author, date, ...), when the
  // ranker read its document data (PageRequest).
  DocumentFields declared;
  // The document's text data (common/index/stored_text.h), when the ranker
  // read it along with the fields above (PageRequest::with_text_data).
  std::optional<std::string> text_data;
  Snippet snippet;
  std::vector<std::string> matched_terms;  // query words the document holds
  // Stems added by pseudo-relevance feedback that the document holds (never
  // in matched_terms: they were not typed).
  std::vector<std::string> expansion_terms;
  // Each index term of the query the document holds, with its query word.
  std::vector<std::pair<std::string, std::string>> matched_index_terms;  // {term, word}
  Freshness freshness = Freshness::kFresh;
  std::vector<TermContribution> explanation;     // filled for --explain only
};

struct RankedResults {
  std::vector<Hit> hits;
  uint64_t estimated_total = 0;  // estimated number of matching documents
  std::vector<uint64_t> tier_totals;  // estimated matches per tier
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_HIT_H_

// File: searcher/rank/hit.h
// One ranked result, as plain data: no Xapian type goes past the ranker.
#ifndef QUARRY_SEARCHER_RANK_HIT_H_
#define QUARRY_SEARCHER_RANK_HIT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace quarry::searcher {

struct Snippet {
  std::string text;  // a passage of the original text, whitespace collapsed
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges in `text`
  bool cut_before = false;  // the passage starts after the text's start
  bool cut_after = false;   // the passage ends before the text's end
};

struct Hit {
  size_t rank = 0;       // 1-based, across pages
  double score = 0;      // BM25 weight
  int percent = 0;       // Xapian's relative percentage
  std::string path;      // absolute path of the file
  std::string record_id; // record within the file; empty for whole files
  std::string title;
  int64_t mtime_ns = 0;
  uint64_t size = 0;
  std::string text;      // stored text, for the snippet
  Snippet snippet;
};

struct RankedResults {
  std::vector<Hit> hits;
  uint64_t estimated_total = 0;  // estimated number of matching documents
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_HIT_H_

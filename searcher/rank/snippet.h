// File: searcher/rank/snippet.h
// Search flow, step 4: the best passage of a hit's original text, with the
// query's words highlighted. Matching uses the shared Analyzer's tokens and
// byte ranges, so "Café" in the text is highlighted for a query "cafe".
#ifndef QUARRY_SEARCHER_RANK_SNIPPET_H_
#define QUARRY_SEARCHER_RANK_SNIPPET_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"
#include "searcher/rank/hit.h"

namespace quarry::searcher {

struct SnippetOptions {
  size_t max_bytes = 240;          // length of the passage, roughly
  size_t scan_bytes = 1 << 20;     // how much of a long text is searched for it
};

// What to highlight: a word matches when its stem is one of `stems`, or when
// it starts with one of `prefixes` (wildcards; normalized, unstemmed).
struct SnippetTerms {
  std::vector<std::string> stems;
  std::vector<std::string> prefixes;
};

// The passage of at most about `options.max_bytes` bytes holding the most
// distinct query words (then the most matches, then the earliest), cut at
// word boundaries. Without any match, the start of the text.
//
// Speed: the analyzer reads the text's first kHeadBytes; past that, only
// short windows around places where a query word may start (a
// case-insensitive byte search for its first letters) are analyzed, so a
// 1 MiB text costs a byte scan, not a full analysis. Matches that share no
// leading ASCII letters with the query word (e.g. a full-width form) are
// therefore only found in the head.
Snippet MakeSnippet(std::string_view text, Analyzer& analyzer, const SnippetTerms& terms,
                    const SnippetOptions& options);

// Bytes of a text always analyzed in full.
inline constexpr size_t kHeadBytes = 8 << 10;

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_SNIPPET_H_

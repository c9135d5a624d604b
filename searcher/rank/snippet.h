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
  size_t scan_bytes = 256 << 10;   // how much of a long text is searched for it
};

// The passage of at most about `options.max_bytes` bytes holding the most
// distinct query words (then the most matches), cut at word boundaries.
// A word matches when its stem is one of `stems` (the query's). Without any
// match, the start of the text.
Snippet MakeSnippet(std::string_view text, Analyzer& analyzer,
                    const std::vector<std::string>& stems, const SnippetOptions& options);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_SNIPPET_H_

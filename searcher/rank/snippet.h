// File: searcher/rank/snippet.h
// Search flow, step 4: the best passage of a hit's original text, with the
// query's words highlighted. Matching uses the shared Analyzer's tokens and
// byte ranges, so "Café" in the text is highlighted for a query "cafe".
#ifndef QUARRY_SEARCHER_RANK_SNIPPET_H_
#define QUARRY_SEARCHER_RANK_SNIPPET_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"
#include "searcher/search_result.h"

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
// Speed: a 1 MiB text must not be analyzed whole for a snippet. A byte scan
// finds where each query word may start (its first three letters, case
// folded, when they are ASCII). A plain ASCII word there is matched
// directly (its term is its lower case); a joined form (snake_case,
// e-mail, camelCase, C++) is analyzed with the text around it up to the
// nearest spaces. The scan stops after the first passage holding every
// word close together (or kMaxWindows analyses). So a match that shares no
// leading ASCII letters with the query word (a full-width or ligature
// form) is not highlighted. For a query word in another script, the first
// kFullScanBytes are analyzed instead. A compound matches by any of its
// parts and is highlighted whole.
Snippet MakeSnippet(std::string_view text, Analyzer& analyzer, const SnippetTerms& terms,
                    const SnippetOptions& options);

// MakeSnippet for many texts with the same query: what it learns about
// words (which query word each matches) carries over from one text to the
// next, which makes the snippets of a result page cheaper.
class SnippetMaker {
 public:
  SnippetMaker(Analyzer& analyzer, const SnippetTerms& terms, const SnippetOptions& options);
  ~SnippetMaker();
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;

  Snippet Make(std::string_view text);

  // Make() from the first bytes of a longer text, when they are enough: the
  // passage with every query word close together lies within them (then
  // Make() on the whole text gives the same snippet). nullopt otherwise.
  // A search reads the start of each hit's text first, and the rest only
  // when this says so.
  std::optional<Snippet> MakeFromStart(std::string_view start);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// How much of a text is analyzed when the query has a non-ASCII word.
inline constexpr size_t kFullScanBytes = 64 << 10;

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_SNIPPET_H_

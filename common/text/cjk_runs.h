// File: common/text/cjk_runs.h
// Where the analyzer's words can be found without its Chinese, Japanese and
// Korean dictionaries: the pieces of a text around runs of Han, kana and
// Hangul characters that the word rules always set apart.
//
// Why: ICU segments such runs with dictionaries whose first use costs a
// process about 1 ms, more than a whole search. A snippet for a query of
// ASCII words never matches inside such a run, so it analyzes the pieces
// around it instead (searcher/rank/snippet.cc).
#ifndef QUARRY_COMMON_TEXT_CJK_RUNS_H_
#define QUARRY_COMMON_TEXT_CJK_RUNS_H_

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace quarry {

// The byte ranges [begin, end) of `text` outside its set-apart runs, in
// order: a run is a longest sequence of Han (U+3400-U+4DBF,
// U+4E00-U+9FFF), hiragana (U+3041-U+3096), katakana (U+30A1-U+30FA) and
// Hangul syllables (U+AC00-U+D7A3) whose neighbours are the text's ends,
// ASCII other than '_', or CJK punctuation that joins nothing (、。，（）：；「」“”).
// Contract, held by tests/unit/common/cjk_runs_test.cc against the
// analyzer: Analyzer::Tokenize of each range gives, at the same byte
// offsets, exactly the tokens Tokenize of the whole text gives there, and
// every other token of the whole text lies inside a run (its term is not
// ASCII). The whole text as one range when it has no such run.
std::vector<std::pair<size_t, size_t>> PiecesOutsideCjkRuns(std::string_view text);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_CJK_RUNS_H_

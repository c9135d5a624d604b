// File: searcher/rank/ranking_config.h (header only: the query builder and
// the weighting both read it)
// Every ranking parameter of quarry-search in one place, with the experiment
// that chose it. bench/README.md has the full table: a value becomes the
// default only when it helps on all seven collections of eval/, measured
// with bench/relevance.py. Index-side choices that affect ranking (the
// title's weight, stemming) are noted here too, though they live where the
// terms are made.
#ifndef QUARRY_SEARCHER_RANK_RANKING_CONFIG_H_
#define QUARRY_SEARCHER_RANK_RANKING_CONFIG_H_

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

namespace quarry::searcher::ranking {

// BM25 (Xapian::BM25Weight). k1: how fast repeated words stop adding
// weight; b: how much long documents are penalized. Xapian's defaults,
// k1 = 1 and b = 0.5, are kept: k1 = 1.2 raised the mean nDCG@10 (0.514 ->
// 0.518) but lowered NPL, CACM and TIME, and b = 0.75 lowered NPL.
inline constexpr double kBm25K1 = 1.0;
inline constexpr double kBm25B = 0.5;
// Weight of a word repeated in the query: (k3 + 1) * n / (k3 + n) times
// that of a word typed once (Xapian's default k3). Long queries (a
// paragraph pasted as a query) repeat their important words: counting
// repeats raised nDCG@10 on CISI by 0.03, CACM 0.03, LISA 0.045.
inline constexpr double kBm25K3 = 1.0;
// Documents shorter than this fraction of the average length count as that
// long (Xapian's default).
inline constexpr double kBm25MinNormLen = 0.5;
// BM25+ (a floor added to each matching word) was tried and lowered
// nDCG@10 on every collection; plain BM25 is used.

// Natural-language queries of up to this many distinct words rank the
// documents holding all of them first (then those with some), which is
// what a user typing a few words expects. Longer queries are one ranked
// OR: few documents hold every word of a pasted paragraph. On the seven
// collections (queries of 11 to 80 words) tiering changed nDCG@10 by at
// most 0.002 either way.
inline constexpr size_t kMaxTieredWords = 4;

// English function words dropped from natural-language queries, unless
// every word is one of them ("to be or not to be" is searched as typed).
// They match most documents and, in long queries, outweigh the words that
// matter: dropping them raised nDCG@10 on six collections (CISI +0.044,
// LISA +0.047, CACM +0.042) and left MED unchanged. Documents keep them
// (quoted phrases still find them). Must be sorted (binary search).
inline constexpr std::string_view kQueryStopWords[] = {
    "a",       "about",   "above",   "after",      "again",    "against", "all",    "am",
    "an",      "and",     "any",     "are",        "as",       "at",      "be",     "because",
    "been",    "before",  "being",   "below",      "between",  "both",    "but",    "by",
    "can",     "could",   "did",     "do",         "does",     "doing",   "down",   "during",
    "each",    "few",     "for",     "from",       "further",  "had",     "has",    "have",
    "having",  "he",      "her",     "here",       "hers",     "herself", "him",    "himself",
    "his",     "how",     "i",       "if",         "in",       "into",    "is",     "it",
    "its",     "itself",  "me",      "more",       "most",     "my",      "myself", "no",
    "nor",     "not",     "of",      "off",        "on",       "once",    "only",   "or",
    "other",   "our",     "ours",    "ourselves",  "out",      "over",    "own",    "same",
    "she",     "should",  "so",      "some",       "such",     "than",    "that",   "the",
    "their",   "theirs",  "them",    "themselves", "then",     "there",   "these",  "they",
    "this",    "those",   "through", "to",         "too",      "under",   "until",  "up",
    "very",    "was",     "we",      "were",       "what",     "when",    "where",  "which",
    "while",   "who",     "whom",    "why",        "will",     "with",    "would",  "you",
    "your",    "yours",   "yourself", "yourselves",
};

// True when `word` (normalized: case-folded) is in kQueryStopWords.
inline bool IsQueryStopWord(std::string_view word) {
  return std::binary_search(std::begin(kQueryStopWords), std::end(kQueryStopWords), word);
}

}  // namespace quarry::searcher::ranking

#endif  // QUARRY_SEARCHER_RANK_RANKING_CONFIG_H_

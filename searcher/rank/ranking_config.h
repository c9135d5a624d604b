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

#include <cstddef>
#include <cstdint>

namespace quarry::searcher::ranking {

// BM25 (Xapian::BM25Weight). k1: how fast repeated words stop adding
// weight; b: how much long documents are penalized. k1 = 1.2 (Xapian's
// default is 1) raised nDCG@10 on six collections (LISA +0.015, mean
// 0.516 -> 0.520) and left NPL within 0.0013; higher k1 raised the mean
// further but lowered NPL more (k1 = 1.4: -0.002, 1.6: -0.011). b = 0.5
// (Xapian's default) beat 0.3, 0.4, 0.6 and 0.75 with every k1 tried.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.5;
// Weight of a word repeated n times in the query: (k3 + 1) * n / (k3 + n)
// times that of a word typed once. Long queries (a paragraph pasted as a
// query) repeat their important words: counting repeats (k3 = 1, Xapian's
// default) raised nDCG@10 on CISI by 0.03, CACM 0.03, LISA 0.045; k3 = 1.5
// (a word typed twice weighs 1.43, not 1.33) added +0.0035 to the mean
// with feedback on (CISI +0.013, CACM +0.009, none lower by more than
// 0.001). Larger k3 raised CISI and LISA more but lowered MED (k3 = 2:
// -0.006, 5: -0.016).
inline constexpr double kBm25K3 = 1.5;
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

// Pseudo-relevance feedback (searcher/rank/feedback.h): a query of plain
// words gains the kFeedbackTerms stems that best characterize its top
// kFeedbackDocs documents (Xapian's expansion set), the strongest scaled by
// kFeedbackWeight, the others in proportion, and is ranked again. On top
// of k1 = 1.2 it raised nDCG@10 by 0.005 on average (MED +0.018, Cranfield
// +0.011, NPL +0.009; CACM -0.004, TIME -0.0015) and NPL's MAP from 0.297
// to 0.304. More words or more weight helped the long-query collections
// less than they cost TIME and CACM (20 stems at 0.3: TIME -0.014); 5, 12
// or 15 documents did worse than 10; weighting all added stems alike,
// Xapian's Bo1 expansion weights, other powers of the expansion weight,
// and feeding back only documents scoring at least half the best were
// worse.
// It applies from kFeedbackMinWords words (after function words). A long
// query (more than kMaxTieredWords) is one ranked OR, which the added
// stems widen: they find documents that say the same thing in other words.
// A query of three or four words keeps its tiers (documents with all the
// words first) and its matches: the added stems only reorder the documents
// within each tier, which a user typing a few words still sees as searched
// exactly. That raised NPL's MAP from 0.3035 to 0.3070 and the mean
// nDCG@10 from 0.5286 to 0.5291 (MED +0.003, CACM +0.003, NPL +0.002;
// TIME -0.004, one query's relevant document from first to third). From
// four words it gained less (NPL MAP 0.3047; TIME as low); from two, CACM
// fell 0.005 below it ("parallel algorithms"). Dropping the tiers of such
// queries and widening them instead was no better.
inline constexpr size_t kFeedbackMinWords = 3;
inline constexpr size_t kFeedbackDocs = 10;
inline constexpr size_t kFeedbackTerms = 10;
inline constexpr double kFeedbackWeight = 0.2;
// Feedback reads every word of the top documents' term lists: on the
// linux-doc tree (documents of 1,460 words on average, up to 87,000) that
// made three- and four-word queries take 8.9 ms at the 99th percentile
// instead of 1.9 (bench/search_latency.sh's 24 queries, in-process). So a
// query whose top documents hold more than this many words together (the
// index's document lengths) is searched as typed: p99 2.0 ms. In the test
// collections that changed one TIME query (TIME nDCG@10 0.7475 -> 0.7474,
// MAP 0.6822 -> 0.6820; every other figure the same); 60,000 still left
// linux-doc's p99 at 5.9 ms.
inline constexpr uint64_t kFeedbackMaxWords = 20000;
// Feedback ranks twice and reads the top documents' term lists: NPL's
// queries of three and four words took 3.4 instead of 1.8 ms (median).
// One word is a single tier, which feedback would widen like a long query.
static_assert(kFeedbackMinWords >= 2, "a one-word query must be searched as typed");

// English function words are dropped from natural-language queries, unless
// every word is one of them ("to be or not to be" is searched as typed):
// they match most documents and, in long queries, outweigh the words that
// matter. Documents keep them (quoted phrases still find them). The list is
// the index's stop words plus more function words of the index's language,
// kept with them in common/text/stop_words.cc (QueryStopWordList).
// A first list of 124 function words (the index's 49 English stop words
// among them) raised nDCG@10 on six collections (CISI +0.044, LISA +0.047,
// CACM +0.042; MED unchanged); 93 more general function words ("however",
// "upon", "whether", "must") added +0.0035 to the mean, no collection lower.

}  // namespace quarry::searcher::ranking

#endif  // QUARRY_SEARCHER_RANK_RANKING_CONFIG_H_

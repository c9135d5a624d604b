// File: searcher/rank/feedback.h
// Pseudo-relevance feedback for natural-language queries: the best
// documents of a first ranking are taken as relevant, the words that
// characterize them (Xapian's expansion set) are added to the query at a
// fraction of its weight, and the query is ranked again. It finds (or, for a
// query of a few words, ranks higher) documents that describe the same
// thing in other words; see bench/README.md for the
// figures behind every parameter (ranking_config.h).
#ifndef QUARRY_SEARCHER_RANK_FEEDBACK_H_
#define QUARRY_SEARCHER_RANK_FEEDBACK_H_

#include <xapian.h>

#include "common/status.h"
#include "searcher/query/query_builder.h"

namespace quarry::searcher {

// When query.expandable, takes the query's top ranking::kFeedbackDocs
// documents over `db` (tier by tier, as ranked) as relevant and adds up to
// ranking::kFeedbackTerms stemmed words they hold (never the query's own),
// each scaled by ranking::kFeedbackWeight times its expansion weight over
// the strongest one's (so at most kFeedbackWeight). A query of one tier (a
// long one: a ranked OR) gains them as alternatives, which may find more
// documents; a tiered query (a few words: all of them first) gains them in
// every tier as weight only (AND_MAYBE), so each tier keeps exactly its
// documents and only their order changes. Records the words in
// query.expansion_terms, expansion_words and term_labels, and says so in
// the tier names. Leaves every other query, and one that matches nothing,
// unchanged. DataLoss when Xapian cannot read the index.
Status ExpandWithFeedback(Xapian::Database& db, BuiltQuery& query);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_FEEDBACK_H_

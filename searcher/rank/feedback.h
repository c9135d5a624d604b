// File: searcher/rank/feedback.h
// Pseudo-relevance feedback for long natural-language queries: the best
// documents of a first ranking are taken as relevant, the words that
// characterize them (Xapian's expansion set) are added to the query at a
// fraction of its weight, and the query is ranked again. It finds documents
// that describe the same thing in other words; see bench/README.md for the
// figures behind every parameter (ranking_config.h).
#ifndef QUARRY_SEARCHER_RANK_FEEDBACK_H_
#define QUARRY_SEARCHER_RANK_FEEDBACK_H_

#include <xapian.h>

#include "common/status.h"
#include "searcher/query/query_builder.h"

namespace quarry::searcher {

// When query.expandable, ranks query.tiers[0] over `db`, takes its top
// ranking::kFeedbackDocs documents as relevant and ORs into tiers[0] up to
// ranking::kFeedbackTerms stemmed words they hold (never the query's own),
// each scaled by ranking::kFeedbackWeight times its expansion weight over
// the strongest one's (so at most kFeedbackWeight). Records them in query.expansion_terms,
// expansion_words and term_labels, and says so in the tier's name. Leaves
// every other query, and one that matches nothing, unchanged. DataLoss
// when Xapian cannot read the index.
Status ExpandWithFeedback(Xapian::Database& db, BuiltQuery& query);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_FEEDBACK_H_

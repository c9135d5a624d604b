// File: searcher/rank/weighting.h
// The one place the ranking formula and its parameters are chosen. Ranking
// and --explain both take their weights from here, so they always agree.
#ifndef QUARRY_SEARCHER_RANK_WEIGHTING_H_
#define QUARRY_SEARCHER_RANK_WEIGHTING_H_

#include <xapian.h>

#include <memory>

namespace quarry::searcher {

// The weighting scheme every search uses (BM25 with Xapian's defaults until
// tuned; see bench/README.md for the experiments behind any change).
std::unique_ptr<Xapian::Weight> MakeWeighting();

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_WEIGHTING_H_

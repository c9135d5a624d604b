// File: searcher/rank/freshness.h
// Whether a result's file still is what the index saw: one stat per shown
// result, nothing more.
#ifndef QUARRY_SEARCHER_RANK_FRESHNESS_H_
#define QUARRY_SEARCHER_RANK_FRESHNESS_H_

#include "searcher/rank/hit.h"

namespace quarry::searcher {

// kChanged when the file's modification time or size differ from the
// indexed ones; kVanished when it cannot be found any more.
Freshness CheckFreshness(const Hit& hit);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_FRESHNESS_H_

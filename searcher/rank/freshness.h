// File: searcher/rank/freshness.h
// Whether a result's file still is what the index saw: one stat per shown
// result at most, nothing more (a result whose snippet was just read from
// its file, found as indexed, needs none: searcher/rank/hit_text.h).
#ifndef QUARRY_SEARCHER_RANK_FRESHNESS_H_
#define QUARRY_SEARCHER_RANK_FRESHNESS_H_

#include <sys/stat.h>

#include "searcher/search_result.h"

namespace quarry::searcher {

// kChanged when the file's modification time or size differ from the
// indexed ones; kVanished when it cannot be found any more.
Freshness CheckFreshness(const Hit& hit);

// Whether a stat of the hit's file shows the modification time and size
// the index recorded.
bool IsAsIndexed(const struct stat& st, const Hit& hit);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_FRESHNESS_H_

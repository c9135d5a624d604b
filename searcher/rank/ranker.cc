#include "searcher/rank/ranker.h"

#include "common/index/schema.h"

namespace quarry::searcher {

namespace {

Hit ToHit(const Xapian::MSetIterator& it, size_t rank) {
  Hit hit;
  Xapian::Document doc = it.get_document();
  hit.rank = rank;
  hit.score = it.get_weight();
  hit.percent = it.get_percent();
  hit.path = doc.get_value(schema::kPathSlot);
  hit.record_id = doc.get_value(schema::kRecordSlot);
  hit.title = doc.get_value(schema::kTitleSlot);
  hit.mtime_ns = schema::DecodeTime(doc.get_value(schema::kMtimeSlot));
  hit.size = schema::DecodeUint64(doc.get_value(schema::kSizeSlot));
  hit.text = doc.get_data();
  return hit;
}

RankedResults RankOnce(Xapian::Database& db, const BuiltQuery& query, PageRequest page) {
  RankedResults results;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  // Position within the concatenation of the tiers.
  size_t skip = page.offset;
  for (const Xapian::Query& tier : query.tiers) {
    enquire.set_query(tier);
    size_t want = page.limit - std::min(page.limit, results.hits.size());
    // Counting exactly up to skip + want tells how many hits this tier has
    // when it runs out before the page is full.
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(skip),
                                         static_cast<Xapian::doccount>(want),
                                         static_cast<Xapian::doccount>(skip + want + 1));
    results.estimated_total += mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      results.hits.push_back(ToHit(it, page.offset + results.hits.size() + 1));
    }
    size_t tier_total = mset.get_matches_lower_bound();
    skip = skip > tier_total ? skip - tier_total : 0;
  }
  return results;
}

}  // namespace

StatusOr<RankedResults> Rank(Xapian::Database& db, const BuiltQuery& query, PageRequest page) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      return RankOnce(db, query, page);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) return DataLossError("the index kept changing during the search");
      try {
        db.reopen();
      } catch (const Xapian::Error& e) {
        return DataLossError("cannot reopen the index: " + e.get_description());
      }
    } catch (const Xapian::Error& e) {
      return DataLossError("search failed: " + e.get_description());
    }
  }
}

}  // namespace quarry::searcher

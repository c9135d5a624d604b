#include "searcher/rank/ranker.h"

#include <algorithm>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "searcher/rank/weighting.h"

namespace quarry::searcher {

namespace {

// The query word an index term stands for; a wildcard's expansions are
// words of the index, shown without their field prefix.
std::string LabelOf(const BuiltQuery& query, const std::string& term) {
  auto it = query.term_labels.find(term);
  if (it != query.term_labels.end()) return it->second;
  size_t start = 0;
  while (start < term.size() && term[start] >= 'A' && term[start] <= 'Z') ++start;
  return term.substr(start);
}

// The text data of document data `data`, which ends it: the data itself
// without the fields in front, not a copy.
std::string WithoutFields(std::string data, size_t text_data_size) {
  data.erase(0, data.size() - text_data_size);
  return data;
}

// The fields a hit shows, from the front of the document data when it
// holds them (and its text data, while `budget` lasts), else from the value
// slots.
void ReadShownFields(const Xapian::Document& doc, const PageRequest& page, size_t& budget,
                     RankedHit& ranked) {
  Hit& hit = ranked.hit;
  if (page.with_text_data || page.with_declared_fields) {
    std::string data = doc.get_data();
    StatusOr<SplitData> split = SplitDocumentData(data);
    if (split.ok()) {
      const bool has_fields = split->fields.has_value();
      if (has_fields) {
        hit.path = std::move(split->fields->path);
        hit.title = std::move(split->fields->title);
        hit.record_id = std::move(split->fields->record_id);
        hit.mtime_ns = split->fields->mtime_ns;
        hit.size = split->fields->size;
        hit.declared = std::move(split->fields->declared);
      }
      if (page.with_text_data && split->text_data.size() <= budget) {
        budget -= split->text_data.size();
        ranked.text_data = WithoutFields(std::move(data), split->text_data.size());
      }
      if (has_fields) return;
    }
  }
  hit.path = doc.get_value(schema::kPathSlot);
  hit.record_id = doc.get_value(schema::kRecordSlot);
  hit.title = doc.get_value(schema::kTitleSlot);
  hit.mtime_ns = schema::DecodeTime(doc.get_value(schema::kMtimeSlot));
  hit.size = schema::DecodeUint64(doc.get_value(schema::kSizeSlot));
}

RankedHit ToHit(const Xapian::Enquire& enquire, const BuiltQuery& query,
                const Xapian::MSetIterator& it, size_t rank, const PageRequest& page, size_t& budget) {
  RankedHit ranked;
  ranked.docid = *it;
  Hit& hit = ranked.hit;
  hit.rank = rank;
  hit.score = it.get_weight();
  hit.percent = it.get_percent();
  ReadShownFields(it.get_document(), page, budget, ranked);
  if (!page.with_matched_terms) return ranked;
  for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
    std::string label = LabelOf(query, *t);
    ranked.matched_index_terms.emplace_back(*t, label);
    if (query.expansion_terms.count(*t) != 0) {
      hit.expansion_terms.push_back(label);
      continue;
    }
    if (!label.empty() && std::find(hit.matched_terms.begin(), hit.matched_terms.end(), label) ==
                              hit.matched_terms.end()) {
      hit.matched_terms.push_back(label);
    }
  }
  // In the order the query gave them (wildcard expansions last).
  auto position = [&](const std::string& label) {
    return std::find(query.labels.begin(), query.labels.end(), label) - query.labels.begin();
  };
  std::stable_sort(hit.matched_terms.begin(), hit.matched_terms.end(),
                   [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
  return ranked;
}

RankedResults RankOnce(Xapian::Database& db, const BuiltQuery& query, PageRequest page) {
  RankedResults results;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(*MakeWeighting());
  std::vector<Xapian::Query> tiers = query.tiers;
  if (page.sort == SortOrder::kDate || query.filter_only) {
    // One list by date: the tiers are disjoint, so their union is every match.
    // (Documents written before schema version 4 have no date slot and
    // come last, until their files are read again.)
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, /*reverse=*/true);
    tiers = {Xapian::Query(Xapian::Query::OP_OR, query.tiers.begin(), query.tiers.end())};
  }
  // Position within the concatenation of the tiers.
  size_t skip = page.offset;
  size_t budget = page.text_data_budget;
  for (const Xapian::Query& tier : tiers) {
    enquire.set_query(tier);
    size_t want = page.limit - std::min(page.limit, results.hits.size());
    // Counting exactly up to skip + want tells how many hits this tier has
    // when it runs out before the page is full. Once the page is full, a
    // later tier is only estimated (from its terms' frequencies): counting
    // even one match of it would make Xapian run the whole match, the
    // dearest part of a search. A page of counts only (limit 0) pays it,
    // once per tier, so that a tier without matches counts 0.
    size_t check = want == 0 ? (page.limit == 0 ? 1 : 0) : skip + want + 1;
    // Such a tier returns no hit, so it needs no weights: without them
    // Xapian reads no statistics for its terms and sets up no weighting,
    // which was a tenth of a terminal search's CPU time (the same estimate).
    if (want == 0) enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(skip),
                                         static_cast<Xapian::doccount>(want),
                                         static_cast<Xapian::doccount>(check));
    results.estimated_total += mset.get_matches_estimated();
    results.tier_totals.push_back(mset.get_matches_estimated());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      results.hits.push_back(
          ToHit(enquire, query, it, page.offset + results.hits.size() + 1, page, budget));
    }
    size_t tier_total = mset.get_matches_lower_bound();
    skip = skip > tier_total ? skip - tier_total : 0;
  }
  return results;
}

}  // namespace

StatusOr<RankedResults> Rank(Xapian::Database& db, const BuiltQuery& query, PageRequest page) {
  if (page.offset > kMaxPageOffset || page.limit > kMaxPageLimit) {
    return InvalidArgumentError("a page is at most " + std::to_string(kMaxPageLimit) + " results from at most " +
                                std::to_string(kMaxPageOffset) + " on");
  }
  RankedResults results;
  QUARRY_RETURN_IF_ERROR(
      ReadWithReopen(db, "search failed", [&] { results = RankOnce(db, query, page); }));
  return results;
}

StatusOr<std::string> TakeTextData(Xapian::Database& db, RankedHit& hit) {
  if (hit.text_data) {
    std::string data = std::move(*hit.text_data);
    hit.text_data.reset();
    return data;
  }
  std::string data;
  QUARRY_RETURN_IF_ERROR(ReadWithReopen(db, "cannot read the text of " + hit.hit.path,
                                        [&] { data = db.get_document(hit.docid).get_data(); }));
  QUARRY_ASSIGN_OR_RETURN(SplitData split, SplitDocumentData(data));
  return WithoutFields(std::move(data), split.text_data.size());
}

StatusOr<uint64_t> CountFirstTier(Xapian::Database& db, const BuiltQuery& query, uint64_t at_least) {
  uint64_t count = 0;
  QUARRY_RETURN_IF_ERROR(ReadWithReopen(db, "search failed", [&] {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query.tiers.front());
    count = enquire.get_mset(0, 0, static_cast<Xapian::doccount>(at_least)).get_matches_estimated();
  }));
  return count;
}

}  // namespace quarry::searcher

#include "searcher/rank/feedback.h"

#include <set>
#include <string>
#include <vector>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/term_builder.h"
#include "searcher/rank/ranking_config.h"
#include "searcher/rank/weighting.h"

namespace quarry::searcher {

namespace {

// Only stemmed words, and only those the query does not already hold: not
// field terms, n-grams or unstemmed words (the stems stand for them).
class StemDecider : public Xapian::ExpandDecider {
 public:
  explicit StemDecider(std::set<std::string> query_terms) : query_terms_(std::move(query_terms)) {}

  bool operator()(const std::string& term) const override {
    if (!term.starts_with(schema::kStemPrefix)) return false;
    // A stem is the prefix and a word, never another prefix; and not a
    // number's, which an index written before numbers lost their Z terms
    // still holds (the query has the number unstemmed).
    const std::string_view word = std::string_view(term).substr(schema::kStemPrefix.size());
    if (!schema::IsWordTerm(word) || !HasStemTerm(word)) return false;
    return query_terms_.count(term) == 0;
  }

 private:
  std::set<std::string> query_terms_;
};

struct Expansion {
  std::vector<Xapian::Query> tiers;                   // the query's tiers, expanded
  std::vector<std::pair<std::string, double>> terms;  // added term, scale; strongest first
};

// The query's top ranking::kFeedbackDocs documents in the order the user
// sees them: the first tier's best, then the next tier's.
// Also adds up their lengths (in words) into `length`.
Xapian::RSet TopDocuments(const Xapian::Database& db, Xapian::Enquire& enquire,
                          const std::vector<Xapian::Query>& tiers, uint64_t& length) {
  Xapian::RSet rset;
  for (const Xapian::Query& tier : tiers) {
    const auto have = static_cast<Xapian::doccount>(rset.size());
    if (have >= ranking::kFeedbackDocs) break;
    enquire.set_query(tier);
    Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(ranking::kFeedbackDocs) - have);
    for (auto it = top.begin(); it != top.end(); ++it) {
      rset.add_document(*it);
      length += db.get_doclength(*it);
    }
  }
  return rset;
}

Expansion Expand(Xapian::Database& db, const std::vector<Xapian::Query>& tiers) {
  Expansion out;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(*MakeWeighting());
  uint64_t length = 0;
  Xapian::RSet rset = TopDocuments(db, enquire, tiers, length);
  // Long documents make the expansion set costly (every word of their
  // term lists is weighed) and the search no better for it.
  if (rset.empty() || length > ranking::kFeedbackMaxWords) return out;
  // Every tier holds the query's words (the later ones as alternatives).
  std::set<std::string> query_terms;
  for (const Xapian::Query& tier : tiers) query_terms.insert(tier.get_terms_begin(), tier.get_terms_end());
  StemDecider decider(std::move(query_terms));
  // Xapian's default expansion weighting ("trad", Robertson's): it favours
  // words in many of the top documents and rare in the rest.
  Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(ranking::kFeedbackTerms), rset, &decider);
  if (eset.empty()) return out;
  // The strongest added word weighs kFeedbackWeight times a typed word, the
  // others less, in proportion to their expansion weight (all positive).
  const double best = eset.begin().get_weight();
  if (best <= 0) return out;
  std::vector<Xapian::Query> parts;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const double scale = ranking::kFeedbackWeight * it.get_weight() / best;
    out.terms.emplace_back(*it, scale);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), scale);
  }
  const Xapian::Query added(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (tiers.size() == 1) {
    // A long query's one ranked OR: the added words also find documents.
    out.tiers = {Xapian::Query(Xapian::Query::OP_OR, tiers[0], added)};
  } else {
    // Tiers: each keeps its documents; the added words only add weight.
    for (const Xapian::Query& tier : tiers) out.tiers.emplace_back(Xapian::Query::OP_AND_MAYBE, tier, added);
  }
  return out;
}

}  // namespace

Status ExpandWithFeedback(Xapian::Database& db, BuiltQuery& query) {
  if (!query.expandable || query.tiers.empty()) return Status::Ok();
  Expansion expansion;
  QUARRY_RETURN_IF_ERROR(
      ReadWithReopen(db, "cannot expand the query", [&] { expansion = Expand(db, query.tiers); }));
  if (expansion.terms.empty()) return Status::Ok();
  query.tiers = std::move(expansion.tiers);
  for (const auto& [term, scale] : expansion.terms) {
    std::string stem = term.substr(schema::kStemPrefix.size());
    query.term_labels[term] = stem;
    query.expansion_words.push_back(std::move(stem));
    query.expansion_terms.emplace(term, scale);
  }
  const std::string words = std::to_string(expansion.terms.size()) + " words of the best matches (feedback)";
  if (query.tier_names.size() == 1) {
    query.tier_names[0] += " and " + words;
  } else {
    for (std::string& name : query.tier_names) name += ", ranked with " + words;
  }
  return Status::Ok();
}

}  // namespace quarry::searcher

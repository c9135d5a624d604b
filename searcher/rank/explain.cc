#include "searcher/rank/explain.h"

#include <cmath>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/weighting.h"

namespace quarry::searcher {

namespace {

// Xapian's BM25 inverse document frequency (bm25weight.cc, no relevance
// feedback): log((N - n + 0.5) / (n + 0.5)), lifted to stay positive for
// terms in more than half the documents.
double Bm25Idf(double doc_count, double term_docs) {
  double ratio = (doc_count - term_docs + 0.5) / (term_docs + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio);
}

// The weight of `term` alone in document `docid`, typed `wqf` times, from
// the ranking's own weighting scheme: the exact share BM25 gave it (for any
// parameters, the query-frequency factor included).
double WeightAlone(Xapian::Database& db, const std::string& term, Xapian::termcount wqf,
                   const std::string& id_term) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(*MakeWeighting());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term, wqf), Xapian::Query(id_term)));
  Xapian::MSet mset = enquire.get_mset(0, 1);
  return mset.empty() ? 0.0 : mset.begin().get_weight();
}

}  // namespace

StatusOr<std::vector<TermContribution>> Explain(Xapian::Database& db, const BuiltQuery& query,
                                                const RankedHit& hit) {
  std::vector<TermContribution> out;
  Status status = ReadWithReopen(db, "cannot explain the score", [&] {
    out.clear();
    const std::string id_term = schema::UniqueIdTerm(hit.hit.path, hit.hit.record_id);
    for (const auto& [term, word] : hit.matched_index_terms) {
      TermContribution c;
      c.term = word;
      c.index_term = term;
      Xapian::TermIterator terms = db.termlist_begin(hit.docid);
      terms.skip_to(term);
      if (terms != db.termlist_end(hit.docid) && *terms == term) c.wdf = terms.get_wdf();
      c.doc_length = db.get_doclength(hit.docid);
      c.avg_length = db.get_avlength();
      c.doc_count = db.get_doccount();
      c.term_docs = db.get_termfreq(term);
      c.idf = Bm25Idf(static_cast<double>(c.doc_count), static_cast<double>(c.term_docs));
      auto added = query.expansion_terms.find(term);
      if (added != query.expansion_terms.end()) {
        c.expansion = true;
        c.scale = added->second;
      }
      auto repeated = query.repeated_terms.find(term);
      Xapian::termcount wqf = repeated == query.repeated_terms.end() ? 1 : repeated->second;
      c.weight = c.scale * WeightAlone(db, term, wqf, id_term);
      out.push_back(std::move(c));
    }
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace quarry::searcher

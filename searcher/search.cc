#include "searcher/search.h"

#include <chrono>
#include <optional>

#include "common/index/database.h"
#include "common/text/analyzer.h"
#include "searcher/query/query_builder.h"
#include "searcher/query/spelling.h"
#include "searcher/rank/explain.h"
#include "searcher/rank/feedback.h"
#include "searcher/rank/freshness.h"
#include "searcher/rank/hit_text.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/snippet.h"
#include "searcher/shard_search.h"

namespace quarry::searcher {

namespace {

// A correction is looked for when the all-words reading finds fewer.
constexpr uint64_t kFewHits = 3;
// Counting matches exactly up to this many is enough to compare two queries.
constexpr uint64_t kCountUpTo = 1000;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A corrected query and how many documents hold all its words; nullopt when
// the spelling data corrects nothing.
StatusOr<std::optional<Suggestion>> TryCorrection(Xapian::Database& db, const SearchRequest& request,
                                                  const BuiltQuery& query, Analyzer& analyzer,
                                                  const QueryContext& context) {
  std::optional<std::string> corrected;
  QUARRY_RETURN_IF_ERROR(ReadWithReopen(db, "cannot read the spelling data", [&] {
    corrected = SuggestCorrection(db, request.query, query.plain_words);
  }));
  if (!corrected) return std::optional<Suggestion>();
  StatusOr<BuiltQuery> fixed = ParseAndBuild(*corrected, {request.plain, NowNs()}, analyzer, context);
  if (!fixed.ok()) return std::optional<Suggestion>();
  QUARRY_ASSIGN_OR_RETURN(uint64_t total, CountFirstTier(db, *fixed, kCountUpTo));
  return std::optional<Suggestion>(Suggestion{*corrected, total});
}

// "Did you mean", when the query's all-words reading finds few: offered only
// when the correction finds more; otherwise, on a page with no hits, listed
// among what was tried.
Status AddSuggestion(Xapian::Database& db, const SearchRequest& request, const BuiltQuery& query,
                     Analyzer& analyzer, const QueryContext& context, const RankedResults& ranked,
                     ResultPage& page) {
  if (query.filter_only || query.plain_words.empty() || ranked.tier_totals.empty()) return Status::Ok();
  if (ranked.tier_totals.front() >= kFewHits) return Status::Ok();
  QUARRY_ASSIGN_OR_RETURN(std::optional<Suggestion> correction,
                          TryCorrection(db, request, query, analyzer, context));
  if (!correction) return Status::Ok();
  QUARRY_ASSIGN_OR_RETURN(uint64_t before, CountFirstTier(db, query, kCountUpTo));
  if (correction->total > before) {
    page.suggestion = correction;
  } else if (ranked.hits.empty()) {
    page.tried.push_back({"the correction \"" + correction->query + "\"", correction->total});
  }
  return Status::Ok();
}

// Snippets, freshness and explanations of the ranked hits, then the hits
// themselves, into `page`.
Status FinishHits(Xapian::Database& db, Analyzer& analyzer, const SearchRequest& request,
                  const BuiltQuery& query, RankedResults& ranked, ResultPage& page) {
  const bool with_snippets = request.snippet_bytes > 0;
  SnippetOptions snippet_options;
  snippet_options.max_bytes = request.snippet_bytes;
  SnippetMaker snippets(analyzer, SnippetTerms{query.stems, query.prefixes}, snippet_options);
  for (RankedHit& ranked_hit : ranked.hits) {
    Hit& hit = ranked_hit.hit;
    bool fresh = false;
    if (with_snippets) {
      // A text that cannot be read (its document removed by a reindex
      // since) only costs the snippet.
      StatusOr<std::string> data = TakeTextData(db, ranked_hit);
      if (data.ok()) {
        HitSnippet made = SnippetOfHit(*data, hit, snippets);
        hit.snippet = std::move(made.snippet);
        fresh = made.file_as_indexed;
      }
    }
    hit.freshness = fresh ? Freshness::kFresh : CheckFreshness(hit);
    if (request.explain) {
      QUARRY_ASSIGN_OR_RETURN(hit.explanation, Explain(db, query, ranked_hit));
    }
  }
  page.hits.reserve(ranked.hits.size());
  for (RankedHit& ranked_hit : ranked.hits) page.hits.push_back(std::move(ranked_hit.hit));
  return Status::Ok();
}

}  // namespace

StatusOr<ResultPage> RunSearch(Session& session, const SearchRequest& request) {
  const SearcherOptions& options = session.options();
  ResultPage page;
  page.query = request.query;
  page.offset = request.offset;
  page.explain = request.explain;
  page.count_only = request.limit == 0;
  QUARRY_RETURN_IF_ERROR(AddMissingShards(session.shards(), 0, options, page.notices));

  Analyzer& analyzer = session.analyzer();
  Xapian::Database& db = session.database();
  QueryContext context;
  context.db = &db;
  context.cwd = request.path_base;
  // Read once, when a relative path: filter first asks.
  context.roots = [&session] { return session.Roots(); };
  QUARRY_ASSIGN_OR_RETURN(BuiltQuery query,
                          ParseAndBuild(request.query, {request.plain, NowNs()}, analyzer, context));
  for (std::string& note : query.notes) page.notices.push_back({Notice::Severity::kNote, std::move(note)});
  if (request.expand) {
    // Feedback is a help, never a reason to fail the search.
    Status expanded = ExpandWithFeedback(db, query);
    if (!expanded.ok()) {
      page.notices.push_back({Notice::Severity::kWarning, "searching without feedback: " + expanded.message()});
    }
  }
  PageRequest page_request;
  page_request.offset = request.offset;
  page_request.limit = request.limit;
  page_request.sort = request.sort;
  page_request.with_matched_terms = request.matched_terms || request.explain;
  page_request.with_text_data = request.snippet_bytes > 0;
  page_request.with_declared_fields = request.declared_fields;
  QUARRY_ASSIGN_OR_RETURN(RankedResults ranked,
                          RankOverShards(session.shards(), query, page_request, options, page.notices));

  page.estimated_total = ranked.estimated_total;
  page.expanded_with = query.expansion_words;
  for (size_t i = 0; i < ranked.tier_totals.size() && i < query.tier_names.size(); ++i) {
    page.tried.push_back({query.tier_names[i], ranked.tier_totals[i]});
  }
  // Spelling is a help, never a reason to fail the search (remote shards,
  // for one, serve no spelling data).
  Status spelling = AddSuggestion(db, request, query, analyzer, context, ranked, page);
  if (!spelling.ok()) {
    page.notices.push_back({Notice::Severity::kWarning, "no spelling suggestion: " + spelling.message()});
  }
  QUARRY_RETURN_IF_ERROR(FinishHits(db, analyzer, request, query, ranked, page));
  return page;
}

}  // namespace quarry::searcher

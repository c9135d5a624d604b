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

std::vector<std::string> IndexedRoots(const Xapian::Database& db) {
  try {
    return ReadRoots(db);
  } catch (const Xapian::Error&) {
    // Without the roots, relative path: filters are read from the cwd only.
    return {};
  }
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

StatusOr<size_t> SearchOnce(const SearchRequest& request, std::ostream& out,
                            Diagnostics& diagnostics) {
  auto start = std::chrono::steady_clock::now();
  QUARRY_ASSIGN_OR_RETURN(ShardSet shards, OpenShards(request, diagnostics));
  // The index's own analysis settings, never the searcher's: the two sides
  // cannot drift apart.
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(shards.analysis()));
  Xapian::Database& db = shards.database();
  QueryContext context;
  context.db = &db;
  context.cwd = request.printer.cwd;
  // Read once, when a relative path: filter first asks.
  std::optional<std::vector<std::string>> roots;
  context.roots = [&db, &roots] {
    if (!roots) roots = IndexedRoots(db);
    return *roots;
  };
  QUARRY_ASSIGN_OR_RETURN(BuiltQuery query,
                          ParseAndBuild(request.query, {request.plain, NowNs()}, analyzer, context));
  for (const std::string& note : query.notes) diagnostics.Note(note);
  if (request.expand) {
    // Feedback is a help, never a reason to fail the search.
    Status expanded = ExpandWithFeedback(db, query);
    if (!expanded.ok()) diagnostics.Warning("searching without feedback: " + expanded.message());
  }
  // Texts are needed for snippets only; paths output needs none.
  const bool with_snippets =
      request.printer.format != OutputFormat::kPaths && request.snippet.max_bytes > 0;
  SearchRequest effective = request;
  effective.page.with_matched_terms = request.printer.format == OutputFormat::kJson || request.explain;
  effective.page.with_text_data = with_snippets;
  effective.page.with_declared_fields = request.printer.format == OutputFormat::kJson;
  QUARRY_ASSIGN_OR_RETURN(RankedResults ranked, RankOverShards(shards, query, effective, diagnostics));

  ResultPage page;
  page.query = request.query;
  page.estimated_total = ranked.estimated_total;
  page.offset = request.page.offset;
  page.explain = request.explain;
  page.expanded_with = query.expansion_words;
  for (size_t i = 0; i < ranked.tier_totals.size() && i < query.tier_names.size(); ++i) {
    page.tried.push_back({query.tier_names[i], ranked.tier_totals[i]});
  }
  // Spelling is a help, never a reason to fail the search (remote shards,
  // for one, serve no spelling data).
  Status spelling = AddSuggestion(db, request, query, analyzer, context, ranked, page);
  if (!spelling.ok()) diagnostics.Warning("no spelling suggestion: " + spelling.message());

  SnippetMaker snippets(analyzer, SnippetTerms{query.stems, query.prefixes}, request.snippet);
  for (Hit& hit : ranked.hits) {
    bool fresh = false;
    if (with_snippets) {
      // A text that cannot be read (its document removed by a reindex
      // since) only costs the snippet.
      StatusOr<std::string> data = TakeTextData(db, hit);
      if (data.ok()) {
        HitSnippet made = SnippetOfHit(*data, hit, snippets);
        hit.snippet = std::move(made.snippet);
        fresh = made.file_as_indexed;
      }
    }
    hit.freshness = fresh ? Freshness::kFresh : CheckFreshness(hit);
    if (request.explain) {
      QUARRY_ASSIGN_OR_RETURN(hit.explanation, Explain(db, query, hit));
    }
  }
  page.hits = std::move(ranked.hits);
  page.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (page.suggestion && request.printer.format == OutputFormat::kPaths) {
    // stdout stays one path per line; the suggestion is for the person.
    diagnostics.Note("did you mean \"" + page.suggestion->query + "\"?");
  }
  MakePrinter(request.printer)->Print(page, out);
  return page.hits.size();
}

}  // namespace

StatusOr<size_t> Search(const SearchRequest& request, std::ostream& out,
                        Diagnostics& diagnostics) {
  // Every read of a search comes before its output, so a search the
  // compaction exchange disturbed can simply run again.
  return RetryIfSwapped<size_t>([&] { return SearchOnce(request, out, diagnostics); });
}

}  // namespace quarry::searcher

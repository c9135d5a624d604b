#include "searcher/search.h"

#include <chrono>

#include "common/text/analyzer.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/snippet.h"
#include "searcher/shard_search.h"

namespace quarry::searcher {

StatusOr<size_t> Search(const SearchRequest& request, std::ostream& out,
                        Diagnostics& diagnostics) {
  auto start = std::chrono::steady_clock::now();
  QUARRY_ASSIGN_OR_RETURN(ShardSet shards, OpenShards(request, diagnostics));
  // The index's own analysis settings, never the searcher's: the two sides
  // cannot drift apart.
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(shards.analysis()));
  QUARRY_ASSIGN_OR_RETURN(BuiltQuery query, BuildQuery(request.query, analyzer));
  QUARRY_ASSIGN_OR_RETURN(RankedResults ranked, RankOverShards(shards, query, request, diagnostics));
  for (Hit& hit : ranked.hits) {
    hit.snippet = MakeSnippet(hit.text, analyzer, query.stems, request.snippet);
  }

  ResultPage page;
  page.query = request.query;
  page.estimated_total = ranked.estimated_total;
  page.offset = request.page.offset;
  page.hits = std::move(ranked.hits);
  page.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MakePrinter(request.printer)->Print(page, out);
  return page.hits.size();
}

}  // namespace quarry::searcher

#include "searcher/search.h"

#include <chrono>

#include "common/index/database.h"
#include "common/text/analyzer.h"
#include "searcher/query/query_builder.h"
#include "searcher/rank/ranker.h"
#include "searcher/rank/snippet.h"

namespace quarry::searcher {

StatusOr<size_t> Search(const SearchRequest& request, std::ostream& out) {
  auto start = std::chrono::steady_clock::now();
  QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(request.db_path));
  // The index's own analysis settings, never the searcher's: the two sides
  // cannot drift apart.
  QUARRY_ASSIGN_OR_RETURN(AnalysisConfig analysis, ReadAnalysisConfig(db));
  QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(analysis));
  QUARRY_ASSIGN_OR_RETURN(BuiltQuery query, BuildQuery(request.query, analyzer));
  QUARRY_ASSIGN_OR_RETURN(RankedResults ranked, Rank(db, query, request.page));
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

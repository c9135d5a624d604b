// File: searcher/query/query_builder.h
// Search flow, step 2: the user's query string -> Xapian queries, with every
// word passed through the shared Analyzer (the index's own settings).
#ifndef QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_
#define QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/text/analyzer.h"

namespace quarry::searcher {

struct BuiltQuery {
  // Ranked in order: every hit of tier i ranks above every hit of tier i+1,
  // and no document appears in two tiers. For a natural-language query:
  // documents with all the words, then those with only some.
  std::vector<Xapian::Query> tiers;
  // Normalized words of the query (unstemmed) and their stems, for
  // highlighting and snippets.
  std::vector<std::string> words;
  std::vector<std::string> stems;
};

// InvalidArgument when the query holds no searchable word.
StatusOr<BuiltQuery> BuildQuery(std::string_view query, Analyzer& analyzer);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_

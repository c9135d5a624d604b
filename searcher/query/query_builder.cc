#include "searcher/query/query_builder.h"

#include <algorithm>

#include "common/index/term_builder.h"

namespace quarry::searcher {

namespace {

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

StatusOr<BuiltQuery> BuildQuery(std::string_view query, Analyzer& analyzer) {
  BuiltQuery built;
  std::vector<Xapian::Query> words;
  for (const Token& token : analyzer.Tokenize(query)) {
    std::string stem = analyzer.Stem(token.term);
    // Words are matched by stem, so "acquisitions" finds "acquisition";
    // the same term may appear twice in a query and counts once.
    if (std::find(built.stems.begin(), built.stems.end(), stem) == built.stems.end()) {
      words.push_back(WordQuery(analyzer, token));
    }
    AddUnique(built.words, token.term);
    AddUnique(built.stems, stem);
  }
  if (words.empty()) {
    return InvalidArgumentError("the query has no words to search for");
  }
  if (words.size() == 1) {
    built.tiers.push_back(words[0]);
    return built;
  }
  Xapian::Query all(Xapian::Query::OP_AND, words.begin(), words.end());
  Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
  built.tiers.push_back(all);
  built.tiers.emplace_back(Xapian::Query::OP_AND_NOT, any, all);
  return built;
}

}  // namespace quarry::searcher

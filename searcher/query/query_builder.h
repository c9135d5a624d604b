// File: searcher/query/query_builder.h
// Search flow, step 2: a parsed query -> Xapian queries. Every piece of text
// goes through the shared Analyzer (the index's own settings) and every term
// through common/index/term_builder.h or schema.h; nothing here spells a
// term by hand.
#ifndef QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_
#define QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/text/analyzer.h"
#include "searcher/query/parser.h"
#include "searcher/query/query_ast.h"

namespace quarry::searcher {

// Bounds on one query, so that no query can occupy the machine (Xapian's
// OR over 10,000 words took seconds): far above what a person types or
// pastes (the longest query of the seven test collections in eval/ has 343
// words, 2 KiB). What lies beyond them is left out, with a note.
inline constexpr size_t kMaxQueryBytes = 16 << 10;
inline constexpr size_t kMaxQueryWords = 1000;

// What the builder needs to know beyond the query.
struct QueryContext {
  // Counts wildcard expansions (to say when one is cut); may be null.
  const Xapian::Database* db = nullptr;
  std::string cwd;  // a relative path: filter is tried under it...
  // ...and under each indexed folder, asked for only then (reading them is
  // a lookup in the index); may be empty.
  std::function<std::vector<std::string>()> roots;
  uint32_t max_wildcard_terms = 100;
  // ParseAndBuild reads at most max_query_bytes of the query (cut at the
  // last blank before that, else at a character boundary); the builder
  // searches at most max_query_words words (each piece of text analyzed,
  // excluded words too; a wildcard counts as max_wildcard_terms) and
  // leaves out the items after the one that would pass the bound.
  size_t max_query_bytes = kMaxQueryBytes;
  size_t max_query_words = kMaxQueryWords;
};

// A plain word of the query, normalized, with its byte span in the query
// string: what a spelling correction may replace.
struct QueryWord {
  std::string term;
  size_t begin = 0, end = 0;
};

struct BuiltQuery {
  // Ranked in order: every hit of tier i ranks above every hit of tier i+1,
  // and no document appears in two tiers. For natural-language words: the
  // documents with all the words, then those with only some.
  std::vector<Xapian::Query> tiers;
  std::vector<std::string> tier_names;  // "all the words", "any of the words"
  // The query is only filters (path:, ext:, date:): nothing to rank by, so
  // results come newest first.
  bool filter_only = false;
  // Plain natural language of at least ranking::kFeedbackMinWords words (no
  // operator, phrase, field, wildcard, filter, + or -): pseudo-relevance
  // feedback may expand it (searcher/rank/feedback.h). A long query is one
  // ranked OR that feedback widens; a shorter one keeps its tiers, which
  // feedback only reorders. False for every other query, which is searched
  // exactly as written.
  bool expandable = false;
  // Set by feedback: the index terms added to the tiers, each with the factor
  // its weight was scaled by (also in term_labels, labelled by their stem),
  // and their stems, strongest first. Empty when the query was not expanded.
  std::map<std::string, double> expansion_terms;
  // Index term -> how many times the query repeats its word, when more than
  // once (BM25 weighs it by its query frequency, ranking::kBm25K3).
  std::map<std::string, Xapian::termcount> repeated_terms;
  std::vector<std::string> expansion_words;
  // What to highlight: stems of the query's words, and prefixes of its
  // wildcards (normalized, unstemmed).
  std::vector<std::string> stems;
  std::vector<std::string> prefixes;
  // Index term -> the query word it stands for, to report matched terms.
  std::map<std::string, std::string> term_labels;
  std::vector<std::string> labels;  // the query words, in query order
  // The plain words (not phrases, fields or wildcards), for spelling.
  std::vector<QueryWord> plain_words;
  // Lines for stderr: syntax read as plain words, wildcards cut, a query
  // cut to the bounds of QueryContext.
  std::vector<std::string> notes;
};

// InvalidArgument when the query holds nothing to search for (no word, no
// filter; or only exclusions).
StatusOr<BuiltQuery> BuildQuery(const QueryNode& root, Analyzer& analyzer, const QueryContext& context);

// Parses `query` and builds it. Syntax that cannot be read as written is
// read as plain words, with a note saying so; so is a query cut to
// context.max_query_bytes whose cut leaves its syntax unreadable (a quote
// left open). When the query then has nothing to search for, the error's
// message ends with those notes, in parentheses.
StatusOr<BuiltQuery> ParseAndBuild(std::string_view query, const ParseOptions& options,
                                   Analyzer& analyzer, const QueryContext& context);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_QUERY_BUILDER_H_

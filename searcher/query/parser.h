// File: searcher/query/parser.h
// The query language: a query string -> QueryNode tree.
//
//   words              natural language: all the words rank first, then some
//   "a phrase"         the words next to each other, in order (also “curly” quotes)
//   a AND b, a OR b, a NOT b (also a AND NOT b), ( ... )
//   +word  -word       must contain / must not contain (also before "phrases" and groups)
//   a NEAR b, a NEAR/3 b   within 10 (or 3) words of each other, in any order
//   word*              words starting with "word" (expansion bounded by the builder)
//   title:word  title:"a phrase"   in the title
//   author:word  description:word  keywords:word   in a field the document
//                      declares (common/index/document_fields.h kTextFields)
//   path:notes/  ext:md  date:2025-01-01..2025-06-30  date:7d   filters
//
// Precedence, loosest first (Xapian's own): OR; AND and NOT; words side by
// side; NEAR. So "a b OR c" is "(a b) OR c".
//
// Operators are words written in capitals. They are read as plain words when
// the query has no lower-case letter A-Z outside them (an all-capitals title
// pasted as a query: "WAR AND PEACE"), or when `plain` is set.
//
// Bounds: parentheses nest at most kMaxQueryNesting deep (the parser is a
// recursive descent, and so are the builder and the tree's destructor: a
// few thousand nested '(' would overflow the stack). Chains of operators
// ("a NOT b AND c NOT d ...") add no depth: AND and NOT are read into one
// node. So the tree is never deeper than a few levels per parenthesis.
#ifndef QUARRY_SEARCHER_QUERY_PARSER_H_
#define QUARRY_SEARCHER_QUERY_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "searcher/query/query_ast.h"

namespace quarry::searcher {

// Deeper than any query a person writes; deeper parentheses are an error
// (the query is then read as plain words).
inline constexpr size_t kMaxQueryNesting = 32;

struct ParseOptions {
  bool plain = false;  // no syntax at all: every piece is text (--plain)
  int64_t now_ns = 0;  // anchors relative dates (date:7d)
};

// InvalidArgument, naming the problem and where, when the syntax cannot be
// read as written: unbalanced quote or parenthesis, parentheses nested
// deeper than kMaxQueryNesting, an operator without an operand on each
// side, stray '+', '-' or '*', an empty or malformed filter.
// The caller then reads the query with ParsePlain.
StatusOr<QueryNode> ParseQuery(std::string_view query, const ParseOptions& options);

// The whole query as plain words (a kSequence of kText); never fails.
QueryNode ParsePlain(std::string_view query);

// The start of `query`, at most `max_bytes` long, for a query too long to
// search whole: cut at its last blank within them (else, one endless word,
// at a character boundary), without the operators the cut leaves dangling
// at its end ("a OR b OR" -> "a OR b"). `query` itself when short enough.
std::string_view CutQuery(std::string_view query, size_t max_bytes);

// True when the query reads as written in capitals (see above).
bool IsAllCapitals(std::string_view query);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_PARSER_H_

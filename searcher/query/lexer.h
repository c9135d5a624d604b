// File: searcher/query/lexer.h
// A query string -> lexemes: the pieces of syntax (parentheses, operators,
// +/- modifiers, field names, quotes, a trailing '*') told apart from the
// text they apply to. The text itself is left as typed; only the Analyzer
// decides what its words are.
#ifndef QUARRY_SEARCHER_QUERY_LEXER_H_
#define QUARRY_SEARCHER_QUERY_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "searcher/query/query_ast.h"

namespace quarry::searcher {

enum class LexemeKind { kText, kOpen, kClose, kAnd, kOr, kNot, kNear };

struct Lexeme {
  LexemeKind kind = LexemeKind::kText;
  std::string text;                   // kText: without modifier, field, quotes or '*'
  Modifier modifier = Modifier::kNone;
  Field field = Field::kAny;
  const TextField* declared = nullptr;  // Field::kDeclared: which field
  bool quoted = false;
  bool wildcard = false;
  uint32_t distance = kDefaultNearDistance;  // kNear
  size_t begin = 0, end = 0;          // byte span in the query
  size_t text_begin = 0;              // kText: where `text` starts in the query
};

// `operators`: whether AND, OR, NOT and NEAR (in capitals) are operators;
// otherwise they are words. InvalidArgument, with the problem in words,
// for an unbalanced quote, a lone '+', '-' or '*', or an empty field value.
StatusOr<std::vector<Lexeme>> Lex(std::string_view query, bool operators);

// The ASCII whitespace that separates the pieces of a query.
bool IsQueryBlank(char c);

// Plain reading: each whitespace-separated piece is text, nothing is syntax.
std::vector<Lexeme> LexPlain(std::string_view query);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_LEXER_H_

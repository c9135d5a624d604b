#include "common/index/term_builder.h"

#include "common/index/schema.h"

namespace quarry {

namespace {

std::vector<Xapian::Query> PositionalTerms(const std::vector<Token>& tokens,
                                           std::string_view field_prefix) {
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) terms.emplace_back(schema::MakeTerm(field_prefix, token.term));
  return terms;
}

}  // namespace

uint32_t IndexText(Analyzer& analyzer, Xapian::Document& doc, std::string_view text,
                   uint32_t first_position, const FieldSpec& field) {
  uint32_t next = first_position;
  analyzer.Tokenize(
      text,
      [&](const Token& token) {
        doc.add_posting(schema::MakeTerm("", token.term), token.position, field.wdf);
        doc.add_term(schema::MakeTerm(schema::kStemPrefix, analyzer.Stem(token.term)), field.wdf);
        if (!field.prefix.empty()) {
          doc.add_posting(schema::MakeTerm(field.prefix, token.term), token.position);
        }
        next = token.position + 1;
      },
      first_position);
  return next;
}

Xapian::Query WordQuery(Analyzer& analyzer, const Token& token, std::string_view field_prefix) {
  if (!field_prefix.empty()) {
    // Field terms are kept unstemmed (with positions for phrases).
    return Xapian::Query(schema::MakeTerm(field_prefix, token.term));
  }
  return Xapian::Query(schema::MakeTerm(schema::kStemPrefix, analyzer.Stem(token.term)));
}

Xapian::Query PhraseQuery(Analyzer& analyzer, const std::vector<Token>& tokens,
                          std::string_view field_prefix) {
  if (tokens.size() == 1) return WordQuery(analyzer, tokens[0], field_prefix);
  std::vector<Xapian::Query> terms = PositionalTerms(tokens, field_prefix);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

Xapian::Query NearQuery(Analyzer& analyzer, const std::vector<Token>& tokens, uint32_t distance,
                        std::string_view field_prefix) {
  if (tokens.size() == 1) return WordQuery(analyzer, tokens[0], field_prefix);
  std::vector<Xapian::Query> terms = PositionalTerms(tokens, field_prefix);
  // Xapian's window counts the words themselves as well as the gaps.
  return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size() + distance));
}

Xapian::Query WildcardQuery(const Token& token, uint32_t max_terms, std::string_view field_prefix) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, WildcardTermPrefix(token, field_prefix),
                       max_terms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

std::string WildcardTermPrefix(const Token& token, std::string_view field_prefix) {
  return schema::MakeTerm(field_prefix, token.term);
}

}  // namespace quarry

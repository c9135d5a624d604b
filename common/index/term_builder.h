// File: common/index/term_builder.h
// The one place that decides which index terms a piece of text produces and
// which query a typed word or phrase becomes, so that the index flow
// (index_writer) and the search flow (query_builder) cannot drift apart.
// Both sides take their tokens from the shared Analyzer.
#ifndef QUARRY_COMMON_INDEX_TERM_BUILDER_H_
#define QUARRY_COMMON_INDEX_TERM_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/text/analyzer.h"

namespace quarry {

struct FieldSpec {
  // Prefix of the field's own positional terms (e.g. schema::kTitlePrefix);
  // empty for the body, whose words are only indexed unprefixed.
  std::string_view prefix;
  // Within-document frequency each word adds (a title counts more).
  Xapian::termcount wdf = 1;
};

// Index side: adds the terms of `text` to `doc`: each word unstemmed with its
// position, its stem with the Z prefix, and (for a field with a prefix) the
// prefixed word with its position. Positions start at `first_position`.
// Returns the position after the last word (== first_position if none).
uint32_t IndexText(Analyzer& analyzer, Xapian::Document& doc, std::string_view text,
                   uint32_t first_position, const FieldSpec& field);

// Query side: what one word the user typed matches (its stem).
// `field_prefix` restricts it to a field (e.g. title:word); empty for all text.
Xapian::Query WordQuery(Analyzer& analyzer, const Token& token, std::string_view field_prefix = {});

// Query side: the words in this order, next to each other (unstemmed terms
// with positions). A single token gives its WordQuery.
Xapian::Query PhraseQuery(Analyzer& analyzer, const std::vector<Token>& tokens,
                          std::string_view field_prefix = {});

// Query side: the words within `distance` positions of each other, in any order.
Xapian::Query NearQuery(Analyzer& analyzer, const std::vector<Token>& tokens, uint32_t distance,
                        std::string_view field_prefix = {});

// Query side: the words that start with `token`'s term (a trailing '*'),
// unstemmed; expanded to at most `max_terms` words, the most frequent ones.
Xapian::Query WildcardQuery(const Token& token, uint32_t max_terms, std::string_view field_prefix = {});

// The index terms WildcardQuery would expand to start with this string (for
// counting how many there are).
std::string WildcardTermPrefix(const Token& token, std::string_view field_prefix = {});

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_TERM_BUILDER_H_

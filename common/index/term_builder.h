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

// Index side: adds the terms of `text` to `doc`:
//  - each word unstemmed with its position, and its stem with the Z prefix
//    when HasStemTerm (stop words get no stem either: both are matched
//    unstemmed);
//  - a compound's parts (Token::parts) at consecutive positions, each with
//    its stem, and the whole term at the first and the last of them;
//  - for a field with a prefix, the prefixed words with their positions;
//  - for runs of text in scripts without spaces (Token::ngram), every
//    character and every pair of adjacent characters under
//    schema::kNgramPrefix (pairs with positions of their own).
// Positions start at `first_position`. Returns the first position after
// the text (after its last word and its last n-gram), where the next field
// may start (== first_position if the text holds no word).
uint32_t IndexText(Analyzer& analyzer, Xapian::Document& doc, std::string_view text,
                   uint32_t first_position, const FieldSpec& field);

// Whether a word (an unprefixed term) also has a Z term for its stem: when
// it starts with a letter, as in Xapian's TermGenerator and QueryParser
// (a number such as "64" or "2.6.32" has none), so that Xapian's own tools
// query a Quarry index the way they query their own.
bool HasStemTerm(std::string_view term);

// Spelling data ("did you mean"): the words the indexer records for it and
// the only ones the searcher corrects: at least four characters, no
// digits. Shorter words and numbers would only add noise to suggestions.
bool IsSpellingWord(std::string_view word);

// Query side: what one word the user typed matches: its stem (a stop word
// or a word without HasStemTerm: itself, unstemmed); for a compound, also the phrase of its parts
// ("e-mail" also finds "e mail"), the two as synonyms scored as one word;
// OR, for a word in a script without spaces, its character n-grams at half
// weight (a single character, or the phrase of its bigrams), so that a word
// the dictionary segmented differently in the document is still found,
// below documents holding the word itself.
// `field_prefix` restricts it to a field (e.g. title:word, matched
// unstemmed); empty for all text.
Xapian::Query WordQuery(Analyzer& analyzer, const Token& token, std::string_view field_prefix = {});

// Query side: the words in this order, next to each other (unstemmed terms
// with positions; compounds by their parts). When all the tokens form one
// run of a script without spaces (a quoted Chinese phrase), the phrase of
// its character bigrams is an alternative at half weight. A single token
// gives its WordQuery.
Xapian::Query PhraseQuery(Analyzer& analyzer, const std::vector<Token>& tokens,
                          std::string_view field_prefix = {});

// Query side: the words within `distance` positions of each other, in any
// order. A single token gives its WordQuery.
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

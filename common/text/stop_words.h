// File: common/text/stop_words.h
// Per-language stop-word lists for the shared analyzer: the most frequent
// function words, which the index keeps (for phrases) but does not stem
// (see README "Text analysis"). Lists are short on purpose: only words that
// are frequent in every kind of text.
#ifndef QUARRY_COMMON_TEXT_STOP_WORDS_H_
#define QUARRY_COMMON_TEXT_STOP_WORDS_H_

#include <string_view>
#include <vector>

namespace quarry {

// The stop words of `language` (a canonical Xapian stemmer name such as
// "english"), lower-case and unnormalized; empty for languages without a
// list and for "none". The analyzer normalizes them with its own settings.
std::vector<std::string_view> StopWordList(std::string_view language);

// The words quarry-search leaves out of natural-language queries for
// `language`: StopWordList(language) plus, where there is one, a longer
// list of function words (pronouns, auxiliaries and modals, prepositions,
// conjunctions, quantifiers, general adverbs such as "however"). Only the
// query side reads the extra words: changing them needs no reindexing.
std::vector<std::string_view> QueryStopWordList(std::string_view language);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_STOP_WORDS_H_

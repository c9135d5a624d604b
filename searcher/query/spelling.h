// File: searcher/query/spelling.h
// "Did you mean": a corrected query from the index's own vocabulary, its
// term dictionary. No separate spelling data is kept: the dictionary is
// always exact (a word whose last document is deleted is gone), costs the
// index nothing, and covers every shard of a combined database, remote
// ones included. Lucene's DirectSpellChecker works the same way.
#ifndef QUARRY_SEARCHER_QUERY_SPELLING_H_
#define QUARRY_SEARCHER_QUERY_SPELLING_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/query/query_builder.h"

namespace quarry::searcher {

// The most edits a correction of `characters` characters may need: one for
// words of up to five characters, two for longer ones (a short word two
// edits away is usually another word, not a typo).
int MaxEditsFor(size_t characters);

// The optimal string alignment distance between `a` and `b` (insertions,
// deletions, substitutions and swaps of two neighbouring characters, counted
// by code point), or max_edits + 1 when it is larger than max_edits.
int EditDistance(std::u32string_view a, std::u32string_view b, int max_edits);

// The index word nearest to `word` (a normalized query word): a spelling
// word (IsSpellingWord) of the unprefixed vocabulary that starts with the
// same character, at most MaxEditsFor edits away; the fewest edits first,
// then the most documents. Empty when there is none. The dictionary is
// walked with skips past every prefix that is already too far, so a lookup
// reads a small part of it. Xapian errors propagate.
std::string NearestIndexWord(const Xapian::Database& db, std::string_view word);

// The query with each plain word replaced by its normalized form, and the
// misspelt ones by NearestIndexWord. A word is corrected only when it has
// four letters or more and no digit (IsSpellingWord), and the index does
// not know it or knows the correction far better. nullopt when no word
// changes. Whether the correction finds more is the caller's check. Xapian
// errors propagate.
std::optional<std::string> SuggestCorrection(const Xapian::Database& db, std::string_view query,
                                             const std::vector<QueryWord>& words);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_SPELLING_H_

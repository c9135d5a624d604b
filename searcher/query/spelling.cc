#include "searcher/query/spelling.h"

#include <algorithm>

#include "common/index/term_builder.h"

namespace quarry::searcher {

namespace {

// A known word is replaced only by one this many times more frequent.
constexpr Xapian::doccount kKnownWordRatio = 20;

// How many documents hold `word`, by the spelling data (0: unknown word).
Xapian::doccount SpellingFrequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

}  // namespace

std::optional<std::string> SuggestCorrection(const Xapian::Database& db, std::string_view query,
                                             const std::vector<QueryWord>& words) {
  std::vector<QueryWord> sorted = words;
  std::sort(sorted.begin(), sorted.end(), [](const QueryWord& a, const QueryWord& b) { return a.begin < b.begin; });
  std::string corrected;
  size_t pos = 0;
  bool changed = false;
  for (const QueryWord& word : sorted) {
    if (word.begin < pos || word.end > query.size()) continue;
    std::string replacement = word.term;
    if (IsSpellingWord(word.term)) {
      std::string suggestion = db.get_spelling_suggestion(word.term);
      if (!suggestion.empty() && suggestion != word.term) {
        Xapian::doccount known = SpellingFrequency(db, word.term);
        if (known == 0 || SpellingFrequency(db, suggestion) >= known * kKnownWordRatio) {
          replacement = suggestion;
          changed = true;
        }
      }
    }
    corrected.append(query.substr(pos, word.begin - pos));
    corrected += replacement;
    pos = word.end;
  }
  corrected.append(query.substr(pos));
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace quarry::searcher

#include "searcher/query/spelling.h"

#include <algorithm>
#include <vector>

#include "common/index/term_builder.h"
#include "common/text/utf8.h"

namespace quarry::searcher {

namespace {

// A known word is replaced only by one this many times more frequent.
constexpr Xapian::doccount kKnownWordRatio = 20;

struct Alignment {
  int distance;  // capped at max_edits + 1
  // When > 0: every word starting with the first `too_far_after`
  // characters of the candidate is more than max_edits away from the target.
  size_t too_far_after;
};

// Optimal string alignment of `candidate` (rows) against `target`
// (columns), stopping at the first row after which no continuation of the
// candidate can come within `max_edits`.
Alignment Align(std::u32string_view target, std::u32string_view candidate, int max_edits) {
  const size_t m = target.size();
  const int over = max_edits + 1;
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= candidate.size(); ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      int cost = candidate[i - 1] == target[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && candidate[i - 1] == target[j - 2] && candidate[i - 2] == target[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    // Rows never get back under: a cell comes from the row above at no less
    // than its minimum, and a swap from two rows up costs at least what the
    // substitution to the cell diagonally above in this row did.
    if (row_min > max_edits) return {over, i};
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return {std::min(previous[m], over), 0};
}

// The first key after every key that starts with `prefix`.
std::string Successor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

}  // namespace

int MaxEditsFor(size_t characters) { return characters <= 5 ? 1 : 2; }

int EditDistance(std::u32string_view a, std::u32string_view b, int max_edits) {
  return Align(a, b, max_edits).distance;
}

std::string NearestIndexWord(const Xapian::Database& db, std::string_view word) {
  std::vector<size_t> ends;
  const std::u32string target = DecodeUtf8(word, &ends);
  if (target.empty()) return {};
  const int max_edits = MaxEditsFor(target.size());
  // Unprefixed terms are lower case; prefixed ones start with a capital, so
  // a lower-case or non-ASCII first character selects words only.
  const std::string first(word.substr(0, ends[0]));
  std::string best;
  int best_distance = max_edits + 1;
  Xapian::doccount best_documents = 0;
  std::vector<size_t> candidate_ends;
  Xapian::TermIterator it = db.allterms_begin(first);
  const Xapian::TermIterator end = db.allterms_end(first);
  while (it != end) {
    const std::string term = *it;
    const std::u32string candidate = DecodeUtf8(term, &candidate_ends);
    Alignment alignment = Align(target, candidate, max_edits);
    if (alignment.too_far_after > 0) {
      it.skip_to(Successor(term.substr(0, candidate_ends[alignment.too_far_after - 1])));
      continue;
    }
    if (alignment.distance > 0 && alignment.distance <= max_edits &&
        alignment.distance <= best_distance && IsSpellingWord(term)) {
      Xapian::doccount documents = it.get_termfreq();
      if (alignment.distance < best_distance || documents > best_documents) {
        best = term;
        best_distance = alignment.distance;
        best_documents = documents;
      }
    }
    ++it;
  }
  return best;
}

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
      std::string suggestion = NearestIndexWord(db, word.term);
      if (!suggestion.empty()) {
        Xapian::doccount known = db.get_termfreq(word.term);
        if (known == 0 || db.get_termfreq(suggestion) >= known * kKnownWordRatio) {
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

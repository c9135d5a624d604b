#include "searcher/rank/snippet.h"

#include <algorithm>

#include "common/text/utf8.h"

namespace quarry::searcher {

namespace {

struct Match {
  size_t begin, end;  // byte range in the text
  size_t which;       // which query word (by stem or prefix) it matches
};

// Windows analyzed around each possible match, and how many at most; an
// anchor is a query word's first bytes.
constexpr size_t kWindowBytes = 64;
constexpr size_t kMaxWindows = 24;
constexpr size_t kAnchorBytes = 3;

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `i` back to just after a space (or to `floor`), at most `limit`
// bytes, else to a character boundary: pieces never split a word.
size_t SnapBack(std::string_view text, size_t i, size_t floor, size_t limit) {
  size_t start = i;
  while (i > floor && start - i < limit && !IsSpace(text[i - 1])) --i;
  if (i > floor && !IsSpace(text[i - 1])) {
    i = start;
    while (i > floor && i < text.size() && IsContinuation(text[i])) --i;
  }
  return i;
}

size_t SnapForward(std::string_view text, size_t i, size_t limit) {
  size_t start = i;
  while (i < text.size() && i - start < limit && !IsSpace(text[i])) ++i;
  if (i < text.size() && !IsSpace(text[i])) {
    i = start;
    while (i < text.size() && IsContinuation(text[i])) ++i;
  }
  return i;
}

class Matcher {
 public:
  Matcher(Analyzer& analyzer, const SnippetTerms& terms) : analyzer_(analyzer), terms_(terms) {}

  size_t word_count() const { return terms_.stems.size() + terms_.prefixes.size(); }

  // Analyzes text[begin, end) and appends its matches.
  void Scan(std::string_view text, size_t begin, size_t end, std::vector<Match>& out) {
    analyzer_.Tokenize(text.substr(begin, end - begin), [&](const Token& token) {
      size_t which = Which(token.term);
      if (which != kNone) out.push_back({begin + token.begin, begin + token.end, which});
    });
  }

  // The first bytes of each query word, lower case ASCII; empty when a word
  // has none (a query in another script), which means: analyze everything.
  std::vector<std::string> Anchors() const {
    std::vector<std::string> anchors;
    for (const auto* list : {&terms_.stems, &terms_.prefixes}) {
      for (const std::string& word : *list) {
        std::string anchor = word.substr(0, kAnchorBytes);
        for (char c : anchor) {
          if (static_cast<unsigned char>(c) >= 0x80) return {};
        }
        if (anchor.empty()) return {};
        anchors.push_back(anchor);
      }
    }
    return anchors;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  size_t Which(const std::string& term) const {
    const std::vector<std::string>& stems = terms_.stems;
    auto s = std::find(stems.begin(), stems.end(), analyzer_.Stem(term));
    if (s != stems.end()) return static_cast<size_t>(s - stems.begin());
    for (size_t i = 0; i < terms_.prefixes.size(); ++i) {
      if (term.starts_with(terms_.prefixes[i])) return stems.size() + i;
    }
    return kNone;
  }

  Analyzer& analyzer_;
  const SnippetTerms& terms_;
};

// Where an anchor starts a word, case-insensitively, from `from` on (npos: none): a
// byte scan, far cheaper than analysis. `starts` marks the bytes that may
// begin an anchor, so most bytes cost one table lookup.
class AnchorScanner {
 public:
  explicit AnchorScanner(std::vector<std::string> anchors) : anchors_(std::move(anchors)) {
    for (const std::string& anchor : anchors_) {
      unsigned char c = static_cast<unsigned char>(anchor[0]);
      starts_[c] = true;
      if (c >= 'a' && c <= 'z') starts_[c - 'a' + 'A'] = true;
    }
  }

  size_t Next(std::string_view text, size_t from) const {
    for (size_t i = from; i < text.size(); ++i) {
      if (!starts_[static_cast<unsigned char>(text[i])]) continue;
      // Words start at a word boundary: "met" is not looked for in "amet".
      if (i > 0 && IsAsciiAlnum(text[i - 1])) continue;
      char c = Lower(text[i]);
      for (const std::string& anchor : anchors_) {
        if (c != anchor[0] || i + anchor.size() > text.size()) continue;
        size_t k = 1;
        while (k < anchor.size() && Lower(text[i + k]) == anchor[k]) ++k;
        if (k == anchor.size()) return i;
      }
    }
    return std::string_view::npos;
  }

 private:
  std::vector<std::string> anchors_;
  bool starts_[256] = {};
};

// The run of matches that fits `max_bytes` with the most distinct words,
// then the most matches, then the earliest: [first, last].
std::pair<size_t, size_t> BestRun(const std::vector<Match>& matches, size_t words, size_t max_bytes) {
  size_t best_first = 0, best_last = 0, best_distinct = 0, best_count = 0;
  std::vector<size_t> counts(words, 0);
  size_t distinct = 0;
  size_t last = 0;  // one past the run's last match
  for (size_t first = 0; first < matches.size(); ++first) {
    if (last < first) last = first;
    while (last < matches.size() && matches[last].end - matches[first].begin <= max_bytes) {
      if (counts[matches[last].which]++ == 0) ++distinct;
      ++last;
    }
    if (last > first) {
      size_t count = last - first;
      if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
        best_first = first;
        best_last = last - 1;
        best_distinct = distinct;
        best_count = count;
      }
      if (--counts[matches[first].which] == 0) --distinct;
    }
  }
  return {best_first, best_last};
}

bool HasAllWords(const std::vector<Match>& matches, size_t words, size_t max_bytes) {
  if (matches.empty()) return false;
  auto [first, last] = BestRun(matches, words, max_bytes);
  std::vector<bool> seen(words, false);
  size_t distinct = 0;
  for (size_t i = first; i <= last; ++i) {
    if (!seen[matches[i].which]) {
      seen[matches[i].which] = true;
      ++distinct;
    }
  }
  return distinct == words;
}

// Copies text[begin, end) into the snippet with whitespace runs collapsed,
// translating the highlight ranges.
Snippet Render(std::string_view text, size_t begin, size_t end, const std::vector<Match>& matches) {
  Snippet snippet;
  snippet.cut_before = begin > 0;
  snippet.cut_after = end < text.size();
  auto m = std::lower_bound(matches.begin(), matches.end(), begin,
                            [](const Match& a, size_t b) { return a.begin < b; });
  bool in_space = false;
  size_t highlight_start = 0;
  for (size_t i = begin; i < end; ++i) {
    if (m != matches.end() && i == m->begin) highlight_start = snippet.text.size();
    if (IsSpace(text[i])) {
      if (!in_space && !snippet.text.empty()) snippet.text += ' ';
      in_space = true;
    } else {
      snippet.text += text[i];
      in_space = false;
    }
    if (m != matches.end() && i + 1 == m->end) {
      if (m->end <= end) snippet.highlights.emplace_back(highlight_start, snippet.text.size());
      ++m;
    }
  }
  while (!snippet.text.empty() && snippet.text.back() == ' ') snippet.text.pop_back();
  return snippet;
}

// A passage start at or after `begin` (and at most `lo`): just after the
// first space, else on a character boundary (text without spaces).
size_t CutBefore(std::string_view text, size_t begin, size_t lo) {
  if (begin == 0) return 0;
  for (size_t i = begin; i < lo; ++i) {
    if (IsSpace(text[i - 1])) return i;
  }
  if (IsSpace(text[lo - 1])) return lo;
  while (begin < lo && IsContinuation(text[begin])) ++begin;
  return begin;
}

// A passage end at or before `end` (and at least `hi`): at the last space,
// else on a character boundary; keeps the punctuation closing a word.
size_t CutAfter(std::string_view text, size_t end, size_t hi) {
  if (end >= text.size()) return text.size();
  for (size_t i = end; i > hi; --i) {
    if (IsSpace(text[i])) return i;
  }
  if (IsSpace(text[hi])) return hi;
  while (end > hi && IsContinuation(text[end])) --end;
  return end;
}

// Matches in `text`. With ASCII anchors for every query word: only short
// windows around the places an anchor occurs are analyzed, in text order,
// until the matches found hold every word close together. Otherwise (a
// query word in another script) the first kFullScanBytes are analyzed.
std::vector<Match> FindMatches(std::string_view text, Matcher& matcher, size_t max_bytes) {
  std::vector<Match> matches;
  std::vector<std::string> anchors = matcher.Anchors();
  if (anchors.empty()) {
    size_t end = text.size() <= kFullScanBytes ? text.size() : SnapBack(text, kFullScanBytes, 0, 64);
    matcher.Scan(text, 0, end, matches);
    return matches;
  }
  AnchorScanner scanner(std::move(anchors));
  size_t covered = 0;  // windows never overlap what was analyzed
  for (size_t windows = 0; windows < kMaxWindows; ++windows) {
    size_t hit = scanner.Next(text, covered);
    if (hit == std::string_view::npos) break;
    size_t begin = std::max(covered, SnapBack(text, hit, covered, 32));
    size_t end = SnapForward(text, std::min(text.size(), hit + kWindowBytes), 64);
    size_t before = matches.size();
    matcher.Scan(text, begin, end, matches);
    covered = std::max(end, hit + 1);
    if (matches.size() > before && HasAllWords(matches, matcher.word_count(), max_bytes)) break;
  }
  return matches;
}

}  // namespace

Snippet MakeSnippet(std::string_view text, Analyzer& analyzer, const SnippetTerms& terms,
                    const SnippetOptions& options) {
  text = TruncateUtf8(text, options.scan_bytes);
  const size_t room = options.max_bytes;
  if (text.empty() || room == 0) return {};
  Matcher matcher(analyzer, terms);
  std::vector<Match> matches = FindMatches(text, matcher, room);

  size_t lo, hi;  // the matches' own span
  if (matches.empty()) {
    lo = hi = 0;
  } else {
    auto [first, last] = BestRun(matches, matcher.word_count(), room);
    lo = matches[first].begin;
    hi = matches[last].end;
  }
  // Context: up to a third of the room before the matches, the rest after,
  // then before again if the text ends first; cut at spaces.
  size_t spare = room > hi - lo ? room - (hi - lo) : 0;
  size_t before = std::min(lo, spare / 3);
  size_t after = std::min(text.size() - hi, spare - before);
  before = std::min(lo, spare - after);
  size_t begin = CutBefore(text, lo - before, lo);
  size_t end = CutAfter(text, hi + after, hi);
  return Render(text, begin, end, matches);
}

}  // namespace quarry::searcher

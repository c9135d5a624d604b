#include "searcher/rank/snippet.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <unordered_map>

#include "common/text/cjk_runs.h"
#include "common/text/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace quarry::searcher {

namespace {

struct Match {
  size_t begin, end;  // byte range in the text
  size_t which;       // which query word (by stem or prefix) it matches
};

// A possible match that is not a plain word is analyzed with the text
// around it up to the nearest spaces (at most this far after the word):
// analysis never joins words across a space. How many such windows at
// most; an anchor is a query word's first bytes.
constexpr size_t kWindowBytes = 64;
constexpr size_t kMaxWindows = 24;
constexpr size_t kMaxMatches = 256;
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

// Where an anchor starts a word, case-insensitively, from `from` on (npos:
// none): a byte scan, far cheaper than analysis. 16 places at a time (SSE2
// compares, where the compiler has them) are tested for an anchor's first
// two bytes, in either case (byte | 0x20 is the lower case of an ASCII
// letter, and keeps a digit), for up to kVectorKeys such keys; only those
// places are checked further. A single first byte let a place in twenty
// through on English text ('c' for "cache"), and checking them was most of
// a snippet's time.
class AnchorScanner {
 public:
  explicit AnchorScanner(std::vector<std::string> anchors) : anchors_(std::move(anchors)) {
    for (const std::string& anchor : anchors_) {
      char c = anchor[0];
      is_start_[static_cast<unsigned char>(c)] = true;
      if (c >= 'a' && c <= 'z') is_start_[static_cast<unsigned char>(c - 'a' + 'A')] = true;
#ifdef __SSE2__
      AddKey(anchor);
#endif
    }
  }

  size_t Next(std::string_view text, size_t from) const {
    size_t i = from;
#ifdef __SSE2__
    const __m128i to_lower = _mm_set1_epi8(0x20);
    while (key_count_ <= kVectorKeys && i + 17 <= text.size()) {
      const char* at = text.data() + i;
      __m128i first = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), to_lower);
      __m128i second =
          _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 1)), to_lower);
      __m128i hits = _mm_setzero_si128();
      for (size_t k = 0; k < key_count_; ++k) {
        __m128i key = _mm_cmpeq_epi8(first, keys_[k].first);
        if (keys_[k].two) key = _mm_and_si128(key, _mm_cmpeq_epi8(second, keys_[k].second));
        hits = _mm_or_si128(hits, key);
      }
      for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0;
           mask &= mask - 1) {
        size_t candidate = i + static_cast<size_t>(__builtin_ctz(mask));
        if (StartsAnAnchor(text, candidate)) return candidate;
      }
      i += 16;
    }
#endif
    for (; i < text.size(); ++i) {
      if (is_start_[static_cast<unsigned char>(text[i])] && StartsAnAnchor(text, i)) return i;
    }
    return std::string_view::npos;
  }

 private:
#ifdef __SSE2__
  // The first byte (and the second, for an anchor of two or more) of an
  // anchor, or'ed with 0x20 as the text's bytes are.
  struct Key {
    __m128i first, second;
    bool two;
    char a, b;
  };

  void AddKey(const std::string& anchor) {
    const char a = static_cast<char>(anchor[0] | 0x20);
    const bool two = anchor.size() >= 2;
    const char b = two ? static_cast<char>(anchor[1] | 0x20) : '\0';
    for (size_t k = 0; k < std::min(key_count_, kVectorKeys); ++k) {
      if (keys_[k].a == a && keys_[k].two == two && keys_[k].b == b) return;
    }
    if (key_count_ < kVectorKeys)
      keys_[key_count_] = {_mm_set1_epi8(a), _mm_set1_epi8(b), two, a, b};
    ++key_count_;  // past kVectorKeys: the plain loop takes over
  }
#endif

  bool StartsAnAnchor(std::string_view text, size_t i) const {
    // Words start at a word boundary: "met" is not looked for in "amet".
    if (i > 0 && IsAsciiAlnum(text[i - 1])) return false;
    char c = Lower(text[i]);
    for (const std::string& anchor : anchors_) {
      if (c != anchor[0] || i + anchor.size() > text.size()) continue;
      size_t k = 1;
      while (k < anchor.size() && Lower(text[i + k]) == anchor[k]) ++k;
      if (k == anchor.size()) return true;
    }
    return false;
  }

  std::vector<std::string> anchors_;
  std::array<bool, 256> is_start_{};
#ifdef __SSE2__
  // More keys than this (a long query) cost more compares per block than
  // the plain loop's lookups.
  static constexpr size_t kVectorKeys = 8;
  Key keys_[kVectorKeys] = {};
  size_t key_count_ = 0;
#endif
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

// Where the passage holding every one of the `words` query words close
// together (within `max_bytes`) starts, when `matches` hold one; nullopt
// otherwise.
std::optional<size_t> PassageStart(const std::vector<Match>& matches, size_t words, size_t max_bytes) {
  if (matches.empty()) return std::nullopt;
  auto [first, last] = BestRun(matches, words, max_bytes);
  std::vector<bool> seen(words, false);
  size_t distinct = 0;
  for (size_t i = first; i <= last; ++i) {
    if (!seen[matches[i].which]) {
      seen[matches[i].which] = true;
      ++distinct;
    }
  }
  if (distinct != words) return std::nullopt;
  return matches[first].begin;
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

// True when the ASCII word text[at, end) certainly reads as one plain word
// (letters and digits between spaces or ordinary punctuation, no capital
// inside): the analyzer's term for it is then its lower case, so whether
// it matches a query word is known without analyzing the text around it.
// Joined forms (snake_case, e-mail, C++, node.js, camelCase, l'homme) and
// words running into non-ASCII text are left to the analyzer.
bool IsPlainAsciiWord(std::string_view text, size_t at, size_t end) {
  auto joins = [](char c) {
    return c == '_' || c == '-' || c == '\'' || c == '.' || c == ':' || c == '@' || c == '/' ||
           c == '+' || c == '#' || c == '&' || static_cast<unsigned char>(c) >= 0x80;
  };
  if (at > 0 && joins(text[at - 1])) return false;
  if (end < text.size() && joins(text[end])) {
    // A full stop or colon closing a sentence or clause joins nothing.
    bool closes = (text[end] == '.' || text[end] == ':') && (end + 1 == text.size() || IsSpace(text[end + 1]));
    if (!closes) return false;
  }
  for (size_t i = at + 1; i < end; ++i) {
    if (text[i] >= 'A' && text[i] <= 'Z') return false;
  }
  return true;
}

class Matcher {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  Matcher(Analyzer& analyzer, const SnippetTerms& terms)
      : analyzer_(analyzer), terms_(terms), ascii_words_(AllAscii(terms)) {}

  size_t word_count() const { return terms_.stems.size() + terms_.prefixes.size(); }

  // Analyzes text[begin, end) and appends its matches.
  // A compound ("memory-barrier", "spin_lock") matches by any of its parts,
  // as it does in the index; the whole compound is then highlighted.
  // A query of ASCII words never matches inside a run of Chinese, Japanese
  // or Korean text, and analyzing one loads ICU's dictionaries (about 1 ms
  // at first use): only the pieces around such runs are analyzed then,
  // which gives the same matches (common/text/cjk_runs.h).
  void Scan(std::string_view text, size_t begin, size_t end, std::vector<Match>& out) {
    std::string_view window = text.substr(begin, end - begin);
    if (!ascii_words_) {
      ScanPiece(window, begin, out);
      return;
    }
    for (auto [piece_begin, piece_end] : PiecesOutsideCjkRuns(window)) {
      ScanPiece(window.substr(piece_begin, piece_end - piece_begin), begin + piece_begin, out);
    }
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

  // Which query word `term` (an analyzed term) matches, or kNone.
  // Remembered per word: passages repeat the same words, and stemming is
  // the dearest step of matching.
  size_t Which(const std::string& term) {
    auto known = which_.find(term);
    if (known != which_.end()) return known->second;
    size_t which = Lookup(term);
    which_.emplace(term, which);
    return which;
  }

 private:
  size_t Lookup(const std::string& term) const {
    const std::vector<std::string>& stems = terms_.stems;
    auto s = std::find(stems.begin(), stems.end(), analyzer_.Stem(term));
    if (s != stems.end()) return static_cast<size_t>(s - stems.begin());
    for (size_t i = 0; i < terms_.prefixes.size(); ++i) {
      if (term.starts_with(terms_.prefixes[i])) return stems.size() + i;
    }
    return kNone;
  }

  // Appends the matches in `piece`, which starts at byte `offset` of the text.
  void ScanPiece(std::string_view piece, size_t offset, std::vector<Match>& out) {
    analyzer_.Tokenize(piece, [&](const Token& token) {
      size_t which = Which(token.term);
      for (size_t i = 0; which == kNone && i < token.parts.size(); ++i) which = Which(token.parts[i]);
      if (which != kNone) out.push_back({offset + token.begin, offset + token.end, which});
    });
  }

  // Every query word non-empty plain ASCII.
  static bool AllAscii(const SnippetTerms& terms) {
    for (const auto* list : {&terms.stems, &terms.prefixes}) {
      for (const std::string& word : *list) {
        if (word.empty()) return false;
        for (char c : word) {
          if (static_cast<unsigned char>(c) >= 0x80) return false;
        }
      }
    }
    return true;
  }

  Analyzer& analyzer_;
  const SnippetTerms terms_;
  const bool ascii_words_;
  std::unordered_map<std::string, size_t> which_;
};

}  // namespace

// What a SnippetMaker keeps from one text to the next.
class SnippetMaker::Impl {
 public:
  Impl(Analyzer& analyzer, const SnippetTerms& terms, const SnippetOptions& options)
      : matcher_(analyzer, terms), options_(options) {
    std::vector<std::string> anchors = matcher_.Anchors();
    if (!anchors.empty()) scanner_.emplace(std::move(anchors));
  }

  Snippet Make(std::string_view text);
  std::optional<Snippet> MakeFromStart(std::string_view start);

 private:
  std::vector<Match> FindMatches(std::string_view text);

  Matcher matcher_;
  std::optional<AnchorScanner> scanner_;  // none for a query word in another script
  SnippetOptions options_;
  // Where the last FindMatches found its passage to end (npos: not found).
  size_t passage_end_ = std::string_view::npos;
};

// Matches in `text`. With ASCII anchors for every query word, only the
// places where an anchor starts a word are looked at, in text order: a
// plain word there (IsPlainAsciiWord) is looked up directly, and a short
// window around any other is analyzed; this stops after the passage where
// the matches first hold every word close together (or after kMaxWindows
// windows or kMaxMatches matches). Otherwise (a query word in another
// script) the first kFullScanBytes are analyzed.
std::vector<Match> SnippetMaker::Impl::FindMatches(std::string_view text) {
  std::vector<Match> matches;
  passage_end_ = std::string_view::npos;
  if (!scanner_) {
    size_t end = text.size() <= kFullScanBytes ? text.size() : SnapBack(text, kFullScanBytes, 0, 64);
    matcher_.Scan(text, 0, end, matches);
    // All that is ever looked at: a shorter start of a longer text is not
    // enough (MakeFromStart).
    passage_end_ = kFullScanBytes;
    return matches;
  }
  const size_t words = matcher_.word_count();
  std::vector<bool> seen(words, false);
  size_t distinct = 0;
  size_t covered = 0;  // analyzed windows never overlap
  size_t from = 0;     // where the next anchor is looked for
  size_t windows = 0;
  size_t stop_at = std::string_view::npos;  // set once the passage is found
  std::string word;
  while (windows < kMaxWindows && matches.size() < kMaxMatches) {
    size_t hit = scanner_->Next(text, from);
    if (hit == std::string_view::npos || hit >= stop_at) break;
    size_t word_end = hit;
    while (word_end < text.size() && IsAsciiAlnum(text[word_end])) ++word_end;
    from = std::max(word_end, hit + 1);
    if (hit < covered) continue;
    size_t before = matches.size();
    if (IsPlainAsciiWord(text, hit, word_end)) {
      word.assign(text.substr(hit, word_end - hit));
      for (char& c : word) c = Lower(c);
      size_t which = matcher_.Which(word);
      if (which == Matcher::kNone) continue;
      matches.push_back({hit, word_end, which});
    } else {
      ++windows;
      size_t begin = std::max(covered, SnapBack(text, hit, covered, 32));
      size_t end = SnapForward(text, word_end, kWindowBytes);
      matcher_.Scan(text, begin, end, matches);
      covered = std::max(end, hit + 1);
      from = std::max(from, covered);
    }
    for (size_t i = before; i < matches.size(); ++i) {
      if (!seen[matches[i].which]) {
        seen[matches[i].which] = true;
        ++distinct;
      }
    }
    if (stop_at == std::string_view::npos && distinct == words && matches.size() > before) {
      if (std::optional<size_t> passage = PassageStart(matches, words, options_.max_bytes)) {
        // Every word is close together: the passage is found; only the
        // rest of it is still looked at, for more matches to highlight.
        stop_at = *passage + options_.max_bytes;
        passage_end_ = stop_at;
      }
    }
  }
  return matches;
}

Snippet SnippetMaker::Impl::Make(std::string_view text) {
  text = TruncateUtf8(text, options_.scan_bytes);
  const size_t room = options_.max_bytes;
  if (text.empty() || room == 0) return {};
  std::vector<Match> matches = FindMatches(text);

  size_t lo, hi;  // the matches' own span
  if (matches.empty()) {
    lo = hi = 0;
  } else {
    auto [first, last] = BestRun(matches, matcher_.word_count(), room);
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

std::optional<Snippet> SnippetMaker::Impl::MakeFromStart(std::string_view start) {
  // With a query word in another script the first kFullScanBytes of a text
  // are analyzed, which a shorter start is not.
  if (!scanner_ && start.size() < kFullScanBytes) return std::nullopt;
  passage_end_ = std::string_view::npos;  // Make() of an empty start finds none
  Snippet snippet = Make(start);
  // The snippet reaches at most max_bytes past the passage (the best run
  // of matches may start anywhere before its end), and the analysis of a
  // match kWindowBytes further: within the start, it is the whole text's.
  if (passage_end_ == std::string_view::npos ||
      passage_end_ + options_.max_bytes + kWindowBytes >= start.size()) {
    return std::nullopt;
  }
  return snippet;
}

SnippetMaker::SnippetMaker(Analyzer& analyzer, const SnippetTerms& terms, const SnippetOptions& options)
    : impl_(std::make_unique<Impl>(analyzer, terms, options)) {}

SnippetMaker::~SnippetMaker() = default;

Snippet SnippetMaker::Make(std::string_view text) { return impl_->Make(text); }

std::optional<Snippet> SnippetMaker::MakeFromStart(std::string_view start) {
  return impl_->MakeFromStart(start);
}

Snippet MakeSnippet(std::string_view text, Analyzer& analyzer, const SnippetTerms& terms,
                    const SnippetOptions& options) {
  return SnippetMaker(analyzer, terms, options).Make(text);
}

}  // namespace quarry::searcher

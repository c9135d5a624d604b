#include "searcher/rank/snippet.h"

#include <algorithm>
#include <set>

#include "common/text/utf8.h"

namespace quarry::searcher {

namespace {

struct Match {
  size_t begin, end;  // byte range in the text
  size_t which;       // index of the query word (by stem) it matches
};

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

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
      snippet.highlights.emplace_back(highlight_start, snippet.text.size());
      ++m;
    }
  }
  while (!snippet.text.empty() && snippet.text.back() == ' ') snippet.text.pop_back();
  return snippet;
}

}  // namespace

Snippet MakeSnippet(std::string_view text, Analyzer& analyzer,
                    const std::vector<std::string>& stems, const SnippetOptions& options) {
  text = TruncateUtf8(text, options.scan_bytes);
  std::vector<Token> tokens = analyzer.Tokenize(text);
  std::vector<Match> matches;
  for (const Token& token : tokens) {
    auto s = std::find(stems.begin(), stems.end(), analyzer.Stem(token.term));
    if (s != stems.end()) {
      matches.push_back({token.begin, token.end, static_cast<size_t>(s - stems.begin())});
    }
  }
  if (tokens.empty()) {
    return Render(text, 0, TruncateUtf8(text, options.max_bytes).size(), matches);
  }

  // The window of matches that fits the length with the most distinct
  // words, then the most matches, then the earliest.
  size_t best_first = 0, best_last = 0, best_distinct = 0, best_count = 0;
  for (size_t first = 0; first < matches.size(); ++first) {
    std::set<size_t> distinct;
    size_t last = first;
    for (size_t j = first;
         j < matches.size() && matches[j].end - matches[first].begin <= options.max_bytes; ++j) {
      distinct.insert(matches[j].which);
      last = j;
    }
    size_t count = last - first + 1;
    if (distinct.size() > best_distinct ||
        (distinct.size() == best_distinct && count > best_count)) {
      best_first = first;
      best_last = last;
      best_distinct = distinct.size();
      best_count = count;
    }
  }

  // Tokens [lo, hi) form the passage; start from the best matches (or the
  // text's first word) and add context word by word: up to a third of the
  // room before the matches, the rest after, then before again if the text
  // ends first.
  const auto token_at = [&](size_t byte) {
    return static_cast<size_t>(std::lower_bound(tokens.begin(), tokens.end(), byte,
                                                [](const Token& t, size_t b) { return t.begin < b; }) -
                               tokens.begin());
  };
  size_t lo = matches.empty() ? 0 : token_at(matches[best_first].begin);
  size_t hi = matches.empty() ? 1 : token_at(matches[best_last].begin) + 1;
  const auto span = [&](size_t l, size_t h) { return tokens[h - 1].end - tokens[l].begin; };
  while (lo > 0 && span(lo - 1, hi) <= options.max_bytes / 3) --lo;
  while (hi < tokens.size() && span(lo, hi + 1) <= options.max_bytes) ++hi;
  while (lo > 0 && span(lo - 1, hi) <= options.max_bytes) --lo;

  size_t begin = lo == 0 ? 0 : tokens[lo].begin;
  size_t end = hi == tokens.size() ? text.size() : tokens[hi - 1].end;
  // Keep the punctuation that closes the last word (a period, a quote).
  while (end < text.size() && !IsSpace(text[end]) && static_cast<unsigned char>(text[end]) < 0x80 &&
         !std::isalnum(static_cast<unsigned char>(text[end])) && end - tokens[hi - 1].end < 3) {
    ++end;
  }
  return Render(text, begin, end, matches);
}

}  // namespace quarry::searcher

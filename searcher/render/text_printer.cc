#include "searcher/render/text_printer.h"

#include <cstdio>

#include "common/text/terminal_escape.h"

namespace quarry::searcher {

namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kHighlight = "\x1b[1;31m";
constexpr const char* kPathColor = "\x1b[35m";
constexpr const char* kWarnColor = "\x1b[33m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // U+2026

// `text` (from a file or the index: escaped first) in `style`.
std::string Styled(const std::string& text, const char* style, bool color) {
  std::string safe = EscapeForTerminal(text);
  return color ? std::string(style) + safe + kReset : safe;
}

std::string Documents(uint64_t n) { return std::to_string(n) + (n == 1 ? " document" : " documents"); }

std::string AboutMatching(uint64_t n) {
  return "About " + std::to_string(n) + (n == 1 ? " matching document" : " matching documents");
}

std::string FreshnessNote(Freshness freshness) {
  switch (freshness) {
    case Freshness::kChanged: return "changed since indexed";
    case Freshness::kVanished: return "file no longer exists";
    case Freshness::kFresh:
    case Freshness::kUnknown: break;
  }
  return "";
}

void PrintExplanation(const Hit& hit, std::ostream& out) {
  char line[640];
  std::snprintf(line, sizeof line, "   score %.4f:\n", hit.score);
  out << line;
  for (const TermContribution& c : hit.explanation) {
    // A word feedback added is marked with '+' and its scale.
    char added[64] = "";
    if (c.expansion) std::snprintf(added, sizeof added, "; added by feedback, x%.2f", c.scale);
    std::string term = EscapeForTerminal(c.expansion ? "+" + c.term : c.term);
    std::snprintf(line, sizeof line,
                  "     %-16s %.4f  (tf %u, doc length %u, avg length %.1f, idf %.3f: %llu of %llu documents; term %s%s)\n",
                  term.c_str(), c.weight, c.wdf, c.doc_length, c.avg_length, c.idf,
                  static_cast<unsigned long long>(c.term_docs), static_cast<unsigned long long>(c.doc_count),
                  EscapeForTerminal(c.index_term).c_str(), added);
    out << line;
  }
}

void PrintNothingFound(const ResultPage& page, std::ostream& out) {
  if (page.offset > 0 && page.estimated_total > 0) {
    out << "No more documents match \"" << EscapeForTerminal(page.query) << "\".\n";
    return;
  }
  out << "No documents match \"" << EscapeForTerminal(page.query) << "\"";
  if (page.tried.size() > 1) {
    out << ": tried ";
    for (size_t i = 0; i < page.tried.size(); ++i) {
      if (i > 0) out << ", then ";
      out << EscapeForTerminal(page.tried[i].what) << " (" << page.tried[i].total << ")";
    }
  }
  out << ".\n";
}

}  // namespace

std::string FormatSnippet(const Snippet& snippet, bool color) {
  std::string out;
  if (snippet.cut_before) out += kEllipsis;
  const std::string_view text = snippet.text;
  size_t pos = 0;
  for (const auto& [begin, end] : snippet.highlights) {
    out += EscapeForTerminal(text.substr(pos, begin - pos));
    out += Styled(snippet.text.substr(begin, end - begin), kHighlight, color);
    pos = end;
  }
  out += EscapeForTerminal(text.substr(pos));
  if (snippet.cut_after) out += kEllipsis;
  return out;
}

void TextPrinter::Print(const ResultPage& page, std::ostream& out) const {
  if (page.count_only && page.estimated_total > 0) {
    // --limit 0: the count is the answer.
    out << AboutMatching(page.estimated_total) << ".\n";
    return;
  }
  if (page.hits.empty()) PrintNothingFound(page, out);
  if (page.suggestion) {
    out << "Did you mean \"" << Styled(page.suggestion->query, kBold, color_) << "\"? ("
        << Documents(page.suggestion->total) << " with all its words)\n";
  }
  if (page.hits.empty()) return;
  if (page.explain && !page.expanded_with.empty()) {
    out << "Words added by feedback (from the best matches):";
    for (const std::string& word : page.expanded_with) out << " " << EscapeForTerminal(word);
    out << "\n";
  }
  if (page.suggestion || (page.explain && !page.expanded_with.empty())) out << "\n";
  for (const Hit& hit : page.hits) {
    char score[64];
    std::snprintf(score, sizeof score, "%.2f, %d%%", hit.score, hit.percent);
    std::string title = hit.title.empty() ? "(untitled)" : hit.title;
    out << hit.rank << ". " << Styled(title, kBold, color_) << "  [" << score << "]";
    std::string freshness = FreshnessNote(hit.freshness);
    if (!freshness.empty()) out << "  " << Styled("(" + freshness + ")", kWarnColor, color_);
    out << "\n";
    out << "   " << Styled(DisplayPath(hit, cwd_), kPathColor, color_) << "\n";
    if (!hit.snippet.text.empty()) out << "   " << FormatSnippet(hit.snippet, color_) << "\n";
    if (page.explain) PrintExplanation(hit, out);
    out << "\n";
  }
  size_t first = page.offset + 1;
  size_t last = page.offset + page.hits.size();
  out << AboutMatching(page.estimated_total) << "; showing " << first << "-" << last << ".\n";
}

}  // namespace quarry::searcher

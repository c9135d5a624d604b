#include "searcher/render/text_printer.h"

#include <cstdio>

namespace quarry::searcher {

namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kHighlight = "\x1b[1;31m";
constexpr const char* kPathColor = "\x1b[35m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // U+2026

std::string Styled(const std::string& text, const char* style, bool color) {
  return color ? std::string(style) + text + kReset : text;
}

}  // namespace

std::string FormatSnippet(const Snippet& snippet, bool color) {
  std::string out;
  if (snippet.cut_before) out += kEllipsis;
  size_t pos = 0;
  for (const auto& [begin, end] : snippet.highlights) {
    out.append(snippet.text, pos, begin - pos);
    out += Styled(snippet.text.substr(begin, end - begin), kHighlight, color);
    pos = end;
  }
  out.append(snippet.text, pos, std::string::npos);
  if (snippet.cut_after) out += kEllipsis;
  return out;
}

void TextPrinter::Print(const ResultPage& page, std::ostream& out) const {
  if (page.hits.empty()) {
    out << (page.offset > 0 && page.estimated_total > 0 ? "No more documents match \""
                                                         : "No documents match \"")
        << page.query << "\".\n";
    return;
  }
  for (const Hit& hit : page.hits) {
    char score[64];
    std::snprintf(score, sizeof score, "%.2f, %d%%", hit.score, hit.percent);
    std::string title = hit.title.empty() ? "(untitled)" : hit.title;
    out << hit.rank << ". " << Styled(title, kBold, color_) << "  [" << score << "]\n";
    out << "   " << Styled(DisplayPath(hit, cwd_), kPathColor, color_) << "\n";
    if (!hit.snippet.text.empty()) out << "   " << FormatSnippet(hit.snippet, color_) << "\n";
    out << "\n";
  }
  size_t first = page.offset + 1;
  size_t last = page.offset + page.hits.size();
  out << "About " << page.estimated_total << " matching document"
      << (page.estimated_total == 1 ? "" : "s") << "; showing " << first << "-" << last << ".\n";
}

}  // namespace quarry::searcher

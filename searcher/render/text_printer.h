// File: searcher/render/text_printer.h
// The terminal format: rank, title, score, path, highlighted snippet.
// Whatever comes from files or the index (titles, paths, snippets, words,
// the query echoed) is printed through EscapeForTerminal, on a terminal or
// not: the only escape sequences written are Quarry's own colours.
#ifndef QUARRY_SEARCHER_RENDER_TEXT_PRINTER_H_
#define QUARRY_SEARCHER_RENDER_TEXT_PRINTER_H_

#include "searcher/render/printer.h"

namespace quarry::searcher {

class TextPrinter : public Printer {
 public:
  TextPrinter(bool color, std::string cwd) : color_(color), cwd_(std::move(cwd)) {}
  void Print(const ResultPage& page, std::ostream& out) const override;

 private:
  bool color_;
  std::string cwd_;
};

// The snippet's text, escaped for a terminal, with its highlights wrapped
// in ANSI bold (when `color`) or left plain.
std::string FormatSnippet(const Snippet& snippet, bool color);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_TEXT_PRINTER_H_

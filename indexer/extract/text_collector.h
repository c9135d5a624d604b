// File: indexer/extract/text_collector.h
// Builds an extracted text from pieces of markup (HTML, XML of office and
// e-book formats) the way a reader sees it: runs of blanks collapse to one
// space, and a block (paragraph, cell, heading) ends its line.
#ifndef QUARRY_INDEXER_EXTRACT_TEXT_COLLECTOR_H_
#define QUARRY_INDEXER_EXTRACT_TEXT_COLLECTOR_H_

#include <string>
#include <string_view>

namespace quarry::indexer {

class TextCollector {
 public:
  // Appends `text`: its blanks (space, tab, CR, LF, form feed) and those
  // around it collapse to one space; none at the start of a line or after
  // a cell's tab.
  void AddText(std::string_view text);
  // Appends `text` as it is (a space or a tab the markup asks for): no
  // collapsing, but a space pending before it is kept.
  void AddVerbatim(std::string_view text);
  // Ends a table cell: a tab, unless the line is empty or ends with one.
  void EndCell();
  // Ends the current line (blanks at its end dropped), unless it is empty.
  void Break();
  // Ends the current paragraph with an empty line (two line ends), unless
  // the text is empty or ends one already.
  void BreakParagraph();
  bool empty() const { return out_.empty(); }
  // The text, without trailing line ends; the collector is left empty.
  std::string Take();

 private:
  std::string out_;
  bool pending_space_ = false;
};

// `s` as one line: blanks and line ends collapsed to single spaces, none at
// either end (a field's value, a title).
std::string OneLine(std::string_view s);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_TEXT_COLLECTOR_H_

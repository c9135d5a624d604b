// File: indexer/extract/roff_text.h
// A man page's roff source -> its text as a reader sees it, and its name,
// section and one-line description. Reads the man(7) and mdoc(7) macro
// sets, tbl(1) tables, strings (.ds), conditionals (.if/.ie/.el, as nroff
// decides them), and skips what is no text (comments, macro definitions,
// .ig blocks, eqn and pic). A focused converter, not a typesetter: line
// filling, hyphenation and page layout do not matter to a search index.
// Bounded: every line is read once, strings are interpolated to a fixed
// depth, and user macros are never run (their definitions are skipped).
#ifndef QUARRY_INDEXER_EXTRACT_ROFF_TEXT_H_
#define QUARRY_INDEXER_EXTRACT_ROFF_TEXT_H_

#include <string>
#include <string_view>

namespace quarry::indexer {

struct RoffPage {
  // From the NAME section: the first name it lists ("mount", "ssh-keygen")
  // and its description ("mount a filesystem"); else the .TH or .Dt name.
  std::string name;
  std::string description;
  // The .TH or .Dt section as written, lower case ("8", "1ssl", "3pm");
  // empty when the page has neither.
  std::string section;
  // The text, without macros or escapes; a line per input line, sections
  // and paragraphs an empty line apart.
  std::string text;
  // A page that only includes another (".so man1/gzip.1"): its target.
  std::string included_page;
};

// Converts UTF-8 roff source.
RoffPage ConvertRoff(std::string_view source);

// True when `sample` (a file's first bytes) is a man page's source: before
// its first line of text, among blank lines, comments and requests (a
// generator's preamble), a .TH or .Dd request, or a lone .so request. Other
// roff (me, ms documents) is not a man page.
bool LooksLikeManPage(std::string_view sample);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_ROFF_TEXT_H_

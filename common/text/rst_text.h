// File: common/text/rst_text.h
// reStructuredText as the text a reader sees: its most visible markup
// removed (section underlines and overlines, comments such as SPDX headers,
// hyperlink targets, directive lines and their options, roles and link
// targets). The indexer indexes this text of a .rst file; the searcher
// derives it again from the file for a snippet when the index holds no copy
// (common/index/stored_text.h). Pure functions of UTF-8 text.
//
// RstPlainText is part of the index format: documents whose data says
// FileText::kRst were indexed with its text, and their snippets are cut
// from what it gives now. A change to what it removes needs a new FileText
// letter (or indexes rebuilt), or snippets drift from the indexed words.
#ifndef QUARRY_COMMON_TEXT_RST_TEXT_H_
#define QUARRY_COMMON_TEXT_RST_TEXT_H_

#include <string>
#include <string_view>

namespace quarry {

// The text of `rst` without markup, line by line: a line's text depends only
// on the lines before it, so the text of the first lines of a file is the
// start of the text of the whole file.
std::string RstPlainText(std::string_view rst);

// The first section title (a line followed by an underline of one repeated
// punctuation character at least as long), its inline markup removed;
// empty when there is none.
std::string RstFirstSectionTitle(std::string_view rst);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_RST_TEXT_H_

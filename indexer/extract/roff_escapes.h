// File: indexer/extract/roff_escapes.h
// roff's inline escapes (the "\x" sequences of man pages) -> the text a
// terminal shows: font and size changes and motions vanish (so a word in
// \fBbold\fR is the word), special characters (\(em, \[u00E9]) become
// their UTF-8, strings (\*(lq, .ds ones) are interpolated. Used by
// roff_text.h for every text line and macro argument.
#ifndef QUARRY_INDEXER_EXTRACT_ROFF_ESCAPES_H_
#define QUARRY_INDEXER_EXTRACT_ROFF_ESCAPES_H_

#include <map>
#include <string>
#include <string_view>

namespace quarry::indexer {

// The strings and character translations a page defines (.ds, .tr), on
// top of the predefined ones.
struct RoffDefinitions {
  std::map<std::string, std::string, std::less<>> strings;
  // A character (as UTF-8, after special characters are resolved) -> what
  // .tr makes of it.
  std::map<std::string, std::string, std::less<>> translations;
};

// What ExpandRoffEscapes found at the end of the line.
struct RoffLineEnd {
  // The line ended with \c: the next text line continues it, without a
  // space.
  bool joins_next = false;
};

// `line` with its escapes expanded (see the file comment). Comments (\")
// end the line. Strings are interpolated up to a depth, and the result is
// cut at kMaxRoffLineBytes, so a hostile definition cannot blow up.
std::string ExpandRoffEscapes(std::string_view line, const RoffDefinitions& definitions,
                              RoffLineEnd* end = nullptr);

inline constexpr size_t kMaxRoffLineBytes = 64 * 1024;

// The UTF-8 of a roff special character by its name ("em" -> "—", "aq" ->
// "'", "u00E9" -> "é", "*a" -> "α"); "" when unknown.
std::string RoffSpecialCharacter(std::string_view name);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_ROFF_ESCAPES_H_

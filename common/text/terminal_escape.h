// File: common/text/terminal_escape.h
// Text that comes from files (names, titles, snippets, index words) made
// safe for a terminal, for terminal output (search results, the indexer's file lines): no file can move the cursor,
// recolour, clear or retitle the screen of the person reading the results.
#ifndef QUARRY_COMMON_TEXT_TERMINAL_ESCAPE_H_
#define QUARRY_COMMON_TEXT_TERMINAL_ESCAPE_H_

#include <string>
#include <string_view>

namespace quarry {

// `text` with every control character written out, and everything else as
// it is (UTF-8, backslashes included):
//   tab, line feed, carriage return   -> \t \n \r
//   other C0 controls (ESC, BEL, NUL...), DEL, and the C1 controls
//   U+0080..U+009F (CSI among them)   -> \xHH for each of their bytes
//   each byte that is not part of valid UTF-8 -> \xHH
// (HH is lower-case hexadecimal.) So ESC [ 3 1 m becomes the six
// characters \x1b[31m, and a name with byte 0xFF shows \xff.
std::string EscapeForTerminal(std::string_view text);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_TERMINAL_ESCAPE_H_

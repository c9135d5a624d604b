// Text from files made safe for a terminal (common/text/terminal_escape.h):
// every control character and invalid byte written out, the rest as it is.
#include "common/text/terminal_escape.h"

#include <gtest/gtest.h>

namespace quarry {
namespace {

struct EscapeCase {
  std::string text;
  std::string shown;
};

TEST(EscapeForTerminalTest, Table) {
  const EscapeCase cases[] = {
      {"plain ASCII, with \\ and \"quotes\"", "plain ASCII, with \\ and \"quotes\""},
      {"caf\xC3\xA9 \xE7\x8C\xAB \xF0\x9F\x90\xA6", "caf\xC3\xA9 \xE7\x8C\xAB \xF0\x9F\x90\xA6"},
      {"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},                // CSI colours
      {"\x1b]0;PWNED\x07", "\\x1b]0;PWNED\\x07"},                     // OSC title change, BEL
      {"a\tb\nc\rd", "a\\tb\\nc\\rd"},
      {std::string("nul\0byte", 8), "nul\\x00byte"},
      {"del\x7f", "del\\x7f"},
      {"c1 \xC2\x9B" "2J \xC2\x85 \xC2\x80", "c1 \\xc2\\x9b2J \\xc2\\x85 \\xc2\\x80"},  // U+009B CSI, NEL
      {"nbsp\xC2\xA0kept", "nbsp\xC2\xA0kept"},                      // U+00A0 is not a control
      {"bad\xff" "name", "bad\\xffname"},                             // not UTF-8
      {"lone \x9b byte", "lone \\x9b byte"},                          // raw C1 byte, not UTF-8
      {"cut \xE7\x8C", "cut \\xe7\\x8c"},                             // a character cut short
      {"real \xEF\xBF\xBD kept", "real \xEF\xBF\xBD kept"},          // a real U+FFFD
      {"", ""},
  };
  for (const EscapeCase& c : cases) EXPECT_EQ(EscapeForTerminal(c.text), c.shown) << c.shown;
}

TEST(EscapeForTerminalTest, OutputHoldsNoControlByteAndIsValidUtf8) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string shown = EscapeForTerminal(every_byte);
  for (char c : shown) {
    const auto b = static_cast<unsigned char>(c);
    EXPECT_TRUE(b >= 0x20 && b < 0x7F) << static_cast<int>(b);
  }
}

}  // namespace
}  // namespace quarry

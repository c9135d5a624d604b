#include "common/text/utf8.h"

#include <gtest/gtest.h>

namespace quarry {
namespace {

struct Utf8Case {
  const char* name;
  std::string input;
  bool valid;
  std::string sanitized;
};

TEST(Utf8Test, ValidatesAndSanitizes) {
  const std::string kReplacement = "\xEF\xBF\xBD";
  const Utf8Case cases[] = {
      {"ascii", "hello", true, "hello"},
      {"two_byte", "caf\xC3\xA9", true, "caf\xC3\xA9"},
      {"four_byte", "\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},
      {"lone_continuation", "a\x80" "b", false, "a" + kReplacement + "b"},
      {"overlong", "\xC0\xAF", false, kReplacement},  // one per broken sequence
      {"surrogate", "\xED\xA0\x80", false, kReplacement},
      {"truncated", "ab\xE2\x82", false, "ab" + kReplacement},
      {"latin1", "caf\xE9!", false, "caf" + kReplacement + "!"},
  };
  for (const Utf8Case& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.input), c.valid) << c.name;
    EXPECT_EQ(SanitizeUtf8(c.input), c.sanitized) << c.name;
    EXPECT_TRUE(IsValidUtf8(SanitizeUtf8(c.input))) << c.name;
  }
}

TEST(Utf8Test, TruncatesOnCharacterBoundaries) {
  std::string s = "a\xC3\xA9\xC3\xA9";
  EXPECT_EQ(TruncateUtf8(s, 2), "a");
  EXPECT_EQ(TruncateUtf8(s, 3), "a\xC3\xA9");
  EXPECT_EQ(TruncateUtf8(s, 100), s);
}

}  // namespace
}  // namespace quarry

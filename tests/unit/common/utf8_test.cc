#include "common/text/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

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

TEST(Utf8Test, ValidPrefixEndsAtTheFirstBadByteWhereverItIs) {
  // Long runs of ASCII are checked 32 and 8 bytes at a time: a bad byte or a
  // character at any offset must still be seen.
  const std::string ascii(100, 'a');
  for (size_t n = 0; n <= ascii.size(); ++n) EXPECT_EQ(ValidUtf8Prefix(ascii.substr(0, n)), n) << n;
  for (size_t at = 0; at < ascii.size(); ++at) {
    std::string bad = ascii;
    bad[at] = '\xFF';
    EXPECT_EQ(ValidUtf8Prefix(bad), at) << at;
    std::string accented = ascii.substr(0, at) + "\xC3\xA9" + ascii.substr(at);
    EXPECT_EQ(ValidUtf8Prefix(accented), accented.size()) << at;
    std::string cut = ascii.substr(0, at) + "\xE2\x82";  // a character cut short at the end
    EXPECT_EQ(ValidUtf8Prefix(cut), at) << at;
  }
}

TEST(Utf8Test, ValidPrefixOfMixedScriptsEndsAtTheBadByte) {
  // Runs of ASCII and of characters of two, three and four bytes, in every
  // order and alignment: the valid prefix ends exactly where a bad byte
  // (or a character cut short) is put between two pieces.
  const std::vector<std::string> pieces = {"a",
                                           "heron ",
                                           "\xD0\x9F\xD1\x80\xD0\xB8",
                                           " ",
                                           "caf\xC3\xA9",
                                           "\xE6\x97\xA5\xE6\x9C\xAC",
                                           "\xF0\x9F\x90\xA6",
                                           "0123456789abcdef0123456789abcdef!"};
  uint32_t seed = 7;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t count = next() % 12;
    for (size_t k = 0; k < count; ++k) text += pieces[(next() >> 8) % pieces.size()];
    ASSERT_EQ(ValidUtf8Prefix(text), text.size()) << round;
    const size_t at = text.size();
    std::string bad = text + (round % 2 ? "\xFF" : "\xE2\x82");
    for (size_t k = (next() >> 8) % 6; k > 0; --k) bad += pieces[(next() >> 8) % pieces.size()];
    EXPECT_EQ(ValidUtf8Prefix(bad), at) << round;
  }
}

TEST(Utf8Test, ASampleMayEndInACutCharacter) {
  EXPECT_TRUE(IsValidUtf8Sample(""));
  EXPECT_TRUE(IsValidUtf8Sample("caf\xC3\xA9"));
  EXPECT_TRUE(IsValidUtf8Sample("caf\xC3"));           // é cut after its lead byte
  EXPECT_TRUE(IsValidUtf8Sample("x\xF0\x9F\x98"));     // an emoji missing its last byte
  EXPECT_FALSE(IsValidUtf8Sample("caf\xE9 au lait"));  // Latin-1 inside
  EXPECT_FALSE(IsValidUtf8Sample("x\x98"));            // a continuation byte alone
  EXPECT_FALSE(IsValidUtf8Sample("caf\xC3 au lait"));  // cut, but not at the end
  EXPECT_FALSE(
      IsValidUtf8Sample("abc\xC3"
                        "A"));  // a lead byte, then no continuation
  EXPECT_FALSE(
      IsValidUtf8Sample("abc\xE2\x82"
                        "A"));
  EXPECT_FALSE(IsValidUtf8Sample("abc\xFF"));          // never in UTF-8
  EXPECT_FALSE(IsValidUtf8Sample("abc\xC0"));          // an overlong form's lead
  EXPECT_FALSE(IsValidUtf8Sample("abc\xC3\xA9\xA9"));  // a continuation too many
}

TEST(Utf8Test, TruncatesOnCharacterBoundaries) {
  std::string s = "a\xC3\xA9\xC3\xA9";
  EXPECT_EQ(TruncateUtf8(s, 2), "a");
  EXPECT_EQ(TruncateUtf8(s, 3), "a\xC3\xA9");
  EXPECT_EQ(TruncateUtf8(s, 100), s);
}

TEST(Utf8Test, DecodesCodePointsWithTheirEnds) {
  std::vector<size_t> ends;
  // a, é (2 bytes), € (3 bytes), 𝄞 (4 bytes)
  EXPECT_EQ(DecodeUtf8("a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E", &ends), U"a\u00E9\u20AC\U0001D11E");
  EXPECT_EQ(ends, (std::vector<size_t>{1, 3, 6, 10}));
  // Each invalid byte is one U+FFFD.
  EXPECT_EQ(DecodeUtf8("x\xFF\xC3", &ends), U"x\uFFFD\uFFFD");
  EXPECT_EQ(ends, (std::vector<size_t>{1, 2, 3}));
  EXPECT_EQ(DecodeUtf8(""), U"");
}

}  // namespace
}  // namespace quarry

#include "common/text/encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/text/utf8.h"
#include "tests/support/status_matchers.h"

namespace quarry {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

std::string ReadTestdata(const std::string& relative) {
  std::ifstream in(std::string(QUARRY_TESTDATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  EXPECT_TRUE(in.good() || in.eof()) << relative;
  return out.str();
}

struct LegacyCase {
  const char* file;
  const char* encoding;  // what DecodeText must report
  const char* phrase;    // UTF-8 text the decoded content must hold
};

// The fixture files were written once by Python's codecs (see
// tests/testdata/multilingual/README.md); they are the bytes real legacy
// editors produce.
class LegacyEncodingTest : public ::testing::TestWithParam<LegacyCase> {};

TEST_P(LegacyEncodingTest, DetectsAndConverts) {
  const LegacyCase& c = GetParam();
  std::string bytes = ReadTestdata(std::string("multilingual/legacy/") + c.file);
  ASSERT_FALSE(bytes.empty());
  DecodedText decoded = DecodeText(bytes);
  EXPECT_EQ(decoded.encoding, c.encoding);
  EXPECT_TRUE(IsValidUtf8(decoded.text));
  EXPECT_THAT(decoded.text, HasSubstr(c.phrase));
  EXPECT_EQ(decoded.replaced, 0u);
  EXPECT_NE(decoded.text.substr(0, 3), "\xEF\xBB\xBF") << "byte-order mark kept";
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LegacyEncodingTest,
    ::testing::Values(
        LegacyCase{"fr-windows-1252.txt", "windows-1252", "l\xE2\x80\x99\xC5\x93uvre"},
        LegacyCase{"de-latin1.txt", "windows-1252", "Gr\xC3\xB6\xC3\x9F" "ere \xC3\x9C" "bungen"},
        LegacyCase{"el-utf16.txt", "UTF-16LE", "\xCE\x98\xCE\xAC\xCE\xBB\xCE\xB1\xCF\x83\xCF\x83\xCE\xB1"},
        LegacyCase{"ja-shift_jis.txt", "Shift_JIS", "\xE5\xAF\x8C\xE5\xA3\xAB\xE5\xB1\xB1"},
        LegacyCase{"zh-gb18030.txt", "GB18030", "\xE9\x95\xBF\xE5\x9F\x8E"},
        LegacyCase{"ru-koi8-r.txt", "KOI8-R", "\xD0\x97\xD0\xB8\xD0\xBC\xD0\xBD\xD0\xB8\xD0\xB9"}),
    [](const ::testing::TestParamInfo<LegacyCase>& info) {
      std::string name = info.param.file;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST(DecodeTextTest, Utf8IsPassedThrough) {
  DecodedText decoded = DecodeText("caf\xC3\xA9 \xE5\x8C\x97\xE4\xBA\xAC");
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.text, "caf\xC3\xA9 \xE5\x8C\x97\xE4\xBA\xAC");
  EXPECT_EQ(DecodeText("plain ascii").encoding, "UTF-8");
  EXPECT_EQ(DecodeText("").encoding, "UTF-8");
}

TEST(DecodeTextTest, Utf8ByteOrderMarkIsDropped) {
  DecodedText decoded = DecodeText("\xEF\xBB\xBFhello");
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.text, "hello");
}

TEST(DecodeTextTest, Utf16BigEndianWithMark) {
  std::string bytes("\xFE\xFF\x00h\x00i\x00\xE9", 8);
  DecodedText decoded = DecodeText(bytes);
  EXPECT_EQ(decoded.encoding, "UTF-16BE");
  EXPECT_EQ(decoded.text, "hi\xC3\xA9");
}

TEST(DecodeTextTest, Utf16WithoutMarkIsRecognisedByItsNuls) {
  std::string text = "plain words in a file saved as UTF-16 by a Windows tool";
  std::string bytes;
  for (char ch : text) {
    bytes += ch;
    bytes += '\0';
  }
  EXPECT_TRUE(LooksLikeWideText(bytes));
  DecodedText decoded = DecodeText(bytes);
  EXPECT_EQ(decoded.encoding, "UTF-16LE");
  EXPECT_EQ(decoded.text, text);
}

TEST(DecodeTextTest, BinaryIsNotWideText) {
  std::string binary("\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", 20);
  EXPECT_FALSE(LooksLikeWideText(binary));
  EXPECT_FALSE(LooksLikeWideText("plain text"));
  EXPECT_TRUE(LooksLikeWideText(std::string("\xFF\xFEh\x00", 4)));
}

TEST(DecodeTextTest, MostlyUtf8WithABrokenByteStaysUtf8) {
  std::string bytes = "\xE5\x8C\x97\xE4\xBA\xAC caf\xC3\xA9 na\xC3\xAFve \xFF end";
  DecodedText decoded = DecodeText(bytes);
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.replaced, 1u);
  EXPECT_TRUE(IsValidUtf8(decoded.text));
  EXPECT_THAT(decoded.text, HasSubstr("\xEF\xBF\xBD end"));
}

TEST(DecodeTextTest, DeclaredCharsetWins) {
  // "Привет" in windows-1251, too short for the detector to be sure.
  std::string bytes = "\xCF\xF0\xE8\xE2\xE5\xF2";
  DecodedText decoded = DecodeText(bytes, {.declared_charset = "cp1251"});
  EXPECT_EQ(decoded.encoding, "windows-1251");
  EXPECT_EQ(decoded.text, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

TEST(DecodeTextTest, UnknownDeclaredCharsetIsIgnored) {
  DecodedText decoded = DecodeText("caf\xE9", {.declared_charset = "no-such-charset"});
  EXPECT_EQ(decoded.encoding, "windows-1252");
  EXPECT_EQ(decoded.text, "caf\xC3\xA9");
}

TEST(DecodeTextTest, GarbageNeverFailsAndGivesValidUtf8) {
  std::string bytes;
  for (int i = 1; i < 256; ++i) bytes += static_cast<char>(i);
  DecodedText decoded = DecodeText(bytes);
  EXPECT_FALSE(decoded.encoding.empty());
  EXPECT_TRUE(IsValidUtf8(decoded.text));
}

TEST(ConvertToUtf8Test, ReplacesInvalidSequencesAndCountsThem) {
  // A stray continuation byte is invalid UTF-8; a Shift_JIS lead byte 0x82
  // without its trail byte is broken.
  ASSERT_OK_AND_ASSIGN(DecodedText utf8, ConvertToUtf8("a\x81" "b", "UTF-8"));
  EXPECT_EQ(utf8.text, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(utf8.replaced, 1u);
  ASSERT_OK_AND_ASSIGN(DecodedText sjis, ConvertToUtf8("\x82", "Shift_JIS"));
  EXPECT_EQ(sjis.text, "\xEF\xBF\xBD");
}

TEST(ConvertToUtf8Test, UnknownCharsetIsInvalidArgument) {
  EXPECT_THAT(ConvertToUtf8("x", "klingon-8"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(CanonicalCharsetNameTest, MapsAliases) {
  ASSERT_OK_AND_ASSIGN(std::string latin1, CanonicalCharsetName("latin1"));
  EXPECT_EQ(latin1, "ISO-8859-1");
  ASSERT_OK_AND_ASSIGN(std::string sjis, CanonicalCharsetName("sjis"));
  EXPECT_EQ(sjis, "Shift_JIS");
  EXPECT_THAT(CanonicalCharsetName("klingon-8"), StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace quarry

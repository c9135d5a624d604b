#include "indexer/extract/rtf_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/unit/indexer/extract/extract_test_util.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(RtfExtractorTest, TextInItsCodePageWithTheInfoGroup) {
  RtfExtractor extractor;
  ExtractedDocument doc = ExtractFixture(extractor, "documents/wren.rtf");
  EXPECT_EQ(doc.title, "The Wren\u00E9 Notebook");
  EXPECT_EQ(doc.fields.author, "Beatrix Potter");
  EXPECT_EQ(doc.fields.date, 1594744200);  // \revtim 2020-07-14 16:30, not \creatim
  ExpectInOrder(doc.body, {"The wren sings in caf\u00E9s for \u20AC5 \u2014cheaply.\n",
                           "A field: linked warbler.\n", "nuthatch\ttreecreeper\n", "Footnoted text.",
                           "Footnote firecrest."});
  // Tables of fonts, colours and styles, the generator, a field's
  // instruction, a picture's bytes and the other \info fields: no text.
  for (const char* hidden : {"Fonttablename", "Stylesheetname", "Generatorname", "fieldinstruction",
                             "89504e47", "Operatorname", "red255"}) {
    EXPECT_THAT(doc.body, Not(HasSubstr(hidden))) << hidden;
  }
}

TEST(RtfExtractorTest, CodePagesUnicodeAndEscapes) {
  RtfExtractor extractor;
  struct Case {
    std::string rtf, text;
  } cases[] = {
      {"{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2}", "\u041F\u0440\u0438\u0432\u0435\u0442"},
      {"{\\rtf1\\ansi\\ansicpg932 \\'93\\'fa\\'96\\'7b}", "\u65E5\u672C"},  // Shift_JIS
      {"{\\rtf1\\uc2 \\u26085\\'93\\'fa end}", "\u65E5 end"},                // \uc2: two fallback bytes
      {"{\\rtf1 \\u-3913?x}", "\uF0B7x"},                                     // negative: +65536
      {"{\\rtf1 a\\~b\\_c\\\\d\\{e\\}f\\-g}", "a b-c\\d{e}fg"},
      {"{\\rtf1 a\\tab b\\line c}", "a\tb\nc"},
      {"{\\rtf1 \\bin4 \x01\x02\x03\x04 after}", "after"},
      {"{\\rtf1 {\\*\\unknowndestination hidden} shown}", "shown"},
      {"{\\rtf1 \\lquote x\\rquote  \\ldblquote y\\rdblquote}", "\u2018x\u2019 \u201Cy\u201D"},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.rtf", c.rtf));
    EXPECT_EQ(docs[0].body, c.text) << c.rtf;
  }
}

TEST(RtfExtractorTest, MalformedAndHostileRtfNeverFails) {
  RtfExtractor extractor;
  std::string deep = "{\\rtf1 ";
  for (int i = 0; i < 100000; ++i) deep += "{";
  deep += "deepword";
  for (int i = 0; i < 100000; ++i) deep += "}";
  deep += " after}";
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/deep.rtf", deep));
  EXPECT_EQ(docs[0].body, "deepword after");
  for (const char* broken : {"{\\rtf1 unclosed {group", "{\\rtf1 }}}} extra", "{\\rtf1 \\", "{\\rtf1 \\'",
                             "{\\rtf1 \\u", "{\\rtf1 \\bin999999"}) {
    EXPECT_TRUE(extractor.Extract("/b.rtf", broken).ok()) << broken;
  }
  EXPECT_THAT(extractor.Extract("/c.rtf", "not rtf"), StatusIs(StatusCode::kUnsupported));
}

TEST(LooksLikeRtfTest, Table) {
  EXPECT_TRUE(LooksLikeRtf("{\\rtf1\\ansi"));
  EXPECT_TRUE(LooksLikeRtf("\xEF\xBB\xBF{\\rtf1"));
  EXPECT_FALSE(LooksLikeRtf(" {\\rtf1"));
  EXPECT_FALSE(LooksLikeRtf("{\\rt"));
  EXPECT_FALSE(LooksLikeRtf("plain text"));
}

}  // namespace
}  // namespace quarry::indexer

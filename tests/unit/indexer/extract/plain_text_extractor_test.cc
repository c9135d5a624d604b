#include "indexer/extract/plain_text_extractor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

struct TitleCase {
  const char* name;
  const char* text;
  const char* title;
};

TEST(TextTitleTest, Table) {
  const TitleCase cases[] = {
      {"first_line", "Hello world\nbody", "Hello world"},
      {"blank_lines_first", "\n\n  Title here  \nbody", "Title here"},
      {"markdown_heading", "# My Notes #\n\ntext", "My Notes"},
      {"markdown_h2", "## Second level\ntext", "Second level"},
      {"rst_overline", "=====\nTitle\n=====\n\ntext", "Title"},
      {"rst_underline", "Title\n-----\ntext", "Title"},
      {"hash_not_heading", "#hashtag\n", "#hashtag"},
      {"bom", "\xEF\xBB\xBFTitle\n", "Title"},
      {"spdx_tag_skipped", "# SPDX-License-Identifier: GPL-2.0\n%YAML 1.2\n", "%YAML 1.2"},
      {"spdx_c_comment_skipped", "/* SPDX-License-Identifier: MIT */\nReal first line\n",
       "Real first line"},
      {"empty", "", ""},
      {"long_sentence",
       "A first sentence that is the title. And then a very long paragraph continues for a while "
       "with many more words than any title should have.",
       "A first sentence that is the title."},
  };
  for (const TitleCase& c : cases) EXPECT_EQ(TextTitle(c.text), c.title) << c.name;
}

TEST(TextTitleTest, LongLineIsCutAtAWordBoundary) {
  std::string line;
  for (int i = 0; i < 40; ++i) line += "word ";
  std::string title = TextTitle(line);
  EXPECT_LE(title.size(), 125u);
  EXPECT_EQ(title.substr(title.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(title.substr(title.size() - 7, 4), "word");
}

TEST(PlainTextExtractorTest, ExtractsTitleAndBody) {
  PlainTextExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.md", "# Title\n\nSome body text."));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Title");
  EXPECT_EQ(docs[0].body, "# Title\n\nSome body text.");
}

TEST(PlainTextExtractorTest, ReplacesInvalidUtf8InUtf8Text) {
  PlainTextExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.txt", "na\xC3\xAFve caf\xC3\xA9 \xFF ok"));
  EXPECT_EQ(docs[0].body, "na\xC3\xAFve caf\xC3\xA9 \xEF\xBF\xBD ok");
  EXPECT_EQ(docs[0].encoding, "UTF-8");
}

TEST(PlainTextExtractorTest, DecodesLegacyEncodingAndRecordsIt) {
  PlainTextExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.txt", "Caf\xE9 cr\xE8me\nbody"));
  EXPECT_EQ(docs[0].body, "Caf\xC3\xA9 cr\xC3\xA8me\nbody");
  EXPECT_EQ(docs[0].title, "Caf\xC3\xA9 cr\xC3\xA8me");
  EXPECT_EQ(docs[0].encoding, "windows-1252");
}

TEST(PlainTextExtractorTest, DecodesUtf16WithByteOrderMark) {
  PlainTextExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.txt", std::string("\xFF\xFEH\0i\0", 6)));
  EXPECT_EQ(docs[0].body, "Hi");
  EXPECT_EQ(docs[0].encoding, "UTF-16LE");
}

TEST(PlainTextExtractorTest, RefusesBinary) {
  PlainTextExtractor extractor;
  EXPECT_THAT(extractor.Extract("/a.txt", std::string("ab\0cd", 5)),
              StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer

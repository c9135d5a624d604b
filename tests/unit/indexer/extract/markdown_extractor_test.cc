#include "indexer/extract/markdown_extractor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

struct MarkdownCase {
  const char* name;
  std::string markdown;
  std::string body;
  std::string title;
};

TEST(MarkdownExtractorTest, MarkupStrippedTitleFromFirstHeading) {
  const MarkdownCase cases[] = {
      {"atx_heading", "# Title #\n\nBody text.", "Title\nBody text.", "Title"},
      {"setext_heading", "Intro line\n\nReal Title\n==========\n\ntext",
       "Intro line\nReal Title\ntext", "Real Title"},
      {"first_heading_wins", "## One\n# Two\n", "One\nTwo", "One"},
      {"no_heading_first_line", "Just a line\nsecond", "Just a line second", "Just a line second"},
      {"emphasis_and_links", "Some **bold** and _it_ [link text](http://example.com/urlword)",
       "Some bold and it link text", "Some bold and it link text"},
      {"image_alt_kept", "![a heron](heron.png)", "a heron", "a heron"},
      {"code_kept", "Call `run()`:\n\n```c\nint main(void);\n```\n",
       "Call run():\nint main(void);", "Call run():"},
      {"list", "- one\n- two\n", "one\ntwo", "one"},
      {"heading_with_markup", "# The *emphatic* `title`\n", "The emphatic title",
       "The emphatic title"},
      {"bom", "\xEF\xBB\xBF# T\n", "T", "T"},
      {"legacy_encoding_decoded", "# Caf\xE9 cr\xE8me\n\nUne tradition fran\xE7" "aise, un caf\xE9 cr\xE8me au lait.\n",
       "Caf\xC3\xA9 cr\xC3\xA8me\nUne tradition fran\xC3\xA7" "aise, un caf\xC3\xA9 cr\xC3\xA8me au lait.",
       "Caf\xC3\xA9 cr\xC3\xA8me"},
  };
  MarkdownExtractor extractor;
  for (const MarkdownCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.md", c.markdown));
    ASSERT_EQ(docs.size(), 1u) << c.name;
    EXPECT_EQ(docs[0].body, c.body) << c.name;
    EXPECT_EQ(docs[0].title, c.title) << c.name;
  }
}

TEST(MarkdownExtractorTest, RawHtmlLosesItsTagsKeepsItsText) {
  MarkdownExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.md", "<div class=\"note\">\nboxed\n</div>\n\n"
                                                             "text <span>in</span>"));
  EXPECT_EQ(docs[0].body.find('<'), std::string::npos) << docs[0].body;
  EXPECT_NE(docs[0].body.find("boxed"), std::string::npos) << docs[0].body;
  EXPECT_NE(docs[0].body.find("text"), std::string::npos) << docs[0].body;
}

TEST(MarkdownExtractorTest, RefusesBinary) {
  MarkdownExtractor extractor;
  EXPECT_THAT(extractor.Extract("/x.md", std::string("a\0b", 3)), StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer

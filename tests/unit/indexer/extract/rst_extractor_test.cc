#include "indexer/extract/rst_extractor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

struct RstCase {
  const char* name;
  std::string rst;
  std::string body;
  std::string title;
};

TEST(RstExtractorTest, MarkupStrippedTitleFromFirstUnderlinedHeading) {
  const RstCase cases[] = {
      {"underlined", "Title\n=====\n\ntext", "Title\n\ntext", "Title"},
      {"overlined", "=======\n Title\n=======\n\ntext", " Title\n\ntext", "Title"},
      {"after_spdx_comment", ".. SPDX-License-Identifier: GPL-2.0\n\nReal Title\n----------\nbody",
       "Real Title\nbody", "Real Title"},
      {"after_paragraph", "A lead paragraph.\n\nSection\n~~~~~~~\n", "A lead paragraph.\n\nSection",
       "Section"},
      {"indented_overlined", ".. _howto:\n\n*************\n  Unicode HOWTO\n*************\n\nIntro\n-----\n",
       "  Unicode HOWTO\n\nIntro", "Unicode HOWTO"},
      {"indented_without_overline_is_a_quote", "Para\n\n  quoted\n  ======\n\nTitle\n=====\n",
       "Para\n\n  quoted\n\nTitle", "Title"},
      {"short_underline_is_not_heading", "Long title here\n===\ntext", "Long title here\ntext",
       "Long title here"},
      {"accented_title", "Caf\xC3\xA9\n====\n", "Caf\xC3\xA9", "Caf\xC3\xA9"},
      {"roles", "Use :c:func:`kmalloc` and :ref:`the guide <guide-label>`.",
       "Use kmalloc and the guide.", "Use kmalloc and the guide."},
      {"links_and_literals", "See `Xapian <https://xapian.org>`_ and ``make``.",
       "See Xapian and make.", "See Xapian and make."},
      {"targets_and_comments_dropped", ".. _label:\n\n..\n   a comment\n   more\n\nkept",
       "kept", "kept"},
      {"directive_options_dropped", ".. toctree::\n   :maxdepth: 2\n\n   intro\n",
       "\n   intro", "intro"},
      {"admonition_argument_kept", ".. note:: Mind the gap.\n", "Mind the gap.", "Mind the gap."},
      {"footnote_kept", ".. [1] A footnote.\n", "[1] A footnote.", "[1] A footnote."},
  };
  RstExtractor extractor;
  for (const RstCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.rst", c.rst));
    ASSERT_EQ(docs.size(), 1u) << c.name;
    EXPECT_EQ(docs[0].body, c.body) << c.name;
    EXPECT_EQ(docs[0].title, c.title) << c.name;
  }
}

TEST(RstExtractorTest, RefusesBinary) {
  RstExtractor extractor;
  EXPECT_THAT(extractor.Extract("/x.rst", std::string("a\0b", 3)), StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer

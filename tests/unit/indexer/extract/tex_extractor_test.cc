#include "indexer/extract/tex_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/text/utf8.h"
#include "tests/support/status_matchers.h"
#include "tests/unit/indexer/extract/extract_test_util.h"

namespace quarry::indexer {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TexExtractorTest, DocumentBodyWithoutCommandsAndTheTitleAuthorAndDate) {
  TexExtractor extractor;
  ExtractedDocument doc = ExtractFixture(extractor, "documents/rookery.tex");
  EXPECT_EQ(doc.title, "Rooks of the Rookery");
  EXPECT_EQ(doc.fields.author, "Gilbert White, Thomas Bewick");
  EXPECT_EQ(doc.fields.date, 1496275200);  // 2017-06-01
  ExpectInOrder(doc.body,
                {"Nesting Habits\n",
                 // Accents as combining marks (the analyzer composes them).
                 "Rooks nest in colonies, nai\u0308ve to e\u0301tude\u2014and jackdaws",
                 "\u201CQuoted\u201D text costs 5% of 10\u201320 crowns.", "verbatim_identifier(42)\n",
                 "magpie\t3\n", "Label chough\nraven", "Roosting", "Winter roosts hold thousands."});
  // The preamble, comments, math, references and what follows
  // \end{document}: no text.
  for (const char* hidden : {"preamblepackage", "macrobody", "commentword", "labelword", "citekey",
                             "mathword", "displaymathword", "equationword", "afterword", "Thanksnote",
                             "\\", "{", "documentclass"}) {
    EXPECT_THAT(doc.body, Not(HasSubstr(hidden))) << hidden;
  }
}

TEST(TexExtractorTest, AFileWithoutADocumentEnvironmentIsAllBody) {
  TexExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/ch1.tex", "\\chapter{Herons}\nThe \\textbf{grey} heron.\n"));
  EXPECT_EQ(docs[0].title, "Herons");  // no \title: the first heading
  EXPECT_THAT(docs[0].body, HasSubstr("The grey heron."));
}

TEST(TexExtractorTest, AnAccentOnAMultiByteLetterKeepsItWhole) {
  TexExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.tex", "x \\'\u00E9 y"));
  EXPECT_EQ(docs[0].body, "x \u00E9\u0301 y");
}

// Found by fuzz/document_fuzzer: a backslash before a multi-byte
// character took one byte of it as a control symbol.
TEST(TexExtractorTest, AControlSymbolNeverSplitsACharacter) {
  TexExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/a.tex", "a \\\u00FF\u00FF b"));
  EXPECT_TRUE(IsValidUtf8(docs[0].body)) << docs[0].body;
}

TEST(TexExtractorTest, UnbalancedAndDeepBracesNeverFail) {
  TexExtractor extractor;
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{";
  deep += "deepword";
  for (int i = 0; i < 100000; ++i) deep += "}";
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/deep.tex", deep));
  EXPECT_EQ(docs[0].body, "deepword");
  for (const char* broken : {"}}} \\emph{", "\\", "$unclosed math", "\\begin{verbatim} open",
                             "\\'", "\\item[unclosed", "%"}) {
    EXPECT_TRUE(extractor.Extract("/b.tex", broken).ok()) << broken;
  }
}

TEST(LooksLikeLatexTest, Table) {
  EXPECT_TRUE(LooksLikeLatex("% comment\n\\documentclass{article}\n"));
  EXPECT_TRUE(LooksLikeLatex("  \\documentstyle{report}"));
  EXPECT_FALSE(LooksLikeLatex("Write \\documentclass{article} first.\n"));
  EXPECT_FALSE(LooksLikeLatex("plain text"));
}

}  // namespace
}  // namespace quarry::indexer

#include "indexer/extract/roff_escapes.h"

#include <gtest/gtest.h>

#include <string>

#include "common/text/utf8.h"

namespace quarry::indexer {
namespace {

struct EscapeCase {
  std::string roff;
  std::string text;
};

TEST(ExpandRoffEscapesTest, Table) {
  RoffDefinitions defs;
  defs.strings = {{"Qx", "quill"}, {"R", "\u00AE"}, {"nest", "\\fBtwig\\fR"}, {"loop", "\\*[loop]x"}};
  const EscapeCase cases[] = {
      // Fonts vanish, so a bold word is the word (issue 18: "fbnoatimefr").
      {"\\fBnoatime\\fR", "noatime"},
      {"\\fIa\\fPb\\f(CWc\\f[BI]d\\f1e", "abcde"},
      {"\\F[T]x", "x"},
      // Sizes in every form.
      {"\\s-1ACCESS\\s0 \\s+2big\\s12x\\s(12y\\s[10]z\\s'8'w", "ACCESS bigxyzw"},
      // Hyphens, dashes, special characters.
      {"\\-o \\(em \\[em] \\(en \\(hy \\(lq\\(rq \\(aq\\(dq", "-o \u2014 \u2014 \u2013 - \u201C\u201D '\""},
      {"\\[u00E9]t\\[u0065_0301] \\[char233] \\(*a\\(*W \\('e", "\u00E9te\u0301 \u00E9 \u03B1\u03A9 e\u0301"},
      {"\\(co \\(rg \\(tm \\(bu \\(mu \\(>= \\(->", "\u00A9 \u00AE \u2122 \u2022 \u00D7 \u2265 \u2192"},
      {"\\(xx\\[nosuch]unknown", "unknown"},
      // Escaped and non-printing characters.
      {"a\\\\b \\e \\. \\' \\` \\&x\\|y\\^z\\%w\\:v", "a\\b \\ . ' ` xyzwv"},
      {"a\\ b\\~c\\0d\\te", "a b c d\te"},
      // Strings, predefined and by .ds, nested, and bounded when recursive.
      {"\\*(Qx \\*R \\*[nest]", "quill \u00AE twig"},
      {"[\\*[loop]]", "[xxxxxxxx]"},
      {"\\*(zz gone", " gone"},
      // Motions, drawings, registers, widths: no text.
      {"a\\h'2n'b\\v'-1'c\\w'abc'd\\l'1i'e\\D'l 1 1'f\\X'ps'g", "abcdefg"},
      {"\\n(.gx\\n[reg]y\\n+az\\kx\\gx", "xyz"},
      // A comment ends the line; \c says the next line continues it.
      {"text \\\" a comment", "text "},
      {"text \\# too", "text "},
      {"\\N'233'", "\u00E9"},
  };
  for (const EscapeCase& c : cases) EXPECT_EQ(ExpandRoffEscapes(c.roff, defs), c.text) << c.roff;
}

// Found by fuzz/document_fuzzer: an escape's one-character argument took
// one byte of a multi-byte character and left the rest, invalid UTF-8.
TEST(ExpandRoffEscapesTest, ArgumentsNeverSplitACharacter) {
  for (const std::string roff : {"\\f\u00E9x", "\\(a\u00E9x", "\\n\u00E9x", "\\*\u00E9x",
                                 // A motion delimited by a character, not by its first byte.
                                 "\\h\uFFFD2n\uFFFDx"}) {
    const std::string text = ExpandRoffEscapes(roff, {});
    EXPECT_TRUE(IsValidUtf8(text)) << roff;
    EXPECT_EQ(text, "x") << roff;
  }
}

TEST(ExpandRoffEscapesTest, BackslashCAtTheEndJoinsTheNextLine) {
  RoffLineEnd end;
  EXPECT_EQ(ExpandRoffEscapes("\\fBword\\fR\\c", {}, &end), "word");
  EXPECT_TRUE(end.joins_next);
  EXPECT_EQ(ExpandRoffEscapes("plain", {}, &end), "plain");
  EXPECT_FALSE(end.joins_next);
}

TEST(ExpandRoffEscapesTest, TranslationsApplyToSpecialCharacters) {
  RoffDefinitions defs;
  defs.translations.emplace("\u03A9", "-");  // Pod::Man's .tr \(*W-
  EXPECT_EQ(ExpandRoffEscapes("a\\(*W-b", defs), "a--b");
}

TEST(ExpandRoffEscapesTest, OutputIsBounded) {
  RoffDefinitions defs;
  // Each string eight times the one before: 8^8 bytes if unbounded.
  defs.strings["s0"] = "xxxxxxxx";
  for (int i = 1; i <= 8; ++i) {
    std::string value;
    for (int k = 0; k < 8; ++k) value.append("\\*[s").append(std::to_string(i - 1)).append("]");
    std::string name = "s";
    name.append(std::to_string(i));
    defs.strings.emplace(std::move(name), std::move(value));
  }
  EXPECT_LE(ExpandRoffEscapes("\\*[s8]", defs).size(), kMaxRoffLineBytes);
}

}  // namespace
}  // namespace quarry::indexer

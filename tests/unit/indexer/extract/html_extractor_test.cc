#include "indexer/extract/html_extractor.h"

#include <gtest/gtest.h>

#include <optional>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

// Table-driven in the style of omega's htmlparsertest: input, expected
// text, expected title.
struct HtmlCase {
  const char* name;
  std::string html;
  std::string body;
  std::string title;
};

TEST(HtmlExtractorTest, VisibleTextAndTitle) {
  const HtmlCase cases[] = {
      {"paragraphs", "<html><body><p>One</p><p>Two  words</p></body></html>", "One\nTwo words", ""},
      {"title_tag", "<title> The  Title </title><p>x</p>", "x", "The Title"},
      {"h1_when_no_title", "<body><h1>Main <em>heading</em></h1><p>text</p>", "Main heading\ntext",
       "Main heading"},
      {"title_beats_h1", "<title>T</title><h1>H</h1>", "H", "T"},
      {"entities", "<p>caf&eacute; &amp; cr&#232;me &lt;b&gt; &nbsp;x</p>",
       "caf\xC3\xA9 & cr\xC3\xA8me <b> \xC2\xA0x", ""},
      {"no_script_style_comment",
       "<head><style>p{}</style><script>var hidden=1;</script></head><body>"
       "<!-- comment --><p>shown</p><script>also()</script><noscript>alt</noscript></body>",
       "shown", ""},
      {"inline_elements_join", "<p>sp<b>lit</b> word</p>", "split word", ""},
      {"br_breaks", "<p>line one<br>line two</p>", "line one\nline two", ""},
      {"hidden_attribute", "<p>seen</p><div hidden>unseen</div>", "seen", ""},
      {"template", "<template><p>inert</p></template><p>live</p>", "live", ""},
      {"unclosed_tags_recover", "<p>one<p>two<div>three", "one\ntwo\nthree", ""},
      {"list_items", "<ul><li>a</li><li>b</li></ul>", "a\nb", ""},
      {"svg_title_is_not_page_title", "<body><svg><title>icon</title></svg><h1>Real</h1>", "Real",
       "Real"},
      {"empty", "", "", ""},
  };
  HtmlExtractor extractor;
  for (const HtmlCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.html", c.html));
    ASSERT_EQ(docs.size(), 1u) << c.name;
    EXPECT_EQ(docs[0].body, c.body) << c.name;
    EXPECT_EQ(docs[0].title, c.title) << c.name;
  }
}

TEST(HtmlExtractorTest, MetaDescriptionAndKeywordsAreFields) {
  HtmlExtractor extractor;
  ASSERT_OK_AND_ASSIGN(
      auto docs,
      extractor.Extract("/x.html",
                        "<head><META NAME=\"Description\" content=\"About  herons\n and egrets\">"
                        "<meta name=\"keywords\" content=\"birds, wading\">"
                        "<meta name=\"author\" content=\"Ann\"></head><body>text</body>"));
  EXPECT_EQ(docs[0].fields.description, "About herons and egrets");
  EXPECT_EQ(docs[0].fields.keywords, "birds, wading");
  EXPECT_EQ(docs[0].fields.author, "Ann");
  EXPECT_EQ(docs[0].fields.date, std::nullopt);
  EXPECT_EQ(docs[0].body, "text");
}

TEST(HtmlExtractorTest, MetaDatesDateThePageTheMostSpecificFirst) {
  HtmlExtractor extractor;
  struct Case {
    std::string head;
    std::optional<int64_t> date;
  };
  const Case cases[] = {
      // pandoc writes dcterms.date.
      {"<meta name=\"dcterms.date\" content=\"2024-05-17\">", 1715904000},
      {"<meta name=\"date\" content=\"2024-05-17\">"
       "<meta name=\"dcterms.modified\" content=\"2024-05-18T00:00:00Z\">",
       1715990400},
      // An unreadable preferred date gives way to the next one.
      {"<meta name=\"dcterms.modified\" content=\"last Tuesday\">"
       "<meta name=\"DC.date\" content=\"2024-05-17\">",
       1715904000},
      {"<meta name=\"date\" content=\"soon\">", std::nullopt},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.html", "<head>" + c.head + "</head>x"));
    EXPECT_EQ(docs[0].fields.date, c.date) << c.head;
  }
}

struct CharsetCase {
  const char* name;
  std::string html;
  std::string charset;
};

TEST(DeclaredHtmlCharsetTest, Table) {
  const CharsetCase cases[] = {
      {"utf8_bom", "\xEF\xBB\xBF<p>x", "utf-8"},
      {"utf16le_bom", std::string("\xFF\xFE<\0", 4), "utf-16le"},
      {"utf16be_bom", std::string("\xFE\xFF\0<", 4), "utf-16be"},
      {"meta_charset", "<meta charset=\"ISO-8859-1\">", "iso-8859-1"},
      {"meta_charset_unquoted", "<META CHARSET=windows-1252>", "windows-1252"},
      {"http_equiv",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", "shift_jis"},
      {"none", "<html><p>charset=utf-8 in text is not a declaration</p>", ""},
      {"too_late", std::string(2000, ' ') + "<meta charset=\"koi8-r\">", ""},
  };
  for (const CharsetCase& c : cases) EXPECT_EQ(DeclaredHtmlCharset(c.html), c.charset) << c.name;
}

struct DecodeCase {
  const char* name;
  std::string html;
  std::string body;
  std::string encoding;
};

TEST(HtmlExtractorTest, DecodesDeclaredCharsets) {
  const DecodeCase cases[] = {
      {"latin1_meta", "<meta charset=\"iso-8859-1\"><p>cr\xE8me \x96 br\xFBl\xE9" "e</p>",
       "cr\xC3\xA8me \xE2\x80\x93 br\xC3\xBBl\xC3\xA9" "e", "windows-1252"},
      {"latin1_label_but_utf8_bytes", "<meta charset=\"iso-8859-1\"><p>cr\xC3\xA8me</p>",
       "cr\xC3\xA8me", "UTF-8"},
      {"utf16le", std::string("\xFF\xFE<\0p\0>\0h\0\xE9\0<\0/\0p\0>\0", 20), "h\xC3\xA9",
       "UTF-16LE"},
      {"utf16be_surrogate_pair", std::string("\xFE\xFF\0<\0p\0>\xD8\x3D\xDE\x00", 12),
       "\xF0\x9F\x98\x80", "UTF-16BE"},
      {"shift_jis_meta", "<meta charset=\"shift_jis\"><p>\x93\xFA\x96\x7B</p>",
       "\xE6\x97\xA5\xE6\x9C\xAC", "Shift_JIS"},
  };
  HtmlExtractor extractor;
  for (const DecodeCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.html", c.html));
    EXPECT_EQ(docs[0].body, c.body) << c.name;
    EXPECT_EQ(docs[0].encoding, c.encoding) << c.name;
  }
}

TEST(HtmlExtractorTest, RefusesBinary) {
  HtmlExtractor extractor;
  EXPECT_THAT(extractor.Extract("/x.html", std::string("<p>\0\x01\x02", 6)),
              StatusIs(StatusCode::kUnsupported));
}

TEST(SvgExtractorTest, KeepsTheTextADrawingShowsNotItsGeometry) {
  const std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Creator: fig2dev -->\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"9.1in\" viewBox=\"0 0 100 100\">\n"
      "<title>Tree of rcu_node</title><desc>How a grace period ends</desc>\n"
      "<style>text { font-family: Courier; }</style><script>var x = 42;</script>\n"
      "<defs><marker id=\"arrow\"/></defs>\n"
      "<g transform=\"translate(10,20)\"><rect x=\"1575\" y=\"9225\" fill=\"#000000\"/>\n"
      "<path d=\"M 10 10 L 90 90\"/>\n"
      "<text x=\"5\" y=\"6\" font-size=\"288\">struct <tspan "
      "font-weight=\"bold\">rcu_data</tspan></text>\n"
      "<text><textPath href=\"#p\">CPU 15</textPath></text>\n"
      "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">quiescent &amp; "
      "idle</p></foreignObject>"
      "</g></svg>\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ExtractedDocument> docs,
                       SvgExtractor().Extract("/d/TreeLevel.svg", svg));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Tree of rcu_node");
  EXPECT_EQ(docs[0].body,
            "Tree of rcu_node\nHow a grace period ends\nstruct rcu_data\nCPU 15\nquiescent & idle");
  for (const char* absent : {"1575", "9225", "Courier", "42", "translate", "9.1in", "#000000"}) {
    EXPECT_EQ(docs[0].body.find(absent), std::string::npos) << absent;
  }
}

TEST(SvgExtractorTest, ADrawingWithoutTitleIsNamedByItsFile) {
  const std::string svg = "<svg><text>label</text></svg>";
  ASSERT_OK_AND_ASSIGN(std::vector<ExtractedDocument> plain,
                       SvgExtractor().Extract("/d/BigTreeClassicRCU.svg", svg));
  EXPECT_EQ(plain[0].title, "BigTreeClassicRCU");
  EXPECT_EQ(plain[0].body, "label");
  ASSERT_OK_AND_ASSIGN(std::vector<ExtractedDocument> packed,
                       SvgExtractor().Extract("/d/Flow.svg.gz", svg));
  EXPECT_EQ(packed[0].title, "Flow");
  ASSERT_OK_AND_ASSIGN(std::vector<ExtractedDocument> empty,
                       SvgExtractor().Extract("/d/x.svg", "<svg/>"));
  EXPECT_EQ(empty[0].body, "");
  EXPECT_THAT(SvgExtractor().Extract("/d/x.svg", std::string("<svg>\0\x01\x02</svg>", 16)),
              StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer

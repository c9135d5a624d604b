#include "indexer/extract/registry.h"

#include <gtest/gtest.h>

#include "indexer/extract/plain_text_extractor.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;

struct ChooseCase {
  const char* name;
  std::string path;
  std::string sample;
  const char* extractor;  // nullptr: skipped as binary
};

TEST(RegistryTest, ChoosesByExtensionThenByContent) {
  const ChooseCase cases[] = {
      {"md_extension", "/a/notes.md", "x", "markdown"},
      {"upper_case_extension", "/a/PAGE.HTM", "x", "html"},
      {"xhtml", "/a/a.xhtml", "<html/>", "html"},
      {"rst", "/a/guide.rst", "x", "rst"},
      {"sphinx_rst_source", "/a/_sources/guide.rst.txt", "x", "rst"},
      {"other_double_extension", "/a/notes.old.txt", "x", "text"},
      {"pdf_extension", "/a/r.pdf", "%PDF-1.4", "pdf"},
      {"svg_extension", "/a/Tree.SVG", "<svg/>", "svg"},
      {"svg_without_extension", "/a/drawing",
       "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\">"
       "<rect x=\"1\"/></svg>\n",
       "svg"},
      {"txt", "/a/r.txt", "x", "text"},
      {"makefile_is_text", "/a/Makefile", "all:\n\tmake\n", "text"},
      {"latin1_text_unknown_extension", "/a/data", "caf\xE9 au lait, cr\xE8me\n", "text"},
      {"utf16_text_unknown_extension", "/a/data16", std::string("\xFF\xFEh\0i\0", 6), "text"},
      {"html_without_extension", "/a/homepage", "<!DOCTYPE html>\n<html><head><title>x</title>",
       "html"},
      {"html_after_blank_lines", "/a/page", "\n\n  <!DOCTYPE html>\n<html><head><title>x</title>",
       "html"},
      {"saved_http_response", "/a/saved",
       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html>\n<html><head>"
       "<title>x</title></head><body>hi</body></html>\n",
       "html"},
      // Text that only mentions markup further on is text.
      {"text_mentioning_html", "/a/README", "To start a page, write <html> then <body>.\n", "text"},
      {"pdf_without_extension", "/a/download", ReadTestdata("formats/report.pdf"), "pdf"},
      // Office files and e-books by extension (any case), and by their
      // content when the extension says nothing.
      {"docx", "/a/Report.DOCX", "PK", "ooxml"},
      {"macro_template", "/a/t.dotm", "PK", "ooxml"},
      {"slide_show", "/a/s.ppsx", "PK", "ooxml"},
      {"odf_template", "/a/t.otg", "PK", "odf"},
      {"epub", "/a/b.epub", "PK", "epub"},
      {"docx_without_extension", "/a/attachment", ReadTestdata("documents/report.docx").substr(0, 8192),
       "ooxml"},
      {"odt_without_extension", "/a/attachment", ReadTestdata("documents/report.odt").substr(0, 8192),
       "odf"},
      {"epub_without_extension", "/a/attachment", ReadTestdata("documents/estuary.epub").substr(0, 8192),
       "epub"},
      {"png", "/a/image.png2", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), nullptr},
      {"elf", "/a/tool", ReadTestdata("formats/program.bin"), nullptr},
      {"control_bytes", "/a/blob", "\x01\x02\x03\x8F\x90 binary \x06\x07\xFE", nullptr},
  };
  ExtractorRegistry registry = ExtractorRegistry::Default();
  for (const ChooseCase& c : cases) {
    std::string why;
    const Extractor* extractor = registry.Choose(c.path, c.sample, &why);
    if (c.extractor == nullptr) {
      EXPECT_EQ(extractor, nullptr) << c.name;
      EXPECT_EQ(why.rfind("binary (", 0), 0u) << c.name << ": " << why;
    } else {
      ASSERT_NE(extractor, nullptr) << c.name << ": " << why;
      EXPECT_EQ(extractor->name(), c.extractor) << c.name;
    }
  }
}

// A registry that types some text by content (JSON here) asks libmagic
// for all text: the shortcut past it holds only for markup and PDF types.
TEST(RegistryTest, TextContentTypesAreStillAskedOfLibmagic) {
  ExtractorRegistry registry = ExtractorRegistry::Default();
  auto json = std::make_shared<PlainTextExtractor>();
  registry.RegisterContentType("application/json", json);
  EXPECT_EQ(registry.Choose("/a/data", "{\"name\": \"value\", \"list\": [1, 2, 3]}\n"), json.get());
  EXPECT_EQ(ExtractorRegistry::Default().Choose("/a/data", "{\"name\": \"value\"}\n")->name(),
            "text");
}

// An extractor's version shows in the formats from version 2 on, so that
// indexes written before versions existed keep matching version 1.
class VersionedExtractor : public PlainTextExtractor {
 public:
  explicit VersionedExtractor(int version) : version_(version) {}
  std::string_view name() const override { return "notes"; }
  int version() const override { return version_; }

 private:
  int version_;
};

TEST(RegistryTest, FormatsNameEachExtractorsVersionFromTwoOn) {
  ExtractorRegistry registry = ExtractorRegistry::Default();
  registry.Register("nt", std::make_shared<VersionedExtractor>(1));
  registry.Register("nt2", std::make_shared<VersionedExtractor>(2));
  const std::string formats = registry.Formats();
  EXPECT_NE(formats.find("nt:notes "), std::string::npos) << formats;
  EXPECT_NE(formats.find("nt2:notes@2 "), std::string::npos) << formats;
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/b.nt2"), "notes@2");
  // Typing by content: the content types' pairs, the signatures', the
  // fallback's, the rule's; no extension's.
  const std::string typing = ExtractorRegistry::ContentTypingIn(formats);
  for (const char* pair : {"application/pdf:", "text/html:", "image/svg+xml:", "application/epub+zip:",
                           "signature/man:", "signature/rtf:", "*:", "/typing:2 "}) {
    EXPECT_NE(typing.find(pair), std::string::npos) << pair << " in " << typing;
  }
  for (const char* pair : {"nt:", "nt2:", "pdf:pdf", "md:markdown"}) {
    EXPECT_EQ((" " + typing).find(std::string(" ") + pair), std::string::npos) << pair << " in " << typing;
  }
}

TEST(RegistryTest, NewFormatsRegisterByExtension) {
  ExtractorRegistry registry = ExtractorRegistry::Default();
  auto jsonl = std::make_shared<PlainTextExtractor>();
  registry.Register("jsonl", jsonl);
  EXPECT_EQ(registry.Choose("/a/records.jsonl", "{}"), jsonl.get());
}

}  // namespace
}  // namespace quarry::indexer

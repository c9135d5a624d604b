#include "indexer/extract/content_type.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

TEST(ContentTypeTest, UtfEightTextWithoutALineOfMarkupNeedsNoLibmagic) {
  EXPECT_FALSE(MayBeMarkupOrPdf("all:\n\tmake\n"));
  EXPECT_FALSE(MayBeMarkupOrPdf("What:\t\t/sys/bus/usb/devices/.../power/level\n"));
  EXPECT_FALSE(MayBeMarkupOrPdf("Écrire <html> puis <body>, et voilà.\n"));
  EXPECT_FALSE(MayBeMarkupOrPdf("Hello <b>world</b>, see <a href=\"x\">this</a>.\n"));
  EXPECT_FALSE(MayBeMarkupOrPdf("\xEF\xBB\xBF\r\n"));  // a byte-order mark alone
  EXPECT_FALSE(MayBeMarkupOrPdf("中文文档\n"));
  EXPECT_FALSE(MayBeMarkupOrPdf(""));
  // A character cut by the end of the sample is still text.
  EXPECT_FALSE(MayBeMarkupOrPdf(std::string("caf\xC3", 4)));
}

TEST(ContentTypeTest, MarkupPdfAndNonUtfEightContentGoToLibmagic) {
  EXPECT_TRUE(MayBeMarkupOrPdf("<!DOCTYPE html><html>"));
  EXPECT_TRUE(MayBeMarkupOrPdf("\n\n   <html>"));
  // Tags at the start of a later line: a page after a header or a warning.
  EXPECT_TRUE(
      MayBeMarkupOrPdf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html>"));
  EXPECT_TRUE(MayBeMarkupOrPdf("---\nlayout: post\n---\n<!DOCTYPE html>\n<html>"));
  EXPECT_TRUE(MayBeMarkupOrPdf("Warning: include(x.php) failed\n<!DOCTYPE html>"));
  EXPECT_TRUE(MayBeMarkupOrPdf("\xC2\xA0<!DOCTYPE html>"));  // after a no-break space
  EXPECT_TRUE(MayBeMarkupOrPdf("\xEF\xBB\xBF<?xml version=\"1.0\"?><svg/>"));
  EXPECT_TRUE(MayBeMarkupOrPdf("junk before %PDF-1.4"));
  EXPECT_TRUE(MayBeMarkupOrPdf(quarry::testing::ReadTestdata("formats/report.pdf")));
  EXPECT_TRUE(MayBeMarkupOrPdf(std::string("text\0more", 9)));
  EXPECT_TRUE(MayBeMarkupOrPdf("caf\xE9 au lait"));  // Latin-1: libmagic tells its charset
  EXPECT_TRUE(MayBeMarkupOrPdf(std::string("\xFF\xFEh\0i\0", 6)));  // UTF-16
}

TEST(ContentTypeTest, MarkupTypesAreTheOnesStartingWithMarkup) {
  for (const char* mime : {"text/html", "application/xhtml+xml", "image/svg+xml", "application/xml",
                           "text/xml", "application/pdf"}) {
    EXPECT_TRUE(IsMarkupOrPdfMimeType(mime)) << mime;
  }
  for (const char* mime : {"application/json", "text/plain", "text/x-tex", "message/rfc822"}) {
    EXPECT_FALSE(IsMarkupOrPdfMimeType(mime)) << mime;
  }
}

}  // namespace
}  // namespace quarry::indexer

#include "indexer/extract/content_type.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

TEST(ContentTypeTest, UtfEightTextThatOpensWithoutMarkupNeedsNoLibmagic) {
  EXPECT_FALSE(OpensAsMarkupOrPdf("all:\n\tmake\n"));
  EXPECT_FALSE(OpensAsMarkupOrPdf("What:\t\t/sys/bus/usb/devices/.../power/level\n"));
  EXPECT_FALSE(OpensAsMarkupOrPdf("Écrire <html> puis <body>, et voilà.\n"));
  EXPECT_FALSE(OpensAsMarkupOrPdf("中文文档\n"));
  EXPECT_FALSE(OpensAsMarkupOrPdf(""));
  // A character cut by the end of the sample is still text.
  EXPECT_FALSE(OpensAsMarkupOrPdf(std::string("caf\xC3", 4)));
}

TEST(ContentTypeTest, MarkupPdfAndNonUtfEightContentGoToLibmagic) {
  EXPECT_TRUE(OpensAsMarkupOrPdf("<!DOCTYPE html><html>"));
  EXPECT_TRUE(OpensAsMarkupOrPdf("\n\n   <html>"));
  EXPECT_TRUE(OpensAsMarkupOrPdf("\xEF\xBB\xBF<?xml version=\"1.0\"?><svg/>"));
  EXPECT_TRUE(OpensAsMarkupOrPdf("junk before %PDF-1.4"));
  EXPECT_TRUE(OpensAsMarkupOrPdf(quarry::testing::ReadTestdata("formats/report.pdf")));
  EXPECT_TRUE(OpensAsMarkupOrPdf(std::string("text\0more", 9)));
  EXPECT_TRUE(OpensAsMarkupOrPdf("caf\xE9 au lait"));  // Latin-1: libmagic tells its charset
  EXPECT_TRUE(OpensAsMarkupOrPdf(std::string("\xFF\xFEh\0i\0", 6)));  // UTF-16
}

TEST(ContentTypeTest, MarkupTypesAreTheOnesStartingWithMarkup) {
  for (const char* mime :
       {"text/html", "application/xhtml+xml", "image/svg+xml", "application/pdf"}) {
    EXPECT_TRUE(IsMarkupOrPdfMimeType(mime)) << mime;
  }
  for (const char* mime : {"application/json", "text/plain", "text/x-tex", "message/rfc822"}) {
    EXPECT_FALSE(IsMarkupOrPdfMimeType(mime)) << mime;
  }
}

}  // namespace
}  // namespace quarry::indexer

#include "indexer/extract/pdf_extractor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PdfExtractorTest, TextOfEveryPageAndTitleMetadata) {
  std::string pdf = ReadTestdata("formats/report.pdf");
  ASSERT_FALSE(pdf.empty());
  PdfExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/report.pdf", pdf));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title, "Albatross Survey 2024");
  EXPECT_THAT(docs[0].body, HasSubstr("The wandering albatross glides for hours."));
  EXPECT_THAT(docs[0].body, HasSubstr("Procellariiform seabirds"));
  EXPECT_THAT(docs[0].body, HasSubstr("Second page: the storm petrel."));
}

struct BrokenPdfCase {
  const char* file;
  StatusCode code;
  const char* message;
};

TEST(PdfExtractorTest, BrokenPdfsAreNamedErrors) {
  const BrokenPdfCase cases[] = {
      {"formats/encrypted.pdf", StatusCode::kUnsupported, "encrypted"},
      {"formats/scanned.pdf", StatusCode::kUnsupported, "without a text layer"},
      {"formats/damaged.pdf", StatusCode::kDataLoss, "damaged PDF"},
  };
  PdfExtractor extractor;
  for (const BrokenPdfCase& c : cases) {
    std::string pdf = ReadTestdata(c.file);
    ASSERT_FALSE(pdf.empty()) << c.file;
    EXPECT_THAT(extractor.Extract(c.file, pdf), StatusIs(c.code, HasSubstr(c.message))) << c.file;
  }
  EXPECT_THAT(extractor.Extract("/empty.pdf", ""), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(extractor.Extract("/text.pdf", "not a pdf at all"), StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace quarry::indexer

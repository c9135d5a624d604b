#include "indexer/extract/epub_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(EpubExtractorTest, ChaptersInSpineOrderAndTheOpfMetadata) {
  EpubExtractor extractor(64 << 20);
  ASSERT_OK_AND_ASSIGN(auto docs,
                       extractor.Extract("/b/estuary.epub", ReadTestdata("documents/estuary.epub")));
  ASSERT_EQ(docs.size(), 1u);
  const ExtractedDocument& doc = docs[0];
  EXPECT_EQ(doc.title, "Tales of the Estuary");
  EXPECT_EQ(doc.fields.author, "Mary Shelley, Percy Shelley");
  EXPECT_EQ(doc.fields.date, 1572652800);  // dc:date 2019-11-02
  const size_t avocet = doc.body.find("The avocet sweeps its upturned bill");
  const size_t oystercatcher = doc.body.find("An oystercatcher hammers at cockleshells");
  ASSERT_NE(avocet, std::string::npos) << doc.body;
  ASSERT_NE(oystercatcher, std::string::npos) << doc.body;
  EXPECT_LT(avocet, oystercatcher);
  // The chapters' visible text only.
  EXPECT_THAT(doc.body, Not(HasSubstr("<p>")));
  EXPECT_THAT(doc.body, Not(HasSubstr("white-space")));  // their CSS
}

TEST(EpubExtractorTest, EncryptedAndBrokenBooksAreNamedErrors) {
  EpubExtractor extractor(64 << 20);
  EXPECT_THAT(extractor.Extract("d.epub", ReadTestdata("documents/drm.epub")),
              StatusIs(StatusCode::kUnsupported, HasSubstr("encrypted (DRM-protected)")));
  EXPECT_THAT(extractor.Extract("r.epub", ReadTestdata("documents/report.docx")),
              StatusIs(StatusCode::kUnsupported, HasSubstr("no META-INF/container.xml")));
  EXPECT_THAT(extractor.Extract("n.epub", ReadTestdata("documents/notzip.docx")),
              StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace quarry::indexer

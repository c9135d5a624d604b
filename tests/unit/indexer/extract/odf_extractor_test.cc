#include "indexer/extract/odf_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/testdata.h"
#include "tests/unit/indexer/extract/extract_test_util.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

ExtractedDocument ExtractOne(const std::string& fixture) {
  OdfExtractor extractor(64 << 20);
  return ExtractFixture(extractor, "documents/" + fixture);
}

TEST(OdfExtractorTest, TextTablesAndNotesAfterTheTextWithTheMetadata) {
  // Written by pandoc.
  ExtractedDocument doc = ExtractOne("report.odt");
  EXPECT_EQ(doc.title, "The Bittern Report");
  EXPECT_EQ(doc.fields.author, "Ada Lovelace");
  EXPECT_EQ(doc.fields.date, 1617624000);  // dc:date
  ExpectInOrder(doc.body, {"Marshland birds\n", "The bittern booms across the reedbed.\n",
                           "Bird\tCall\nbittern\tboom\nrail\tsqueal\n", "sedgewarblers.",
                           "A footnote about phragmites."});
}

TEST(OdfExtractorTest, TemplateSpacesTabsBreaksHeadersAndNoDeletedText) {
  ExtractedDocument doc = ExtractOne("minutes.ott");
  // No dc:title: the first heading, blanks collapsed.
  EXPECT_EQ(doc.title, "Committee Minutes");
  ExpectInOrder(doc.body, {"Members  discussed the\tgrebe\nsurvey.", "Footnote about dabchicks.",
                           "Header coot", "Footer moorhen"});
  EXPECT_THAT(doc.body, Not(HasSubstr("deletedword")));
}

TEST(OdfExtractorTest, SpreadsheetSheetsByNameRowsByLine) {
  ExtractedDocument doc = ExtractOne("budget.ods");
  // The first author, not the last one to save it.
  EXPECT_EQ(doc.fields.author, "John Clare");
  EXPECT_EQ(doc.fields.date, 1582971072);  // 2020-02-29T10:11:12 (no zone: UTC)
  ExpectInOrder(doc.body, {"Feeders\n", "Suet\t12\nNyjer\t7\n", "Nestboxes\n", "Wrenhouse\t3"});
  // A thousand repeated empty cells are no text.
  EXPECT_LT(doc.body.size(), 100u);
}

TEST(OdfExtractorTest, PresentationPagesWithNotesAndTheFirstPageTitle) {
  ExtractedDocument doc = ExtractOne("deck.odp");
  EXPECT_EQ(doc.title, "Heron Nesting");
  EXPECT_EQ(doc.fields.author, "Charles Darwin");
  EXPECT_EQ(doc.fields.date, std::nullopt);
  ExpectInOrder(doc.body, {"Herons nest in heronries.", "Notes mention egretry.", "Heron Feeding",
                           "Herons stalk minnows.", "Notes mention bitternling."});
}

TEST(OdfExtractorTest, DrawingShapesText) {
  ExtractedDocument doc = ExtractOne("sketch.odg");
  EXPECT_EQ(doc.title, "Duck Diagram");
  EXPECT_THAT(doc.body, HasSubstr("Shape labelled shoveler"));
}

TEST(OdfExtractorTest, EncryptedAndBrokenFilesAreNamedErrors) {
  OdfExtractor extractor(64 << 20);
  EXPECT_THAT(extractor.Extract("e.odt", ReadTestdata("documents/encrypted.odt")),
              StatusIs(StatusCode::kUnsupported, HasSubstr("encrypted (password-protected)")));
  EXPECT_THAT(extractor.Extract("n.odt", ReadTestdata("documents/notzip.docx")),
              StatusIs(StatusCode::kDataLoss, HasSubstr("damaged ZIP package")));
  EXPECT_THAT(extractor.Extract("r.odt", ReadTestdata("documents/report.docx")),
              StatusIs(StatusCode::kUnsupported, HasSubstr("no content.xml")));
}

}  // namespace
}  // namespace quarry::indexer

#include "indexer/extract/ooxml_extractor.h"

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
  OoxmlExtractor extractor(64 << 20);
  return ExtractFixture(extractor, "documents/" + fixture);
}

TEST(OoxmlExtractorTest, WordBodyTablesThenFootnotesAndTheCoreProperties) {
  // Written by pandoc.
  ExtractedDocument doc = ExtractOne("report.docx");
  EXPECT_EQ(doc.title, "The Bittern Report");
  EXPECT_EQ(doc.fields.author, "Ada Lovelace");
  EXPECT_EQ(doc.fields.date, 1617624000);  // dcterms:modified, 2021-04-05T12:00:00Z
  // A table is read row by row, its cells on the row's line.
  ExpectInOrder(doc.body, {"Marshland birds\n", "The bittern booms across the reedbed.",
                           "Bird\tCall\nbittern\tboom\nrail\tsqueal\n", "Closing words about sedgewarblers.",
                           "A footnote about phragmites."});
}

TEST(OoxmlExtractorTest, WordHeadersFootersDeletionsFieldsAndTextBoxes) {
  ExtractedDocument doc = ExtractOne("memo.docm");
  // No title in the properties: the paragraph styled "Title", whose id
  // is localized ("Titel"), not the first Heading 1.
  EXPECT_EQ(doc.title, "Quarterly Plover Census");
  EXPECT_EQ(doc.fields.author, "Rachel Carson");
  EXPECT_EQ(doc.fields.date, 1647270566);  // 2022-03-14T15:09:26Z
  // Runs join without spaces; a tab is a blank.
  ExpectInOrder(doc.body, {"The lapwing count rose\tsharply.", "Textbox turnstone",
                           "cell dotterel\tcell killdeer", "Header sanderling", "Footer stilt"});
  EXPECT_THAT(doc.body, Not(HasSubstr("scrapped")));   // deleted by tracked changes
  EXPECT_THAT(doc.body, Not(HasSubstr("fieldcode")));  // a field's code, not its result
  // A text box comes with a fallback copy of itself; it is read once.
  EXPECT_EQ(doc.body.find("turnstone"), doc.body.rfind("turnstone"));
}

TEST(OoxmlExtractorTest, WorkbookSheetsInTheirOrderWithSharedStrings) {
  ExtractedDocument doc = ExtractOne("ledger.xlsx");
  EXPECT_EQ(doc.title, "Garden Bird Ledger");
  EXPECT_EQ(doc.fields.author, "Gilbert White");
  // The ZIP holds Winter's sheet first; the workbook lists Summer first.
  ExpectInOrder(doc.body, {"Summer\n", "Species\tCount\n", "greenshank\t42\n", "Winter\n",
                           "redpoll\t7.5\n", "brambling\t1"});
  EXPECT_THAT(doc.body, Not(HasSubstr("PHONETIC")));  // a phonetic guide is not text
}

TEST(OoxmlExtractorTest, PresentationSlidesInThePresentationsOrderWithNotes) {
  ExtractedDocument doc = ExtractOne("slides.pptx");
  EXPECT_EQ(doc.title, "Wader Migration");
  EXPECT_EQ(doc.fields.author, "Grace Hopper");
  // The ZIP holds the slides last to first.
  ExpectInOrder(doc.body, {"Godwits fly nonstop", "Speaker notes mention whimbrels.",
                           "Red knots refuel", "Dunlins gather"});
}

TEST(OoxmlExtractorTest, BrokenAndHostileFilesAreNamedErrors) {
  const struct {
    const char* file;
    StatusCode code;
    const char* message;
  } cases[] = {
      {"bomb.docx", StatusCode::kUnsupported, "too large when decompressed"},
      {"encrypted.docx", StatusCode::kUnsupported, "encrypted (password-protected) Office file"},
      {"password.docx", StatusCode::kUnsupported, "encrypted (password-protected) member"},
      {"truncated.docx", StatusCode::kDataLoss, "damaged ZIP package"},
      {"notzip.docx", StatusCode::kDataLoss, "damaged ZIP package"},
      // An EPUB is a ZIP package, but not an Office one.
      {"estuary.epub", StatusCode::kUnsupported, "no Word, Excel or PowerPoint part"},
  };
  OoxmlExtractor extractor(64 << 20);
  for (const auto& c : cases) {
    EXPECT_THAT(extractor.Extract(c.file, ReadTestdata(std::string("documents/") + c.file)),
                StatusIs(c.code, HasSubstr(c.message)))
        << c.file;
  }
}

TEST(OoxmlExtractorTest, TheCapComesFromTheIndexersLimit) {
  OoxmlExtractor small(1000);
  EXPECT_THAT(small.Extract("report.docx", ReadTestdata("documents/report.docx")),
              StatusIs(StatusCode::kUnsupported, HasSubstr("more than 1000 bytes")));
}

}  // namespace
}  // namespace quarry::indexer

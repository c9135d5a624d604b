#include "indexer/extract/subtitle_extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indexer/extract/data_text_extractor.h"
#include "tests/support/status_matchers.h"
#include "tests/unit/indexer/extract/extract_test_util.h"

namespace quarry::indexer {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SubtitleExtractorTest, DialogueWithoutNumbersTimingsOrTags) {
  SubtitleExtractor extractor;
  ExtractedDocument srt = ExtractFixture(extractor, "documents/titles/films/heron.en.srt");
  EXPECT_EQ(srt.body, "The heron stands in the shallows.\nSubtitled sandpipers scatter.");
  // No title of its own: the indexer names it by its file.
  EXPECT_EQ(srt.title, "");
  ExtractedDocument vtt = ExtractFixture(extractor, "documents/titles/films/heron.vtt");
  EXPECT_EQ(vtt.body, "Captioned curlews call.");
  EXPECT_THAT(vtt.body, Not(HasSubstr("vttnoteword")));
}

TEST(SubtitleExtractorTest, LegacyEncodingsAreDecoded) {
  SubtitleExtractor extractor;
  ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/s.srt", "1\n00:00:01,000 --> 00:00:02,000\nCaf\xE9 cr\xE8me\n"));
  EXPECT_EQ(docs[0].body, "Caf\u00E9 cr\u00E8me");
}

TEST(DataTextExtractorTest, TextAsIsWithoutATitle) {
  DataTextExtractor extractor;
  ExtractedDocument csv = ExtractFixture(extractor, "documents/titles/survey/birds.csv");
  EXPECT_EQ(csv.body, "Species,Count\nsmew,4\n");
  EXPECT_EQ(csv.title, "");
  // The searcher can read its text from the file (stored_text.h).
  EXPECT_EQ(csv.text_in_file, FileText::kAsIs);
}

}  // namespace
}  // namespace quarry::indexer

#include "indexer/extract/file_reader.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;

TEST(ReadFileContentTest, LargerThanTheLimitIsSkippedUnread) {
  TempDir dir;
  std::string path = dir.Write("big.txt", std::string(1000, 'x'));
  EXPECT_THAT(ReadFileContent(path, 999), StatusIs(StatusCode::kUnsupported));
  ASSERT_OK_AND_ASSIGN(std::string content, ReadFileContent(path, 1000));
  EXPECT_EQ(content.size(), 1000u);
}

// A file gone since the walk, also because a folder on its path became a
// file, is NotFound (the plan applier removes its document).
TEST(ReadFileContentTest, AFileGoneSinceTheWalkIsNotFound) {
  TempDir dir;
  std::string file = dir.Write("notes.txt", "x");
  EXPECT_THAT(ReadFileContent(dir.Path("gone.txt"), 1000), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(ReadFileContent(file + "/inner.txt", 1000), StatusIs(StatusCode::kNotFound));
}

TEST(OpenFormatContentTest, CompressedFilesOpenAsTheirInnerFormat) {
  ASSERT_OK_AND_ASSIGN(FormatContent html, OpenFormatContent("/d/manual.html.gz",
                                                             ReadTestdata("formats/manual.html.gz"),
                                                             1 << 20));
  EXPECT_EQ(html.format_path, "/d/manual.html");
  EXPECT_EQ(html.bytes.rfind("<html>", 0), 0u);

  ASSERT_OK_AND_ASSIGN(FormatContent plain, OpenFormatContent("/d/a.txt", "as is", 1 << 20));
  EXPECT_EQ(plain.format_path, "/d/a.txt");
  EXPECT_EQ(plain.bytes, "as is");

  EXPECT_THAT(OpenFormatContent("/d/bomb.txt.zst", ReadTestdata("formats/bomb.txt.zst"), 1 << 20),
              StatusIs(StatusCode::kUnsupported));
  EXPECT_THAT(OpenFormatContent("/d/t.txt.gz", ReadTestdata("formats/truncated.txt.gz"), 1 << 20),
              StatusIs(StatusCode::kDataLoss));
}

TEST(CapDocumentTextTest, CutsOnACharacterBoundary) {
  std::vector<ExtractedDocument> docs(2);
  docs[0].body = "ab\xC3\xA9z";  // "abéz": the cut at 3 bytes falls inside é
  docs[1].body = "short";
  CapDocumentText(docs, 3);
  EXPECT_EQ(docs[0].body, "ab");
  EXPECT_EQ(docs[1].body, "sho");
  CapDocumentText(docs, 100);
  EXPECT_EQ(docs[1].body, "sho");
}

TEST(CapDocumentTextTest, ACutTextIsNoLongerItsFiles) {
  std::vector<ExtractedDocument> docs(2);
  docs[0].body = "a longer text";
  docs[1].body = "short";
  for (ExtractedDocument& doc : docs) doc.text_in_file = FileText::kAsIs;
  CapDocumentText(docs, 6);
  EXPECT_EQ(docs[0].text_in_file, std::nullopt);
  EXPECT_EQ(docs[1].text_in_file, FileText::kAsIs);
}

}  // namespace
}  // namespace quarry::indexer

// Files skipped by a build that read fewer formats are read again by one
// that reads more (issue 7: an index made before HTML, PDF or .gz support
// must pick those files up without waiting for them to change).
#include <gtest/gtest.h>

#include <sstream>

#include "common/cli/diagnostics.h"
#include "common/index/database.h"
#include "common/index/schema.h"
#include "indexer/extract/html_extractor.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/rst_extractor.h"
#include "indexer/extract/registry.h"
#include "indexer/index_writer.h"
#include "indexer/pipeline.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::TempDir;

RunCounts IndexOnce(const IndexerConfig& config) {
  Diagnostics diagnostics("quarry-index");
  IndexObserver quiet;
  RunReport report(quiet);
  std::ostringstream out;
  EXPECT_OK(IndexCorpus(config, report));
  return report.counts();
}

// Indexing dir/corpus into dir/db, on one thread (files in plan order).
IndexerConfig OneJob(const TempDir& dir) {
  IndexerConfig config;
  config.db_path = dir.Path("db");
  config.roots = {dir.Path("corpus")};
  config.jobs = 1;
  return config;
}

// Indexes again, expecting `reread` files read again and `unchanged` left
// as they were; then once more, expecting nothing read.
void ExpectReadAgain(const IndexerConfig& config, size_t reread, size_t unchanged) {
  RunCounts upgraded = IndexOnce(config);
  EXPECT_EQ(upgraded.updated, reread);
  EXPECT_EQ(upgraded.unchanged, unchanged);
  RunCounts again = IndexOnce(config);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, reread + unchanged);
}

// Records `formats` as the index's, as another build would have left them.
void RecordFormats(const std::string& db_path, const std::string& formats) {
  StatusOr<Xapian::WritableDatabase> db =
      OpenDatabaseForWriting(db_path, CreateMode::kOpenExisting);
  ASSERT_OK(db.status());
  db->set_metadata(std::string(schema::kFormatsKey), formats);
  db->commit();
}

// This build's formats without the pairs that contain `drop`.
std::string FormatsWithout(std::string_view drop) {
  std::string formats;
  std::istringstream pairs(ExtractorRegistry::Default().Formats());
  for (std::string pair; pairs >> pair;) {
    if (pair.find(drop) == std::string::npos) formats += pair + " ";
  }
  return formats;
}

// This build's formats with the pair of key `key` given the value `value`.
std::string FormatsWith(const std::string& key, const std::string& value) {
  std::string formats;
  std::istringstream pairs(ExtractorRegistry::Default().Formats());
  for (std::string pair; pairs >> pair;) {
    formats += (pair.starts_with(key + ":") ? key + ":" + value : pair) + " ";
  }
  return formats;
}

TEST(PipelineFormatsTest, FilesSkippedByABuildWithOtherFormatsAreReadAgain) {
  TempDir dir;
  std::string page = dir.Write("corpus/page.html", "<title>Herons</title><p>quillwort</p>");
  dir.Write("corpus/blob.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16));
  IndexerConfig config;
  config.db_path = dir.Path("db");
  config.roots = {dir.Path("corpus")};
  RunCounts first = IndexOnce(config);
  EXPECT_EQ(first.added, 1u);
  EXPECT_EQ(first.skipped, 1u);

  // Make the index look as an older build without HTML support left it:
  // page.html skipped as binary, and other formats recorded.
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase db,
                         OpenDatabaseForWriting(config.db_path, CreateMode::kOpenExisting));
    ASSERT_OK_AND_ASSIGN(IndexSnapshot snapshot, LoadSnapshot(db));
    const IndexedFile& indexed = snapshot.at(page);
    IndexWriter writer(std::move(db), std::move(Analyzer::Create(AnalysisConfig{})).value());
    ASSERT_OK(writer.RecordSkipped(CorpusEntry{page, indexed.size, indexed.mtime_ns}, "binary",
                                   &indexed));
    ASSERT_OK(writer.SetMetadata(std::string(schema::kFormatsKey), "txt:text *:text"));
    ASSERT_OK(writer.Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(Xapian::Database db, OpenDatabaseForReading(config.db_path));
    ASSERT_FALSE(db.term_exists("quillwort"));
  }

  RunCounts upgraded = IndexOnce(config);
  EXPECT_EQ(upgraded.added, 1u);    // page.html, read as HTML this time
  EXPECT_EQ(upgraded.skipped, 1u);  // blob.bin, still binary
  {
    ASSERT_OK_AND_ASSIGN(Xapian::Database db, OpenDatabaseForReading(config.db_path));
    EXPECT_TRUE(db.term_exists("quillwort"));
  }

  // The same build again: nothing is read.
  RunCounts again = IndexOnce(config);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.skipped, 0u);
  EXPECT_EQ(again.unchanged, 2u);
}

TEST(PipelineFormatsTest, FilesAnotherExtractorReadsNowAreReadAgain) {
  TempDir dir;
  dir.Write("corpus/tree.svg", "<svg><rect x=\"1575\"/><text>grace period</text></svg>");
  dir.Write("corpus/notes.txt", "grace notes");
  const IndexerConfig config = OneJob(dir);
  EXPECT_EQ(IndexOnce(config).added, 2u);

  // As a build without the SVG extractor recorded it: SVG files went to
  // the text fallback, by content.
  const std::string older = FormatsWithout("svg");
  RecordFormats(config.db_path, older);
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(older, dir.Path("corpus/tree.svg")), "");
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(older, dir.Path("corpus/notes.txt")),
            ExtractorLabel(PlainTextExtractor()));

  // tree.svg, read as SVG now; notes.txt has the same extractor.
  ExpectReadAgain(config, 1, 1);
}

TEST(PipelineFormatsTest, FilesTypedByContentAreReadAgainWhenTheRuleChanges) {
  TempDir dir;
  // libmagic calls this HTML (it mentions <html>); this build reads it as text.
  dir.Write("corpus/README", "To start a page, write <html> then <body>.\n");
  dir.Write("corpus/notes.txt", "grace notes");
  const IndexerConfig config = OneJob(dir);
  EXPECT_EQ(IndexOnce(config).added, 2u);

  // As a build that typed content with libmagic alone recorded it.
  const std::string older = FormatsWithout("/typing:");
  RecordFormats(config.db_path, older);
  EXPECT_EQ(ExtractorRegistry::ContentTypingIn(older).find("/typing:"), std::string::npos);
  EXPECT_NE(
      ExtractorRegistry::ContentTypingIn(ExtractorRegistry::Default().Formats()).find("/typing:2 "),
      std::string::npos);
  // README, typed by the new rule; notes.txt is typed by its extension.
  ExpectReadAgain(config, 1, 1);
}

// An extractor of another version (a label "name@N" in the formats) reads
// its files again, and only those.
TEST(PipelineFormatsTest, FilesOfAnotherExtractorVersionAreReadAgain) {
  TempDir dir;
  dir.Write("corpus/guide.rst", "Guide\n=====\n\nTerns dive.\n");
  dir.Write("corpus/notes.txt", "grace notes");
  dir.Write("corpus/README", "plain words");
  const IndexerConfig config = OneJob(dir);
  EXPECT_EQ(IndexOnce(config).added, 3u);

  RecordFormats(config.db_path, FormatsWith("rst", "rst@7"));
  ExpectReadAgain(config, 1, 2);  // guide.rst

  // The text fallback, which reads files typed by their content: README
  // again (notes.txt is read by the text extractor too, but chosen by its
  // extension, whose pair did not change).
  RecordFormats(config.db_path, FormatsWith("*", "text@3"));
  ExpectReadAgain(config, 1, 2);  // README
}

TEST(PipelineFormatsTest, ExtensionExtractorInFollowsChoose) {
  const std::string formats = ExtractorRegistry::Default().Formats();
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/guide.rst.txt"),
            ExtractorLabel(RstExtractor()));
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/notes.old.txt"),
            ExtractorLabel(PlainTextExtractor()));
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/PAGE.HTM"),
            ExtractorLabel(HtmlExtractor()));
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/Makefile"), "");
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn("", "/a/page.html"), "");
  // The content-typing rule's pair is never an extension's.
  EXPECT_EQ(ExtractorRegistry::ExtensionExtractorIn(formats, "/a/b.typing"), "");
}

}  // namespace
}  // namespace quarry::indexer

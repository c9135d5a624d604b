// Which documents the index keeps a copy of the text of, and which it
// leaves in their files (common/index/stored_text.h): a copy only when the
// text cannot be derived from the file's own bytes, or with --store-text.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "common/cli/diagnostics.h"
#include "common/index/database.h"
#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "indexer/pipeline.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"
#include "tests/support/testdata.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::ReadTestdata;
using ::quarry::testing::TempDir;

// What each document's data is: "t" or "r" for a text left in its file
// (FileText), else the stored text itself. Keyed by file name (#record).
std::map<std::string, std::string> DataByName(const IndexerConfig& config) {
  Diagnostics diagnostics("quarry-index");
  IndexObserver quiet;
  RunReport report(quiet);
  std::ostringstream out;
  EXPECT_OK(IndexCorpus(config, report));
  std::map<std::string, std::string> data;
  StatusOr<Xapian::Database> db = OpenDatabaseForReading(config.db_path);
  EXPECT_OK(db);
  if (!db.ok()) return data;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    Xapian::Document doc = db->get_document(*it);
    std::string path = doc.get_value(schema::kPathSlot);
    std::string name = path.substr(path.rfind('/') + 1);
    std::string record = doc.get_value(schema::kRecordSlot);
    if (!record.empty()) name += "#" + record;
    const std::string document_data = doc.get_data();
    std::string stored(SplitDocumentData(document_data).value().text_data);
    if (std::optional<FileText> how = FileTextOf(stored)) {
      data[name] = std::string(1, static_cast<char>(*how));
    } else {
      data[name] = DecodeStoredText(stored).value();
    }
  }
  return data;
}

class TextInFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("corpus/notes.txt", "Heron notes\nThe heron waits.\n");
    dir_.Write("corpus/guide.rst", "Guide\n=====\n\nSee :ref:`herons <herons>` first.\n");
    dir_.Write("corpus/config.yaml", "title: Herons\nbirds: [heron]\n");
    dir_.Write("corpus/legacy.txt", "Caf\xE9 des h\xE9rons\n");  // Windows-1252
    dir_.Write("corpus/page.html", "<title>Herons</title><p>A heron page.</p>");
    dir_.Write("corpus/records.jsonl",
               "{\"id\": \"a\", \"title\": \"One\", \"text\": \"heron one\"}\n");
    dir_.Write("corpus/osprey.txt.xz", ReadTestdata("formats/osprey.txt.xz"));
    dir_.Write("corpus/bom.txt", "\xEF\xBB\xBFHeron with a mark\n");
    dir_.Write("corpus/empty.txt", "");
    config_.db_path = dir_.Path("db");
    config_.roots = {dir_.Path("corpus")};
  }

  TempDir dir_;
  IndexerConfig config_;
};

TEST_F(TextInFileTest, PlainTextYamlAndReStAreLeftInTheirFiles) {
  std::map<std::string, std::string> data = DataByName(config_);
  EXPECT_EQ(data["notes.txt"], "t");
  EXPECT_EQ(data["config.yaml"], "t");
  EXPECT_EQ(data["guide.rst"], "r");
  // Text that is not the file's own bytes is kept: converted from another
  // encoding, extracted from HTML, a record of a file, decompressed.
  EXPECT_EQ(data["legacy.txt"], "Caf\xC3\xA9 des h\xC3\xA9rons\n");
  EXPECT_EQ(data["page.html"], "A heron page.");
  EXPECT_EQ(data["records.jsonl#a"], "heron one");
  ASSERT_EQ(data.count("osprey.txt.xz"), 1u);
  EXPECT_NE(data["osprey.txt.xz"], "t");
  EXPECT_NE(data["osprey.txt.xz"].find("osprey"), std::string::npos) << data["osprey.txt.xz"];
  // The byte-order mark is not part of the text: a copy.
  EXPECT_EQ(data["bom.txt"], "Heron with a mark\n");
  // Nothing to keep, nor to read.
  ASSERT_EQ(data.count("empty.txt"), 1u);
  EXPECT_EQ(data["empty.txt"], "");
}

TEST_F(TextInFileTest, StoreTextKeepsEveryTextInTheIndexAndIsRemembered) {
  config_.store_text = true;
  std::map<std::string, std::string> data = DataByName(config_);
  EXPECT_EQ(data["notes.txt"], "Heron notes\nThe heron waits.\n");
  EXPECT_EQ(data["config.yaml"], "title: Herons\nbirds: [heron]\n");
  EXPECT_EQ(data["guide.rst"], "Guide\n\nSee herons first.");
  // A later run without the option keeps it: a new file gets a copy too.
  dir_.Write("corpus/later.txt", "Later heron\n");
  config_.store_text.reset();
  data = DataByName(config_);
  EXPECT_EQ(data["later.txt"], "Later heron\n");
  // Turned off, every document is written again without a copy.
  config_.store_text = false;
  data = DataByName(config_);
  EXPECT_EQ(data["notes.txt"], "t");
  EXPECT_EQ(data["later.txt"], "t");
  EXPECT_EQ(data["guide.rst"], "r");
  EXPECT_EQ(data["page.html"], "A heron page.");
}

TEST_F(TextInFileTest, AnInterruptedSwitchIsResumedByTheNextRun) {
  config_.jobs = 1;
  DataByName(config_);
  config_.store_text = true;
  {
    Diagnostics diagnostics("quarry-index");
    IndexObserver quiet;
  RunReport report(quiet);
    std::ostringstream out;
    int checks = 0;
    StatusOr<RunOutcome> outcome = IndexCorpus(config_, report, [&] { return ++checks > 2; });
    ASSERT_OK(outcome);
    ASSERT_EQ(*outcome, RunOutcome::kInterrupted);
  }
  // Not recorded yet: the same command run again reads every file again.
  std::map<std::string, std::string> data = DataByName(config_);
  EXPECT_EQ(data["notes.txt"], "Heron notes\nThe heron waits.\n");
  EXPECT_EQ(data["config.yaml"], "title: Herons\nbirds: [heron]\n");
  EXPECT_EQ(data["guide.rst"], "Guide\n\nSee herons first.");
}

TEST_F(TextInFileTest, ATextCutByTheCapIsKept) {
  config_.max_text_bytes = 10;
  std::map<std::string, std::string> data = DataByName(config_);
  EXPECT_EQ(data["notes.txt"], "Heron note");
}

}  // namespace
}  // namespace quarry::indexer

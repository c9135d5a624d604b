// CompactInPlace: a freshly built index rewritten compactly, in place.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/index/compaction.h"
#include "common/index/database.h"
#include "common/index/scratch.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

namespace fs = std::filesystem;

// The bytes of the database's files (not the scratch mark an exchange puts
// into the old copy).
uintmax_t FolderBytes(const std::string& path) {
  uintmax_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(path)) {
    if (entry.is_regular_file() && entry.path().filename() != kScratchMarkFileName) {
      bytes += entry.file_size();
    }
  }
  return bytes;
}

TEST(CompactInPlaceTest, KeepsEveryDocumentAndSettingInLessSpace) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  AnalysisConfig settings;
  settings.language = "french";
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase writer,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, settings));
  // Small batches, as the indexer commits them, leave blocks part-filled.
  for (int i = 0; i < 3000; ++i) {
    Xapian::Document doc;
    doc.add_term("Qdoc" + std::to_string(i));
    for (int w = 0; w < 20; ++w) doc.add_posting("word" + std::to_string((i * 7 + w) % 500), w + 1);
    doc.set_data("text of document " + std::to_string(i));
    writer.add_document(doc);
    writer.add_spelling("word" + std::to_string(i % 500));  // indexes of earlier versions
    if (i % 50 == 49) writer.commit();
  }
  writer.commit();
  const uintmax_t before = FolderBytes(path);

  ASSERT_OK_AND_ASSIGN(Exchanged exchanged, CompactInPlace(path));
  exchanged.lock.close();
  const std::string old = exchanged.old_path;
  // The old database was exchanged out, whole, for the caller to remove.
  EXPECT_EQ(FolderBytes(old), before);
  writer.close();
  fs::remove_all(old);

  EXPECT_LT(FolderBytes(path), before);
  ASSERT_OK_AND_ASSIGN(Xapian::Database db, OpenDatabaseForReading(path));
  EXPECT_EQ(db.get_doccount(), 3000u);
  EXPECT_EQ(db.get_termfreq("Qdoc2999"), 1u);
  EXPECT_EQ(db.get_document(*db.postlist_begin("Qdoc17")).get_data(), "text of document 17");
  EXPECT_EQ(db.get_spelling_suggestion("wird42"), "word42");
  ASSERT_OK_AND_ASSIGN(AnalysisConfig recorded, ReadAnalysisConfig(db));
  EXPECT_EQ(recorded.language, "french");
  // It can be written to again.
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase again,
                       OpenDatabaseForWriting(path, CreateMode::kOpenExisting, settings));
}

TEST(CompactInPlaceTest, LeftoversOfKilledRunsAreRemovedOnlyWhenQuarrysOwn) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase writer,
                         OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, {}));
  }
  ASSERT_OK(CreateScratchFolder(dir.Path("db.compact-99999991")));  // a killed run's
  fs::create_directories(dir.Path("db-other.compact-1"));
  ASSERT_OK(CreateScratchFolder(dir.Path("db.compact-99999992")));
  dir.Write("db.compact-99999992/thesis.txt", "not Quarry's");
  const std::vector<std::string> kept = RemoveLeftovers(path);
  EXPECT_FALSE(fs::exists(dir.Path("db.compact-99999991")));
  EXPECT_TRUE(fs::exists(dir.Path("db-other.compact-1")));  // another index's
  EXPECT_TRUE(fs::exists(dir.Path("db.compact-99999992/thesis.txt")));  // not Quarry's own
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_THAT(kept[0], ::testing::HasSubstr("thesis.txt, which Quarry did not write"));
}

TEST(CompactInPlaceTest, MergesPartsWrittenBesideTheIndex) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  AnalysisConfig settings;
  settings.language = "german";
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase main,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, settings));
  auto add = [](Xapian::WritableDatabase& db, const std::string& id, const std::string& word) {
    Xapian::Document doc;
    doc.add_boolean_term("Q" + id);
    doc.add_posting(word, 1);
    doc.set_data("text of " + id);
    db.add_document(doc);
  };
  add(main, "a", "alpha");
  main.set_metadata("quarry.skipped:/x", "main's");
  main.commit();
  std::vector<std::string> parts;
  for (size_t k = 1; k <= 2; ++k) {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase part, CreatePartDatabase(path, k));
    add(part, "p" + std::to_string(k), "alpha");
    add(part, "q" + std::to_string(k), "beta");
    part.set_metadata("quarry.skipped:/part" + std::to_string(k), "part's");
    part.commit();
    part.close();
    parts.push_back(PartDatabasePath(path, k));
  }
  ASSERT_OK_AND_ASSIGN(Exchanged exchanged, CompactInPlace(path, parts));
  exchanged.lock.close();
  const std::string old = exchanged.old_path;
  main.close();
  fs::remove_all(old);
  for (const std::string& part : parts) EXPECT_TRUE(fs::exists(part)) << "parts are the caller's";

  ASSERT_OK_AND_ASSIGN(Xapian::Database db, OpenDatabaseForReading(path));
  EXPECT_EQ(db.get_doccount(), 5u);
  EXPECT_EQ(db.get_termfreq("alpha"), 3u);
  EXPECT_EQ(db.get_termfreq("beta"), 2u);
  EXPECT_EQ(db.get_document(*db.postlist_begin("Qq2")).get_data(), "text of q2");
  // The index's own documents come first; each part's follow, renumbered.
  EXPECT_EQ(*db.postlist_begin("Qa"), 1u);
  EXPECT_EQ(db.get_lastdocid(), 5u);
  EXPECT_EQ(db.get_metadata("quarry.skipped:/x"), "main's");
  EXPECT_EQ(db.get_metadata("quarry.skipped:/part2"), "part's");
  ASSERT_OK_AND_ASSIGN(AnalysisConfig recorded, ReadAnalysisConfig(db));
  EXPECT_EQ(recorded.language, "german");
}

TEST(CompactInPlaceTest, PartsAreLeftoversForTheNextRun) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  { ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase part, CreatePartDatabase(path, 3)); }
  ASSERT_TRUE(fs::exists(PartDatabasePath(path, 3)));
  EXPECT_TRUE(RemoveLeftovers(path).empty());
  EXPECT_FALSE(fs::exists(PartDatabasePath(path, 3)));
}

TEST(CompactInPlaceTest, APartCanBeCopiedInWhenItCannotBeMerged) {
  testing::TempDir dir;
  const std::string path = dir.Path("db");
  ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase main,
                       OpenDatabaseForWriting(path, CreateMode::kCreateIfMissing, {}));
  {
    ASSERT_OK_AND_ASSIGN(Xapian::WritableDatabase part, CreatePartDatabase(path, 1));
    for (const char* id : {"Qa", "Qb"}) {
      Xapian::Document doc;
      doc.add_boolean_term(id);
      doc.add_posting("river", 1);
      doc.set_data(std::string("text ") + id);
      part.add_document(doc);
    }
    part.set_metadata("quarry.skipped:/c", "a reason");
    part.commit();
  }
  ASSERT_OK(CopyDocumentsInto(PartDatabasePath(path, 1), main));
  main.commit();
  EXPECT_EQ(main.get_doccount(), 2u);
  EXPECT_EQ(main.get_termfreq("river"), 2u);
  EXPECT_EQ(main.get_document(*main.postlist_begin("Qb")).get_data(), "text Qb");
  EXPECT_EQ(main.get_metadata("quarry.skipped:/c"), "a reason");
  EXPECT_THAT(CopyDocumentsInto(dir.Path("nowhere"), main), testing::StatusIs(StatusCode::kIoError));
}

TEST(CompactInPlaceTest, ExchangingBesideTheIndexIsTriedWithoutLeavingAnything) {
  testing::TempDir dir;
  EXPECT_TRUE(CanExchangeBeside(dir.Path("db")));  // the test machines' filesystems can
  EXPECT_TRUE(fs::is_empty(dir.Path("")));
}

TEST(CompactInPlaceTest, AMissingIndexIsAnErrorAndNothingIsLeft) {
  testing::TempDir dir;
  EXPECT_THAT(CompactInPlace(dir.Path("none")).status(), testing::StatusIs(StatusCode::kIoError));
  EXPECT_TRUE(fs::is_empty(dir.Path("")));
}

TEST(RetryIfSwappedTest, RetriesDataLossOnlyAndAtMostThreeTimes) {
  int calls = 0;
  StatusOr<int> second = RetryIfSwapped<int>([&]() -> StatusOr<int> {
    if (++calls < 2) return DataLossError("swapped");
    return 7;
  });
  ASSERT_OK(second.status());
  EXPECT_EQ(*second, 7);
  EXPECT_EQ(calls, 2);

  calls = 0;
  StatusOr<int> damaged = RetryIfSwapped<int>([&]() -> StatusOr<int> {
    ++calls;
    return DataLossError("really damaged");
  });
  EXPECT_THAT(damaged.status(), testing::StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(calls, 3);

  calls = 0;
  StatusOr<int> missing = RetryIfSwapped<int>([&]() -> StatusOr<int> {
    ++calls;
    return NotFoundError("no index");
  });
  EXPECT_THAT(missing.status(), testing::StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace quarry

// IndexWriter over several shards (issue 8): each file's documents live in
// the shard its identity hashes to, metadata in the first shard, and the
// combined database reads like one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/schema.h"
#include "common/index/shards.h"
#include "indexer/index_writer.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::TempDir;

constexpr size_t kShards = 3;

class ShardedIndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Xapian::WritableDatabase> shards;
    for (size_t i = 0; i < kShards; ++i) {
      shards.emplace_back(ShardPath(dir_.path(), i), Xapian::DB_CREATE_OR_OPEN);
    }
    writer_ = std::make_unique<IndexWriter>(
        shards, std::move(Analyzer::Create(AnalysisConfig{})).value());
  }

  static std::vector<ExtractedDocument> OneDocument(const std::string& body) {
    ExtractedDocument doc;
    doc.title = "title";
    doc.body = body;
    return {doc};
  }

  // Which shards hold a document of `path`.
  std::vector<size_t> ShardsHolding(const std::string& path) {
    std::vector<size_t> holding;
    for (size_t i = 0; i < kShards; ++i) {
      Xapian::Database shard(ShardPath(dir_.path(), i));
      if (shard.term_exists(schema::UniqueIdTerm(path))) holding.push_back(i);
    }
    return holding;
  }

  TempDir dir_;
  std::unique_ptr<IndexWriter> writer_;
};

TEST_F(ShardedIndexWriterTest, EachFileGoesToTheShardItsIdentityHashesTo) {
  std::vector<size_t> used(kShards);
  for (int i = 0; i < 30; ++i) {
    std::string path = "/corpus/file-" + std::to_string(i) + ".txt";
    ASSERT_OK(writer_->Write(CorpusEntry{path, 10, 1}, 7, OneDocument("kernel"), nullptr));
  }
  ASSERT_OK(writer_->Commit());
  for (int i = 0; i < 30; ++i) {
    std::string path = "/corpus/file-" + std::to_string(i) + ".txt";
    size_t expected = ShardOf(schema::UniqueIdTerm(path), kShards);
    EXPECT_THAT(ShardsHolding(path), ::testing::ElementsAre(expected)) << path;
    used[expected]++;
  }
  for (size_t count : used) EXPECT_GT(count, 0u) << "every shard gets some of 30 files";
}

TEST_F(ShardedIndexWriterTest, RewritesRemovalsAndTouchesHitTheSameShard) {
  const std::string path = "/corpus/notes/a.txt";
  CorpusEntry entry{path, 10, 1};
  ASSERT_OK(writer_->Write(entry, 7, OneDocument("old words"), nullptr));
  ASSERT_OK(writer_->Commit());
  IndexedFile previous{path, 1, 10, 7, {schema::UniqueIdTerm(path)}, "", ""};

  ASSERT_OK(writer_->Write(CorpusEntry{path, 12, 2}, 8, OneDocument("new words"), &previous));
  ASSERT_OK(writer_->Touch(CorpusEntry{path, 12, 3}, previous));
  ASSERT_OK(writer_->Commit());
  Xapian::Database all(dir_.path() + "/shard-000");
  for (size_t i = 1; i < kShards; ++i) all.add_database(Xapian::Database(ShardPath(dir_.path(), i)));
  EXPECT_EQ(all.get_doccount(), 1u);
  EXPECT_EQ(all.get_termfreq("new"), 1u);
  EXPECT_EQ(all.get_termfreq("old"), 0u);
  EXPECT_THAT(ShardsHolding(path), ::testing::SizeIs(1));

  ASSERT_OK(writer_->Remove(previous));
  ASSERT_OK(writer_->Commit());
  EXPECT_THAT(ShardsHolding(path), ::testing::IsEmpty());
}

TEST_F(ShardedIndexWriterTest, MetadataLivesInTheFirstShard) {
  ASSERT_OK(writer_->SetMetadata(std::string(schema::kRootsKey), "/corpus\n"));
  ASSERT_OK(writer_->RecordSkipped(CorpusEntry{"/corpus/blob.bin", 5, 1}, "binary", nullptr));
  ASSERT_OK(writer_->Commit());
  Xapian::Database first(ShardPath(dir_.path(), 0));
  EXPECT_EQ(first.get_metadata(std::string(schema::kRootsKey)), "/corpus\n");
  EXPECT_NE(first.get_metadata(schema::SkippedKey("/corpus/blob.bin")), "");
  for (size_t i = 1; i < kShards; ++i) {
    Xapian::Database other(ShardPath(dir_.path(), i));
    EXPECT_EQ(other.metadata_keys_begin() == other.metadata_keys_end(), true) << i;
  }
}

}  // namespace
}  // namespace quarry::indexer

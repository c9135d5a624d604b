#include "common/index/shards.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/index/database.h"
#include "common/index/schema.h"
#include "tests/support/shard_database.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry {
namespace {

using ::quarry::testing::MakeShard;
using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(ShardsTest, ShardNamesAreThreeDigitsWide) {
  EXPECT_EQ(ShardName(0), "shard-000");
  EXPECT_EQ(ShardName(7), "shard-007");
  EXPECT_EQ(ShardName(123), "shard-123");
}

TEST(ShardsTest, ShardOfIsStableAcrossBuilds) {
  // These values are on-disk format: a change moves documents between
  // shards, so existing sharded indexes would hold duplicates.
  struct Case {
    const char* identity;
    size_t shards;
    size_t expected;
  };
  const Case cases[] = {
      {"Q/home/ann/notes/a.txt", 2, 0},
      {"Q/home/ann/notes/a.txt", 7, 3},
      {"Q/srv/docs/index.md", 7, 2},
      {"Q/tmp/b.txt", 2, 1},
      {"anything", 1, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ShardOf(c.identity, c.shards), c.expected) << c.identity << " over " << c.shards;
  }
}

TEST(ShardsTest, ShardOfSpreadsDocumentsOverAllShards) {
  std::vector<int> counts(3);
  for (int i = 0; i < 300; ++i) {
    counts[ShardOf(schema::UniqueIdTerm("/corpus/file-" + std::to_string(i) + ".txt"), 3)]++;
  }
  for (int count : counts) EXPECT_GT(count, 50) << "a shard got too few of 300 documents";
}

struct StubCase {
  const char* line;
  ShardLocation expected;
};

TEST(ShardsTest, ParseStubReadsTheLinesXapianAccepts) {
  const StubCase cases[] = {
      {"auto shard-000", ShardLocation::Local("/idx/shard-000")},
      {"glass sub/shard", ShardLocation::Local("/idx/sub/shard")},
      {"chert /abs/db", ShardLocation::Local("/abs/db")},
      {"auto ../other/db", ShardLocation::Local("/other/db")},
      {"  auto   spaced  ", ShardLocation::Local("/idx/spaced")},
      {"remote 127.0.0.1:7001", ShardLocation::Remote("127.0.0.1", 7001)},
      {"remote search-2.example.org:65535", ShardLocation::Remote("search-2.example.org", 65535)},
      {"remote [::1]:7002", ShardLocation::Remote("::1", 7002)},
  };
  for (const StubCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(std::vector<ShardLocation> shards, ParseStub(c.line, "/idx", "stub"));
    ASSERT_THAT(shards, SizeIs(1)) << c.line;
    EXPECT_EQ(shards[0], c.expected) << c.line << " gave " << shards[0].Describe();
  }
}

TEST(ShardsTest, ParseStubSkipsCommentsAndBlankLines) {
  ASSERT_OK_AND_ASSIGN(std::vector<ShardLocation> shards,
                       ParseStub("# shards\n\nauto a\n   \nremote h:1\n", "/idx", "stub"));
  EXPECT_THAT(shards, ElementsAre(ShardLocation::Local("/idx/a"), ShardLocation::Remote("h", 1)));
}

TEST(ShardsTest, ParseStubRefusesWhatXapianRefuses) {
  const char* bad[] = {"shard-000", "auto", "remote", "remote host", "remote host:",
                       "remote host:0", "remote host:70000", "remote host:12x",
                       "flint db"};
  for (const char* line : bad) {
    EXPECT_THAT(ParseStub(std::string("auto ok\n") + line, "/idx", "/idx/XAPIANDB"),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr("/idx/XAPIANDB:2: ")))
        << line;
  }
}

TEST(ShardsTest, ParseStubRefusesKindsWeDoNotOpen) {
  EXPECT_THAT(ParseStub("remote :xapian-progsrv /db", "/idx", "stub"),
              StatusIs(StatusCode::kUnsupported, HasSubstr("xapian-tcpsrv")));
  EXPECT_THAT(ParseStub("inmemory", "/idx", "stub"), StatusIs(StatusCode::kUnsupported));
}

TEST(ShardsTest, FormatStubWritesShardsInsideTheFolderRelativeToIt) {
  std::vector<ShardLocation> shards = {ShardLocation::Local("/idx/shard-000"),
                                       ShardLocation::Local("/elsewhere/db"),
                                       ShardLocation::Remote("10.0.0.2", 7000)};
  std::string text = FormatStub(shards, "/idx");
  EXPECT_EQ(text, "auto shard-000\nauto /elsewhere/db\nremote 10.0.0.2:7000\n");
  ASSERT_OK_AND_ASSIGN(std::vector<ShardLocation> back, ParseStub(text, "/idx", "stub"));
  EXPECT_EQ(back, shards);
}

TEST(ShardsTest, SettingsCopyRoundTrips) {
  TempDir dir;
  std::map<std::string, std::string> entries = {
      {"quarry.analysis", "version=1;language=french;fold_diacritics=0"},
      {"quarry.schema_version", "1"}};
  ASSERT_OK(WriteSettingsCopy(dir.path(), entries));
  ASSERT_OK_AND_ASSIGN(auto back, ReadSettingsCopy(dir.path()));
  EXPECT_EQ(back, entries);
}

TEST(ShardsTest, SettingsCopyErrorsNameTheProblem) {
  TempDir dir;
  EXPECT_THAT(ReadSettingsCopy(dir.path()), StatusIs(StatusCode::kNotFound));
  dir.Write(std::string(kSettingsCopyFileName), "# comment\nno equals sign\n");
  EXPECT_THAT(ReadSettingsCopy(dir.path()),
              StatusIs(StatusCode::kDataLoss, HasSubstr("quarry-settings:2")));
}

// Makes a Quarry database at `path` holding one document per identity.
TEST(ShardsTest, CountLocalShardsKnowsTheLayoutsTheIndexerWrites) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(size_t none, CountLocalShards(dir.Path("nothing")));
  EXPECT_EQ(none, 0u);
  MakeShard(dir.Path("plain"), {"alpha"});
  ASSERT_OK_AND_ASSIGN(size_t plain, CountLocalShards(dir.Path("plain")));
  EXPECT_EQ(plain, 1u);
  MakeShard(dir.Path("idx/shard-000"), {"alpha"});
  MakeShard(dir.Path("idx/shard-001"), {"beta"});
  ASSERT_OK(WriteStub(dir.Path("idx"), {ShardLocation::Local(ShardPath(dir.Path("idx"), 0)),
                                        ShardLocation::Local(ShardPath(dir.Path("idx"), 1))}));
  ASSERT_OK_AND_ASSIGN(size_t two, CountLocalShards(dir.Path("idx")));
  EXPECT_EQ(two, 2u);
  ASSERT_OK_AND_ASSIGN(size_t slash, CountLocalShards(dir.Path("idx") + "/"));
  EXPECT_EQ(slash, 2u);
}

TEST(ShardsTest, CountLocalShardsRefusesStubsTheIndexerDidNotWrite) {
  TempDir dir;
  MakeShard(dir.Path("idx/shard-000"), {"alpha"});
  const char* stubs[] = {"auto shard-000\nremote 10.0.0.2:7000\n", "auto shard-001\n",
                         "auto elsewhere\n"};
  for (const char* stub : stubs) {
    dir.Write("idx/XAPIANDB", stub);
    EXPECT_THAT(CountLocalShards(dir.Path("idx")),
                StatusIs(StatusCode::kFailedPrecondition, HasSubstr("where it lives")))
        << stub;
  }
  EXPECT_THAT(CountLocalShards(dir.Path("idx/XAPIANDB")),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("stub file")));
}

TEST(ShardsTest, ChooseShardCountKeepsTheCountOrRebuildsForAnother) {
  TempDir dir;
  struct Case {
    const char* db;
    std::optional<size_t> requested;
    size_t count;
    bool rebuild;
  };
  MakeShard(dir.Path("plain"), {"alpha"});
  ASSERT_OK_AND_ASSIGN(auto opened,
                       OpenShardsForWriting(dir.Path("idx"), {2, 0, false},
                                            CreateMode::kCreateIfMissing, AnalysisConfig{}));
  for (auto& shard : opened) shard.commit();
  opened.clear();
  const Case cases[] = {
      {"new", std::nullopt, 1, false}, {"new", 4, 4, false},
      {"plain", std::nullopt, 1, false}, {"plain", 1, 1, false},
      {"idx", std::nullopt, 2, false}, {"idx", 2, 2, false},
      {"idx", 3, 3, true},
      // Between one database and shards: a rebuild too (made beside, exchanged whole).
      {"plain", 2, 2, true}, {"idx", 1, 1, true},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(ShardChoice choice, ChooseShardCount(dir.Path(c.db), c.requested));
    EXPECT_EQ(choice.count, c.count) << c.db;
    EXPECT_EQ(choice.rebuild, c.rebuild) << c.db;
  }
  EXPECT_THAT(ChooseShardCount(dir.Path("new"), 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ChooseShardCount(dir.Path("new"), kMaxShards + 1),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(ShardsTest, OpenShardsForWritingLaysOutStubSettingsAndShards) {
  TempDir dir;
  AnalysisConfig french;
  french.language = "french";
  {
    ASSERT_OK_AND_ASSIGN(auto shards, OpenShardsForWriting(dir.Path("idx"), {3, 0, false},
                                                           CreateMode::kCreateIfMissing, french));
    ASSERT_EQ(shards.size(), 3u);
    for (auto& shard : shards) shard.commit();
  }
  EXPECT_EQ(dir.Read("idx/XAPIANDB"), "auto shard-000\nauto shard-001\nauto shard-002\n");
  ASSERT_OK_AND_ASSIGN(auto copy, ReadSettingsCopy(dir.Path("idx")));
  EXPECT_EQ(copy[std::string(schema::kAnalysisKey)], SerializeAnalysisConfig(french));
  EXPECT_EQ(copy[std::string(schema::kSchemaVersionKey)], std::to_string(schema::kSchemaVersion));
  // Every shard is a Quarry index on its own, so each can be served alone.
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_OK_AND_ASSIGN(Xapian::Database shard, OpenDatabaseForReading(ShardPath(dir.Path("idx"), i)));
    ASSERT_OK_AND_ASSIGN(AnalysisConfig analysis, ReadAnalysisConfig(shard));
    EXPECT_EQ(analysis, french);
  }
  // Made private, and whole: nothing left beside it.
  EXPECT_EQ(std::filesystem::status(dir.Path("idx")).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_all);
  size_t beside = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    beside += entry.path().filename() != "idx";
  }
  EXPECT_EQ(beside, 0u);
}

TEST(ShardsTest, ASecondWriterOfShardsFindsThemLocked) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto first, OpenShardsForWriting(dir.Path("idx"), {2, 0, false},
                                                        CreateMode::kCreateIfMissing, {}));
  for (auto& shard : first) shard.commit();
  EXPECT_THAT(OpenShardsForWriting(dir.Path("idx"), {2, 2, false}, CreateMode::kCreateIfMissing, {}),
              StatusIs(StatusCode::kLocked));
  // The loser changed nothing: the stub still lists both shards.
  EXPECT_EQ(dir.Read("idx/XAPIANDB"), "auto shard-000\nauto shard-001\n");
}

TEST(ShardsTest, LockIndexHoldsEveryShardWithoutWriting) {
  TempDir dir;
  AnalysisConfig french;
  french.language = "french";
  {
    ASSERT_OK_AND_ASSIGN(auto shards, OpenShardsForWriting(dir.Path("idx"), {2, 0, false},
                                                           CreateMode::kCreateIfMissing, french));
    for (auto& shard : shards) shard.commit();
  }
  const std::string settings = dir.Read("idx/quarry-settings");
  ASSERT_OK_AND_ASSIGN(auto locked, LockIndex(dir.Path("idx"), 2));
  EXPECT_THAT(OpenDatabaseForWriting(ShardPath(dir.Path("idx"), 1), CreateMode::kOpenExisting),
              StatusIs(StatusCode::kLocked));
  EXPECT_EQ(dir.Read("idx/quarry-settings"), settings);
}

TEST(ShardsTest, ListShardsOfAPlainDatabaseIsTheDatabase) {
  TempDir dir;
  MakeShard(dir.Path("db"), {"alpha"});
  ASSERT_OK_AND_ASSIGN(auto shards, ListShards(dir.Path("db")));
  EXPECT_THAT(shards, ElementsAre(ShardLocation::Local(dir.Path("db"))));
  EXPECT_EQ(StubFileOf(dir.Path("db")), "");
  EXPECT_THAT(ListShards(dir.Path("nothing")), StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace quarry

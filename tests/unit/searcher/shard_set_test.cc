#include "searcher/shard_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/schema.h"
#include "common/index/shards.h"
#include "tests/support/shard_database.h"
#include "tests/support/shard_server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::MakeShard;
using ::quarry::testing::StatusIs;
using ::quarry::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(ShardSetTest, OpensLocalShardsAsOneDatabase) {
  TempDir dir;
  MakeShard(dir.Path("idx/shard-000"), {"alpha", "beta"});
  MakeShard(dir.Path("idx/shard-001"), {"gamma"});
  ASSERT_OK(WriteStub(dir.Path("idx"), {ShardLocation::Local(dir.Path("idx/shard-000")),
                                        ShardLocation::Local(dir.Path("idx/shard-001"))}));
  EXPECT_EQ(dir.Read("idx/XAPIANDB"), "auto shard-000\nauto shard-001\n");
  EXPECT_EQ(StubFileOf(dir.Path("idx")), dir.Path("idx/XAPIANDB"));

  // Both the folder and the stub file itself name the index.
  for (const std::string& name : {dir.Path("idx"), dir.Path("idx/XAPIANDB")}) {
    ASSERT_OK_AND_ASSIGN(ShardSet set, ShardSet::Open({name}, {}));
    EXPECT_EQ(set.database().get_doccount(), 3u) << name;
    EXPECT_EQ(set.shard_count(), 2u);
    EXPECT_THAT(set.missing(), SizeIs(0));
    EXPECT_FALSE(set.has_remote());
    EXPECT_EQ(set.analysis(), AnalysisConfig{});
  }
}

TEST(ShardSetTest, SeveralDatabasesAreSearchedAsOne) {
  TempDir dir;
  MakeShard(dir.Path("a"), {"alpha"});
  MakeShard(dir.Path("b"), {"beta", "gamma"});
  ASSERT_OK_AND_ASSIGN(ShardSet set, ShardSet::Open({dir.Path("a"), dir.Path("b")}, {}));
  EXPECT_EQ(set.database().get_doccount(), 3u);
  EXPECT_EQ(set.database().get_termfreq("beta"), 1u);
}

TEST(ShardSetTest, AMissingShardIsNamedAndTheOthersAnswer) {
  TempDir dir;
  MakeShard(dir.Path("idx/shard-000"), {"alpha"});
  unsigned port = testing::FreeLoopbackPort();
  ASSERT_OK(WriteStub(dir.Path("idx"), {ShardLocation::Local(dir.Path("idx/shard-000")),
                                        ShardLocation::Local(dir.Path("idx/shard-001")),
                                        ShardLocation::Remote("127.0.0.1", port)}));
  ASSERT_OK_AND_ASSIGN(ShardSet set, ShardSet::Open({dir.Path("idx")}, {1000, 1000}));
  EXPECT_EQ(set.database().get_doccount(), 1u);
  EXPECT_EQ(set.shard_count(), 3u);
  ASSERT_THAT(set.missing(), SizeIs(2));
  EXPECT_THAT(set.missing()[0].Describe(), HasSubstr("shard-001"));
  EXPECT_THAT(set.missing()[1].Describe(), HasSubstr("127.0.0.1:" + std::to_string(port)));
}

TEST(ShardSetTest, AShardThatStopsAnsweringIsDropped) {
  TempDir dir;
  MakeShard(dir.Path("a"), {"alpha"});
  MakeShard(dir.Path("b"), {"beta"});
  testing::ShardServer server(dir.Path("b"));
  dir.Write("idx/XAPIANDB", "auto " + dir.Path("a") + "\nremote " + server.Address() + "\n");
  ASSERT_OK_AND_ASSIGN(ShardSet set, ShardSet::Open({dir.Path("idx")}, {300, 300}));
  EXPECT_TRUE(set.has_remote());
  EXPECT_EQ(set.database().get_doccount(), 2u);
  // Still answering: nothing to drop.
  EXPECT_FALSE(set.DropUnresponsive());
  EXPECT_EQ(set.database().get_doccount(), 2u);

  server.Freeze();
  EXPECT_TRUE(set.DropUnresponsive());
  server.Thaw();
  EXPECT_EQ(set.database().get_doccount(), 1u);
  EXPECT_FALSE(set.has_remote());
  ASSERT_THAT(set.missing(), SizeIs(1));
  EXPECT_THAT(set.missing()[0].Describe(), HasSubstr(server.Address()));
}

TEST(ShardSetTest, NoReachableShardIsAnError) {
  TempDir dir;
  dir.Write("idx/XAPIANDB", "auto shard-000\n");
  EXPECT_THAT(ShardSet::Open({dir.Path("idx")}, {}),
              StatusIs(StatusCode::kIoError, HasSubstr("shard-000")));
}

TEST(ShardSetTest, ShardsWithOtherAnalysisSettingsAreRefused) {
  TempDir dir;
  MakeShard(dir.Path("idx/shard-000"), {"alpha"});
  AnalysisConfig french;
  french.language = "french";
  MakeShard(dir.Path("idx/shard-001"), {"beta"}, french);
  dir.Write("idx/XAPIANDB", "auto shard-000\nauto shard-001\n");
  EXPECT_THAT(ShardSet::Open({dir.Path("idx")}, {}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("shard-001")));
}

TEST(ShardSetTest, TheSettingsCopyDecidesWhenTheFirstShardIsDown) {
  TempDir dir;
  AnalysisConfig french;
  french.language = "french";
  MakeShard(dir.Path("idx/shard-001"), {"beta"}, french);
  dir.Write("idx/XAPIANDB", "auto shard-000\nauto shard-001\n");
  ASSERT_OK(WriteSettingsCopy(dir.Path("idx"),
                              {{std::string(schema::kAnalysisKey), SerializeAnalysisConfig(french)}}));
  ASSERT_OK_AND_ASSIGN(ShardSet set, ShardSet::Open({dir.Path("idx")}, {}));
  EXPECT_EQ(set.analysis().language, "french");
  EXPECT_THAT(set.missing(), SizeIs(1));

  // A copy that disagrees with the shards is refused, not silently used.
  ASSERT_OK(WriteSettingsCopy(dir.Path("idx"),
                              {{std::string(schema::kAnalysisKey), SerializeAnalysisConfig({})}}));
  EXPECT_THAT(ShardSet::Open({dir.Path("idx")}, {}), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(ShardSetTest, APlainDatabaseThatIsNotAnIndexFailsTheSearch) {
  TempDir dir;
  {
    Xapian::WritableDatabase foreign(dir.Path("foreign"), Xapian::DB_CREATE_OR_OPEN);
    foreign.commit();
  }
  EXPECT_THAT(ShardSet::Open({dir.Path("foreign")}, {}),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("not a Quarry index")));
}

}  // namespace
}  // namespace quarry::searcher

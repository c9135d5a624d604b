#include "searcher/query/query_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry::searcher {
namespace {

using ::quarry::testing::StatusIs;

Analyzer English() { return std::move(Analyzer::Create(AnalysisConfig{})).value(); }

TEST(QueryBuilderTest, WordsGoThroughTheAnalyzer) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, BuildQuery("META Acquisitions", analyzer));
  EXPECT_THAT(q.words, ::testing::ElementsAre("meta", "acquisitions"));
  EXPECT_THAT(q.stems, ::testing::ElementsAre("meta", "acquisit"));
  ASSERT_EQ(q.tiers.size(), 2u);
  EXPECT_EQ(q.tiers[0].get_description(), "Query((Zmeta AND Zacquisit))");
  EXPECT_EQ(q.tiers[1].get_description(),
            "Query(((Zmeta OR Zacquisit) AND_NOT (Zmeta AND Zacquisit)))");
}

TEST(QueryBuilderTest, OneWordIsOneTier) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, BuildQuery("caf\xC3\xA9", analyzer));
  ASSERT_EQ(q.tiers.size(), 1u);
  EXPECT_EQ(q.tiers[0].get_description(), "Query(Zcafe)");
}

TEST(QueryBuilderTest, RepeatedWordCountsOnce) {
  Analyzer analyzer = English();
  ASSERT_OK_AND_ASSIGN(BuiltQuery q, BuildQuery("run running RUN", analyzer));
  ASSERT_EQ(q.tiers.size(), 1u);
  EXPECT_EQ(q.tiers[0].get_description(), "Query(Zrun)");
}

TEST(QueryBuilderTest, QueryWithoutWordsIsAnError) {
  Analyzer analyzer = English();
  EXPECT_THAT(BuildQuery(" ... !!! ", analyzer), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace quarry::searcher

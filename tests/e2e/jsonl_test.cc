// End-to-end tests of JSON Lines input: each line a record, found and shown
// as path#id.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class JsonlTest : public ::testing::Test, protected CorpusFixture {};

TEST_F(JsonlTest, EachLineIsARecordShownAsPathHashId) {
  Write("papers.jsonl",
        "{\"id\": \"p1\", \"title\": \"Heat flow in slabs\", \"text\": \"conduction of heat in composite slabs\"}\n"
        "{\"id\": \"p2\", \"title\": \"Wing flutter\", \"text\": \"flutter of swept wings at supersonic speed\"}\n"
        "{\"id\": \"p3\", \"title\": \"Buckling\", \"text\": \"buckling of cylindrical shells under heat\"}\n");
  ProcessResult index = Index();
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(index.out, HasSubstr("added 1,"));
  EXPECT_THAT(SearchPaths("heat slabs"), ElementsAre("papers.jsonl#p1", "papers.jsonl#p3"));
  EXPECT_THAT(SearchPaths("flutter"), ElementsAre("papers.jsonl#p2"));

  // A record that disappears from the file disappears from the index.
  Write("papers.jsonl",
        "{\"id\": \"p1\", \"title\": \"Heat flow in slabs\", \"text\": \"conduction of heat in composite slabs\"}\n"
        "{\"id\": \"p3\", \"title\": \"Buckling\", \"text\": \"buckling of cylindrical shells under heat\"}\n");
  ASSERT_EQ(Index().exit_code, 0);
  EXPECT_THAT(SearchPaths("flutter"), ElementsAre());
  EXPECT_THAT(SearchPaths("heat"), ::testing::UnorderedElementsAre("papers.jsonl#p1", "papers.jsonl#p3"));
}

TEST_F(JsonlTest, FieldMappingIsConfigurable) {
  Write("news.ndjson", "{\"docno\": \"n7\", \"headline\": \"Harbour\", \"body\": \"ships in the harbour\"}\n");
  ProcessResult index = Index({"--jsonl-id-field", "docno", "--jsonl-title-field", "headline",
                               "--jsonl-text-field", "body"});
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(SearchPaths("ships"), ElementsAre("news.ndjson#n7"));
}

TEST_F(JsonlTest, DamagedFileFailsWithTheLineAndKeepsOtherFiles) {
  Write("good.txt", "Good\nships in the harbour\n");
  Write("bad.jsonl", "{\"id\": \"a\", \"text\": \"ships\"}\n{\"id\": \"b\", \"text\": \n");
  ProcessResult index = Index();
  EXPECT_EQ(index.exit_code, 1) << Describe(index);
  EXPECT_THAT(index.err, HasSubstr("bad.jsonl: line 2: not valid JSON"));
  EXPECT_THAT(SearchPaths("ships"), ElementsAre("good.txt"));
}

}  // namespace
}  // namespace quarry::testing

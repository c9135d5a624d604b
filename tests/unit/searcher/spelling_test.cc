#include "searcher/query/spelling.h"

#include <gtest/gtest.h>

#include "tests/support/temp_corpus.h"

namespace quarry::searcher {
namespace {

// Spelling data needs an on-disk database (the in-memory backend has none).
class SpellingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Xapian::WritableDatabase db(dir_.Path("db"), Xapian::DB_CREATE_OR_OPEN);
    for (int i = 0; i < 30; ++i) db.add_spelling("acquisition");
    db.add_spelling("meta");
    db.add_spelling("aquisitions");  // one document's typo
    db.commit();
    db_ = Xapian::Database(dir_.Path("db"));
  }

  std::optional<std::string> Suggest(const std::string& query, const std::vector<QueryWord>& words) {
    return SuggestCorrection(db_, query, words);
  }

  testing::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(SpellingTest, CorrectsAnUnknownWordAndNormalizesTheOthers) {
  EXPECT_EQ(Suggest("Meta aquisition", {{"meta", 0, 4}, {"aquisition", 5, 15}}), "meta acquisition");
}

TEST_F(SpellingTest, KeepsTheRestOfTheQueryAsTyped) {
  EXPECT_EQ(Suggest("+aquisition ext:md", {{"aquisition", 1, 11}}), "+acquisition ext:md");
}

TEST_F(SpellingTest, AKnownWordIsReplacedOnlyByAFarMoreCommonOne) {
  // "aquisitions" is in one document; "acquisition" in 30.
  EXPECT_EQ(Suggest("aquisitions", {{"aquisitions", 0, 11}}), "acquisition");
  EXPECT_EQ(Suggest("meta", {{"meta", 0, 4}}), std::nullopt);
}

TEST_F(SpellingTest, NeverForNumbersOrShortWords) {
  EXPECT_EQ(Suggest("met", {{"met", 0, 3}}), std::nullopt);
  EXPECT_EQ(Suggest("acquisition2", {{"acquisition2", 0, 12}}), std::nullopt);
  EXPECT_EQ(Suggest("12345", {{"12345", 0, 5}}), std::nullopt);
}

TEST_F(SpellingTest, NothingToCorrect) {
  EXPECT_EQ(Suggest("zzzzzzzzzz", {{"zzzzzzzzzz", 0, 10}}), std::nullopt);
  EXPECT_EQ(Suggest("", {}), std::nullopt);
}

}  // namespace
}  // namespace quarry::searcher

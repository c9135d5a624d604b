#include "searcher/query/spelling.h"

#include <gtest/gtest.h>

#include <random>

#include "common/index/term_builder.h"
#include "common/text/utf8.h"

namespace quarry::searcher {
namespace {

// A vocabulary is the unprefixed terms of a database: `documents` documents
// hold each word.
Xapian::Database Vocabulary(const std::vector<std::pair<std::string, int>>& words) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int most = 0;
  for (const auto& [word, documents] : words) most = std::max(most, documents);
  for (int i = 0; i < most; ++i) {
    Xapian::Document doc;
    for (const auto& [word, documents] : words) {
      if (i < documents) doc.add_term(word);
    }
    doc.add_term("Zacquisit");  // prefixed terms are never suggested
    db.add_document(doc);
  }
  return db;
}

class SpellingTest : public ::testing::Test {
 protected:
  std::optional<std::string> Suggest(const std::string& query, const std::vector<QueryWord>& words) {
    return SuggestCorrection(db_, query, words);
  }

  Xapian::Database db_ = Vocabulary({{"acquisition", 30}, {"meta", 1}, {"aquisitions", 1}, {"mill", 2}});
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

TEST(EditDistanceTest, CountsEditsByCodePointUpToTheCap) {
  struct Case {
    const char* a;
    const char* b;
    int max_edits;
    int expected;
  };
  for (const Case& c : std::vector<Case>{
           {"acquisition", "acquisition", 2, 0},
           {"aquisition", "acquisition", 2, 1},   // insertion
           {"acquisitionn", "acquisition", 2, 1}, // deletion
           {"acquisitiun", "acquisition", 2, 1},  // substitution
           {"chian", "chain", 2, 1},              // swap of neighbours
           {"bakry", "bakery", 2, 1},
           {"schedular", "scheduler", 2, 1},
           {"tranlsaton", "translation", 2, 2},
           {"kitten", "sitting", 2, 3},           // 3 edits: capped at max + 1
           {"kitten", "sitting", 5, 3},
           {"größe", "grösse", 2, 2},             // ß is one character
           {"café", "cafe", 1, 1},
           {"", "abc", 5, 3},
       }) {
    EXPECT_EQ(EditDistance(DecodeUtf8(c.a), DecodeUtf8(c.b), c.max_edits), c.expected) << c.a << " / " << c.b;
    EXPECT_EQ(EditDistance(DecodeUtf8(c.b), DecodeUtf8(c.a), c.max_edits), c.expected) << c.b << " / " << c.a;
  }
}

TEST(MaxEditsForTest, OneForShortWordsTwoForLonger) {
  EXPECT_EQ(MaxEditsFor(4), 1);
  EXPECT_EQ(MaxEditsFor(5), 1);
  EXPECT_EQ(MaxEditsFor(6), 2);
  EXPECT_EQ(MaxEditsFor(20), 2);
}

TEST(NearestIndexWordTest, FewestEditsThenMostDocuments) {
  Xapian::Database db = Vocabulary({{"barrier", 3}, {"barriers", 50}, {"carrier", 90}, {"barrel", 70}});
  EXPECT_EQ(NearestIndexWord(db, "barier"), "barrier");    // 1 edit beats 2 edits and more documents
  EXPECT_EQ(NearestIndexWord(db, "barrierz"), "barriers");  // 1 edit each: 50 documents against 3
  Xapian::Database tie = Vocabulary({{"barriers", 5}, {"barrier", 5}});
  EXPECT_EQ(NearestIndexWord(tie, "barrierz"), "barrier");  // a full tie: the first in order
}

TEST(NearestIndexWordTest, TheFirstCharacterMustMatch) {
  Xapian::Database db = Vocabulary({{"carrier", 90}, {"barrie", 1}});
  EXPECT_EQ(NearestIndexWord(db, "barrier"), "barrie");  // never "carrier"
  EXPECT_EQ(NearestIndexWord(db, "arrier"), "");
  Xapian::Database accented = Vocabulary({{"éléphant", 4}, {"elephant", 9}});
  EXPECT_EQ(NearestIndexWord(accented, "éléphent"), "éléphant");
}

TEST(NearestIndexWordTest, OnlySpellingWordsAreSuggested) {
  Xapian::Database db = Vocabulary({{"memory2", 50}, {"memoryx", 1}, {"mem", 40}});
  EXPECT_EQ(NearestIndexWord(db, "memory"), "memoryx");  // not the number-bearing one
  EXPECT_EQ(NearestIndexWord(db, "memo"), "");           // "mem" is too short to suggest
}

// The dictionary walk skips prefixes that are already too far; it must find
// what a scan of every word finds.
TEST(NearestIndexWordTest, SkippingFindsWhatAFullScanFinds) {
  std::mt19937 random(20261126);
  const std::string letters = "abcde";
  auto random_word = [&](size_t min, size_t max) {
    std::string word(std::uniform_int_distribution<size_t>(min, max)(random), 'a');
    for (char& c : word) c = letters[std::uniform_int_distribution<size_t>(0, letters.size() - 1)(random)];
    return word;
  };
  std::vector<std::pair<std::string, int>> words;
  for (int i = 0; i < 400; ++i) words.emplace_back(random_word(4, 9), 1 + i % 7);
  Xapian::Database db = Vocabulary(words);
  for (int q = 0; q < 300; ++q) {
    std::string query = random_word(4, 9);
    std::u32string target = DecodeUtf8(query);
    int max_edits = MaxEditsFor(target.size());
    std::string expected;
    int best = max_edits + 1;
    Xapian::doccount best_documents = 0;
    for (auto it = db.allterms_begin(query.substr(0, 1)); it != db.allterms_end(query.substr(0, 1)); ++it) {
      int d = EditDistance(target, DecodeUtf8(*it), max_edits);
      if (d == 0 || d > max_edits || !IsSpellingWord(*it)) continue;
      if (d < best || (d == best && it.get_termfreq() > best_documents)) {
        expected = *it;
        best = d;
        best_documents = it.get_termfreq();
      }
    }
    EXPECT_EQ(NearestIndexWord(db, query), expected) << query;
  }
}

}  // namespace
}  // namespace quarry::searcher

// End-to-end tests of quarry-search's output (issue 5): each format (JSON
// checked by parsing it), paging, sorting, snippets from the original text,
// freshness marks, --explain, and the spelling suggestion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class SearchOutputTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override {
    Write("deal.txt", "The Meta deal\nMeta announced the acquisition of a startup. The acquisition closed.\n");
    Write("quest.md", "# Meta Quest\n\nMeta sells a headset.\n");
    Write("bakery.txt", "Bakery news\nA bakery chain completed the acquisition of a rival bakery.\n");
    Write("cafe.txt", "Paris\nWe met at the CAF\xC3\x89 near the station, then walked.\n");
    dir().SetMtime("corpus/deal.txt", 1700000000);
    dir().SetMtime("corpus/quest.md", 1710000000);
    dir().SetMtime("corpus/bakery.txt", 1690000000);
    ProcessResult index = Index();
    ASSERT_EQ(index.exit_code, 0) << Describe(index);
  }

  nlohmann::json Json(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--format", "json"});
    ProcessResult r = Search(args);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << Describe(r);
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(SearchOutputTest, JsonHoldsQueryTotalTimeAndFullResults) {
  nlohmann::json j = Json({"meta acquisition"});
  EXPECT_EQ(j["query"], "meta acquisition");
  EXPECT_EQ(j["estimated_total"], 3);
  EXPECT_TRUE(j["elapsed_ms"].is_number());
  EXPECT_GE(j["elapsed_ms"].get<double>(), 0.0);
  ASSERT_EQ(j["results"].size(), 3u);
  const nlohmann::json& first = j["results"][0];
  EXPECT_EQ(first["rank"], 1);
  EXPECT_TRUE(first["score"].is_number());
  EXPECT_EQ(first["path"], Root() + "/deal.txt");
  EXPECT_EQ(first["title"], "The Meta deal");
  EXPECT_EQ(first["mtime"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(first["freshness"], "fresh");
  EXPECT_THAT(first["matched_terms"].get<std::vector<std::string>>(), ElementsAre("meta", "acquisition"));
  EXPECT_THAT(first["snippet"]["text"].get<std::string>(), HasSubstr("announced the acquisition"));
  EXPECT_EQ(j["results"][1]["rank"], 2);
  ASSERT_EQ(j["tried"].size(), 2u);
  EXPECT_EQ(j["tried"][0]["what"], "all the words");
  EXPECT_EQ(j["tried"][0]["total"], 1);
}

TEST_F(SearchOutputTest, PathsFormatIsOnePathPerLine) {
  ProcessResult r = Search({"--format", "paths", "acquisition"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(Lines(r.out), ElementsAre("deal.txt", "bakery.txt"));
}

TEST_F(SearchOutputTest, PagingWalksThroughTheSameList) {
  std::vector<std::string> all = SearchPaths("meta acquisition");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_THAT(SearchPaths("meta acquisition", {"-n", "2"}), ElementsAre(all[0], all[1]));
  EXPECT_THAT(SearchPaths("meta acquisition", {"--limit", "2", "--offset", "2"}), ElementsAre(all[2]));
  EXPECT_THAT(SearchPaths("meta acquisition", {"--offset", "3"}), IsEmpty());
  nlohmann::json page = Json({"--offset", "1", "-n", "1", "meta acquisition"});
  EXPECT_EQ(page["offset"], 1);
  EXPECT_EQ(page["results"][0]["rank"], 2);
}

TEST_F(SearchOutputTest, SortByDateIsNewestFirst) {
  EXPECT_THAT(SearchPaths("meta acquisition", {"--sort", "date"}),
              ElementsAre("quest.md", "deal.txt", "bakery.txt"));
  ProcessResult bad = Search({"--sort", "size", "meta"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--sort takes relevance or date"));
}

TEST_F(SearchOutputTest, SnippetHighlightsTheOriginalTextAtWordBoundaries) {
  nlohmann::json j = Json({"--snippet-length", "30", "cafe"});
  const nlohmann::json& snippet = j["results"][0]["snippet"];
  std::string text = snippet["text"];
  ASSERT_EQ(snippet["highlights"].size(), 1u);
  size_t begin = snippet["highlights"][0][0], end = snippet["highlights"][0][1];
  EXPECT_EQ(text.substr(begin, end - begin), "CAF\xC3\x89");
  EXPECT_LE(text.size(), 36u);
  // Cut at spaces: the passage is whole words of the original line.
  const std::string line = "We met at the CAF\xC3\x89 near the station, then walked.";
  size_t at = line.find(text);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_TRUE(at == 0 || line[at - 1] == ' ') << text;
  EXPECT_TRUE(at + text.size() == line.size() || line[at + text.size()] == ' ') << text;
  EXPECT_TRUE(snippet["highlights"].is_array());
  ProcessResult colored = Search({"--color", "always", "cafe"});
  EXPECT_THAT(colored.out, HasSubstr("\x1b[1;31mCAF\xC3\x89\x1b[0m"));
}

TEST_F(SearchOutputTest, ChangedAndVanishedFilesAreMarked) {
  Write("deal.txt", "The Meta deal\nRewritten since.\n");
  Remove("bakery.txt");
  ProcessResult r = Search({"acquisition"});
  EXPECT_THAT(r.out, HasSubstr("1. The Meta deal  ["));
  EXPECT_THAT(r.out, HasSubstr("(changed since indexed)"));
  EXPECT_THAT(r.out, HasSubstr("(file no longer exists)"));
  nlohmann::json j = Json({"acquisition"});
  EXPECT_EQ(j["results"][0]["freshness"], "changed");
  EXPECT_EQ(j["results"][1]["freshness"], "vanished");
  nlohmann::json fresh = Json({"headset"});
  EXPECT_EQ(fresh["results"][0]["freshness"], "fresh");
}

TEST_F(SearchOutputTest, SnippetsOfPlainTextAndReStAreReadFromTheFiles) {
  Write("guide.rst", "Tern guide\n==========\n\n.. note:: Terns dive.\n\nA :ref:`tern <terns>` hovers, then dives.\n");
  ASSERT_EQ(Index().exit_code, 0);
  nlohmann::json rst = Json({"hovers"});
  ASSERT_EQ(rst["results"].size(), 1u);
  // The reST text, as indexed: markup gone.
  EXPECT_EQ(rst["results"][0]["snippet"]["text"], "Tern guide Terns dive. A tern hovers, then dives.");
  // The index keeps no copy: a file changed since it was indexed, or gone,
  // shows no snippet (its current text is not what matched).
  Write("deal.txt", "The Meta deal\nThe acquisition was called off.\n");
  Remove("bakery.txt");
  nlohmann::json j = Json({"acquisition"});
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["freshness"], "changed");
  EXPECT_EQ(j["results"][0]["snippet"]["text"], "");
  EXPECT_EQ(j["results"][1]["freshness"], "vanished");
  EXPECT_EQ(j["results"][1]["snippet"]["text"], "");
  ProcessResult text = Search({"acquisition"});
  EXPECT_EQ(text.exit_code, 0) << Describe(text);
  EXPECT_THAT(text.out, HasSubstr("(file no longer exists)"));
}

// A snippet is cut from the start of a text first (4 KiB, then 16 KiB) and
// from the whole text only when its passage lies further on: passages at
// each depth, in a reST file (markup removed at every cut) and in plain
// text, read from the files and from copies in the index.
TEST_F(SearchOutputTest, SnippetsOfPassagesDeepInLongTexts) {
  std::string rst = "Long guide\n==========\n\n";
  std::string txt;
  const auto fill = [&](size_t until) {
    for (int n = 0; rst.size() < until; ++n) {
      const std::string line = "Filler line " + std::to_string(n) + " says nothing at all.\n";
      rst += n % 7 == 0 ? ".. a comment\n   spanning two lines\n" : ":ref:`Filler <x>` " + line;
      txt += line;
    }
  };
  fill(2000);
  rst += "The osprey appears early.\n";
  txt += "The osprey appears early.\n";
  fill(10000);
  rst += "A gannet plunges here.\n";
  txt += "A gannet plunges here.\n";
  fill(40000);
  rst += "Finally the albatross glides.\n";
  txt += "Finally the albatross glides.\n";
  Write("long.rst", rst);
  Write("long.txt", txt);
  // A first line longer than the first start tried: that start is empty.
  std::string long_line;
  while (long_line.size() < 5000) long_line += "filler ";
  Write("longline.rst", long_line + "\n\nA falcon appears here.\n");
  for (const std::vector<std::string>& options :
       {std::vector<std::string>{}, {"--store-text", "yes"}}) {
    ASSERT_EQ(Index(options).exit_code, 0);
    for (const char* word : {"osprey", "gannet", "albatross", "falcon"}) {
      nlohmann::json j = Json({"--snippet-length", "60", word});
      ASSERT_EQ(j["results"].size(), std::string(word) == "falcon" ? 1u : 2u) << word;
      for (const nlohmann::json& result : j["results"]) {
        const std::string text = result["snippet"]["text"];
        EXPECT_THAT(text, HasSubstr(word)) << result["path"];
        EXPECT_THAT(text, Not(HasSubstr(":ref:"))) << result["path"];
        ASSERT_EQ(result["snippet"]["highlights"].size(), 1u) << text;
        size_t begin = result["snippet"]["highlights"][0][0],
               end = result["snippet"]["highlights"][0][1];
        EXPECT_EQ(text.substr(begin, end - begin), word);
      }
    }
  }
}

TEST_F(SearchOutputTest, StoreTextKeepsSnippetsOfFilesSinceChanged) {
  // The setting changes every document's data: every file is read again,
  // and later runs keep the setting without the option.
  ProcessResult index = Index({"--store-text", "yes"});
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(
      index.err,
      HasSubstr("--store-text yes: keeping a copy of every text; reading every file again"));
  EXPECT_THAT(index.out, HasSubstr("updated 4"));
  ProcessResult again = Index();
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_THAT(again.err, Not(HasSubstr("reading every file again")));
  EXPECT_THAT(again.out, HasSubstr("unchanged 4"));
  ProcessResult status = RunIndex({"--db", Db(), "--status"});
  EXPECT_THAT(status.out,
              HasSubstr("texts:      a copy of every text in the index (--store-text yes)"));
  ProcessResult bad = Index({"--store-text", "maybe"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--store-text takes yes or no"));
  Write("cafe.txt", "Paris\nAll rewritten.\n");
  nlohmann::json j = Json({"cafe"});
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["freshness"], "changed");
  // The text as it was indexed, from the index.
  EXPECT_THAT(j["results"][0]["snippet"]["text"].get<std::string>(), HasSubstr("near the station"));
}

TEST_F(SearchOutputTest, ExplainShowsEachTermsShare) {
  ProcessResult r = Search({"--explain", "-n", "1", "meta acquisition"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("   score "));
  EXPECT_THAT(r.out, HasSubstr("(tf 2, doc length "));
  EXPECT_THAT(r.out, HasSubstr("idf "));
  nlohmann::json j = Json({"--explain", "-n", "1", "meta acquisition"});
  const nlohmann::json& explain = j["results"][0]["explain"];
  ASSERT_EQ(explain.size(), 2u);
  double sum = 0;
  for (const nlohmann::json& term : explain) {
    EXPECT_GT(term["tf"].get<int>(), 0);
    EXPECT_GT(term["doc_length"].get<int>(), 0);
    EXPECT_EQ(term["doc_count"], 4);
    sum += term["weight"].get<double>();
  }
  // The terms' shares add up to the score.
  EXPECT_NEAR(sum, j["results"][0]["score"].get<double>(), 1e-6);
}

// A long natural-language query gains words from its best matches
// (pseudo-relevance feedback), shown apart from the typed words; two words,
// or --no-expand, are searched as written.
TEST_F(SearchOutputTest, LongQueriesAreExpandedAndSayWith) {
  const std::string long_query = "news of the meta deal: announced acquisition of a startup, closed";
  nlohmann::json j = Json({"--explain", long_query});
  ASSERT_FALSE(j["expanded_with"].empty()) << j.dump(1);
  EXPECT_THAT(j["tried"][0]["what"].get<std::string>(), HasSubstr("feedback"));
  bool saw_added = false;
  for (const nlohmann::json& hit : j["results"]) {
    for (const nlohmann::json& word : hit["matched_terms"]) {
      EXPECT_THAT(long_query, HasSubstr(word.get<std::string>()));
    }
    for (const nlohmann::json& term : hit["explain"]) {
      if (!term["expansion"].get<bool>()) continue;
      saw_added = true;
      EXPECT_THAT(hit["expansion_terms"], ::testing::Contains(term["term"]));
    }
  }
  EXPECT_TRUE(saw_added) << j.dump(1);
  ProcessResult text = Search({"--explain", long_query});
  EXPECT_THAT(text.out, HasSubstr("Words added by feedback (from the best matches): "));
  EXPECT_THAT(text.out, HasSubstr("added by feedback, x0."));

  nlohmann::json exact = Json({"--no-expand", long_query});
  EXPECT_THAT(exact["expanded_with"], IsEmpty());
  EXPECT_EQ(exact["tried"][0]["what"], "any of the words");
  for (const nlohmann::json& hit : exact["results"]) EXPECT_THAT(hit["expansion_terms"], IsEmpty());
  EXPECT_THAT(Json({"meta acquisition"})["expanded_with"], IsEmpty());
}

// Three or four words keep their tiers and their matches: feedback only
// reorders the documents within each tier, and says so.
TEST_F(SearchOutputTest, FewWordsAreReorderedByFeedbackWithinTheirTiers) {
  nlohmann::json j = Json({"meta acquisition startup"});
  nlohmann::json exact = Json({"--no-expand", "meta acquisition startup"});
  EXPECT_FALSE(j["expanded_with"].empty()) << j.dump(1);
  ASSERT_EQ(j["tried"].size(), 2u) << j.dump(1);
  ASSERT_EQ(exact["tried"].size(), 2u) << exact.dump(1);
  EXPECT_EQ(exact["tried"][0]["what"], "all the words");
  EXPECT_THAT(j["tried"][0]["what"].get<std::string>(), HasSubstr("all the words, ranked with"));
  EXPECT_THAT(j["tried"][1]["what"].get<std::string>(), HasSubstr("some of the words, ranked with"));
  std::vector<std::string> paths, exact_paths;
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(j["tried"][i]["total"], exact["tried"][i]["total"]);
  for (const nlohmann::json& hit : j["results"]) paths.push_back(hit["path"]);
  for (const nlohmann::json& hit : exact["results"]) exact_paths.push_back(hit["path"]);
  // The one document with all three words stays first; the others are the same.
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths[0], Root() + "/deal.txt");
  EXPECT_THAT(paths, ::testing::UnorderedElementsAreArray(exact_paths));
  // Two words are searched as typed.
  EXPECT_THAT(Json({"meta startup"})["expanded_with"], IsEmpty());
}

TEST_F(SearchOutputTest, SpellingSuggestionWhenItFindsMore) {
  ProcessResult r = Search({"Meta aquisition"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Did you mean \"meta acquisition\"? (1 document with all its words)"));
  nlohmann::json j = Json({"Meta aquisition"});
  EXPECT_EQ(j["suggestion"]["query"], "meta acquisition");
  EXPECT_EQ(j["suggestion"]["total"], 1);
  // For pipelines, stdout stays paths; the suggestion goes to stderr.
  ProcessResult paths = Search({"--format", "paths", "Meta aquisition"});
  EXPECT_THAT(paths.err, HasSubstr("did you mean \"meta acquisition\"?"));
}

TEST_F(SearchOutputTest, ZeroHitsSayWhatWasTried) {
  ProcessResult r = Search({"bakry chian"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("No documents match \"bakry chian\": tried all the words (0), then some of the words (0)."));
  EXPECT_THAT(r.out, HasSubstr("Did you mean \"bakery chain\"?"));
}

TEST_F(SearchOutputTest, NoSuggestionForNumbersShortWordsOrGoodQueries) {
  for (const char* query : {"meta 12345", "teh", "acquisition", "meta acquisition"}) {
    ProcessResult r = Search({query});
    EXPECT_THAT(r.out, Not(HasSubstr("Did you mean"))) << query;
  }
}

}  // namespace
}  // namespace quarry::testing

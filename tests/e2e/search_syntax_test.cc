// End-to-end tests of the query language (issue 5): each form of the syntax,
// each filter, malformed and pasted queries, run through the real binaries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr int64_t kJan2024 = 1704110400;  // 2024-01-01 12:00 UTC
constexpr int64_t kJul2024 = 1719835200;  // 2024-07-01 12:00 UTC
constexpr int64_t kJan2025 = 1735732800;  // 2025-01-01 12:00 UTC

class SearchSyntaxTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void SetUp() override {
    Write("deal.txt", "The Meta big deal\nMeta closed a big deal: the acquisition of a startup.\n");
    Write("quest.md", "# Meta Quest\n\nMeta sells a virtual reality headset.\n");
    Write("bakery.txt", "Bakery news\nA bakery chain completed the acquisition of a rival bakery.\n");
    Write("notes/tomato.md", "# Tomatoes\n\nTomatoes need a deal of sun; a tomato plant needs water.\n");
    Write("notes/old/war.txt", "War and peace\nA long novel about war, peace and a big family.\n");
    Write("notes/far.txt", "Far apart\nThe deal was far from the acquisition in this long sentence about other things entirely.\n");
    dir().SetMtime("corpus/deal.txt", kJan2025);
    dir().SetMtime("corpus/quest.md", kJul2024);
    dir().SetMtime("corpus/bakery.txt", kJan2024);
    dir().SetMtime("corpus/notes/tomato.md", kJul2024 + 86400);
    dir().SetMtime("corpus/notes/old/war.txt", kJan2024 - 86400);
    dir().SetMtime("corpus/notes/far.txt", kJan2024 + 86400);
    ProcessResult index = Index();
    ASSERT_EQ(index.exit_code, 0) << Describe(index);
  }

  ProcessResult Run(const std::string& query, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--db", Db(), "--format", "paths"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("--");
    args.push_back(query);
    ProcessOptions options;
    options.cwd = Root();
    return RunSearch(args, options);
  }
  std::vector<std::string> Paths(const std::string& query, std::vector<std::string> extra = {}) const {
    ProcessResult r = Run(query, std::move(extra));
    EXPECT_THAT(r.err, IsEmpty()) << query;
    return Lines(r.out);
  }
};

TEST_F(SearchSyntaxTest, QuotedPhraseMatchesWordsInOrder) {
  EXPECT_THAT(Paths("\"big deal\""), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("\"deal big\""), IsEmpty());
}

TEST_F(SearchSyntaxTest, BooleanOperators) {
  EXPECT_THAT(Paths("meta AND acquisition"), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("headset OR bakery"), UnorderedElementsAre("quest.md", "bakery.txt"));
  EXPECT_THAT(Paths("acquisition NOT meta"), UnorderedElementsAre("bakery.txt", "notes/far.txt"));
  EXPECT_THAT(Paths("acquisition AND NOT (meta OR bakery)"), ElementsAre("notes/far.txt"));
  // A group side by side with a word: both first, then either.
  EXPECT_THAT(Paths("(headset OR bakery) meta"), ElementsAre("quest.md", ::testing::_, ::testing::_));
}

TEST_F(SearchSyntaxTest, PlusAndMinus) {
  // +meta is required; acquisition only ranks.
  EXPECT_THAT(Paths("+meta acquisition"), ElementsAre("deal.txt", "quest.md"));
  EXPECT_THAT(Paths("+meta +acquisition"), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("acquisition -meta"), UnorderedElementsAre("bakery.txt", "notes/far.txt"));
  EXPECT_THAT(Paths("deal -\"big deal\""), UnorderedElementsAre("notes/tomato.md", "notes/far.txt"));
}

TEST_F(SearchSyntaxTest, NearWithDistance) {
  EXPECT_THAT(Paths("deal NEAR/3 acquisition"), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("deal NEAR acquisition"), UnorderedElementsAre("deal.txt", "notes/far.txt"));
}

TEST_F(SearchSyntaxTest, TrailingWildcard) {
  EXPECT_THAT(Paths("bak*"), ElementsAre("bakery.txt"));
  EXPECT_THAT(Paths("tomat*"), ElementsAre("notes/tomato.md"));
}

TEST_F(SearchSyntaxTest, WildcardExpansionIsCutWithANote) {
  std::string many;
  for (int i = 0; i < 150; ++i) many += "zq" + std::to_string(1000 + i) + " ";
  Write("many.txt", "Many\n" + many + "\n");
  ASSERT_EQ(Index().exit_code, 0);
  ProcessResult r = Run("zq*");
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(Lines(r.out), ElementsAre("many.txt"));
  EXPECT_EQ(r.err, "quarry-search: 'zq*' matches more than 100 words; using the 100 most frequent\n");
}

TEST_F(SearchSyntaxTest, TitleFilter) {
  EXPECT_THAT(Paths("title:meta"), UnorderedElementsAre("deal.txt", "quest.md"));
  EXPECT_THAT(Paths("title:\"big deal\""), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("title:bakery acquisition"), ElementsAre("bakery.txt"));
}

TEST_F(SearchSyntaxTest, PathFilterIsAPrefixRelativeToTheCurrentFolderOrAbsolute) {
  EXPECT_THAT(Paths("deal path:notes/"), UnorderedElementsAre("notes/tomato.md", "notes/far.txt"));
  EXPECT_THAT(Paths("deal path:" + Root() + "/notes/"), UnorderedElementsAre("notes/tomato.md", "notes/far.txt"));
  EXPECT_THAT(Paths("path:notes/t"), ElementsAre("notes/tomato.md"));
  EXPECT_THAT(Paths("war path:notes/old/"), ElementsAre("notes/old/war.txt"));
  EXPECT_THAT(Paths("meta path:notes/"), IsEmpty());
}

TEST_F(SearchSyntaxTest, RelativePathFilterAlsoWorksFromAnotherFolder) {
  // Run from the database folder: "notes/" is found under the indexed root.
  ProcessOptions options;
  options.cwd = dir().path();
  ProcessResult r = RunSearch({"--db", Db(), "--format", "paths", "path:notes/old/"}, options);
  EXPECT_THAT(Lines(r.out), ElementsAre("corpus/notes/old/war.txt"));
}

TEST_F(SearchSyntaxTest, ExtensionFilter) {
  EXPECT_THAT(Paths("meta ext:md"), ElementsAre("quest.md"));
  EXPECT_THAT(Paths("acquisition ext:txt ext:md"), UnorderedElementsAre("deal.txt", "bakery.txt", "notes/far.txt"));
  EXPECT_THAT(Paths("meta -ext:md"), ElementsAre("deal.txt"));
}

TEST_F(SearchSyntaxTest, DateRangeFilters) {
  EXPECT_THAT(Paths("acquisition date:2024-01-01..2024-12-31"), UnorderedElementsAre("bakery.txt", "notes/far.txt"));
  EXPECT_THAT(Paths("acquisition date:2025"), ElementsAre("deal.txt"));
  EXPECT_THAT(Paths("meta date:..2024-12-31"), ElementsAre("quest.md"));
  EXPECT_THAT(Paths("meta date:7d"), IsEmpty());
}

TEST_F(SearchSyntaxTest, FilterOnlyQueryListsNewestFirst) {
  EXPECT_THAT(Paths("ext:md"), ElementsAre("notes/tomato.md", "quest.md"));
  EXPECT_THAT(Paths("path:notes/"), ElementsAre("notes/tomato.md", "notes/far.txt", "notes/old/war.txt"));
  EXPECT_THAT(Paths("ext:txt path:notes/"), ElementsAre("notes/far.txt", "notes/old/war.txt"));
}

TEST_F(SearchSyntaxTest, MalformedSyntaxIsAnsweredAsPlainWordsWithOneNote) {
  struct {
    const char* query;
    const char* problem;
  } cases[] = {{"\"big deal", "an unbalanced quote"},
               {"(meta acquisition", "an unbalanced '('"},
               {"meta acquisition)", "an unbalanced ')'"},
               {"meta AND", "nothing after AND"},
               {"OR meta", "OR without a term before it"},
               {"meta - acquisition", "a lone '-'"}};
  for (const auto& c : cases) {
    ProcessResult r = Run(c.query);
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_FALSE(r.out.empty()) << c.query;
    std::vector<std::string> err = Lines(r.err);
    ASSERT_EQ(err.size(), 1u) << r.err;
    EXPECT_THAT(err[0], HasSubstr("reading the query as plain words: ")) << c.query;
    EXPECT_THAT(err[0], HasSubstr(c.problem)) << c.query;
  }
  // Read as plain words, "big deal" is two words: all-words first.
  EXPECT_EQ(Lines(Run("\"big deal").out).front(), "deal.txt");
}

TEST_F(SearchSyntaxTest, AllCapitalsQueryHasNoOperators) {
  // "WAR AND PEACE" pasted in capitals: three words, not war AND peace...
  ProcessResult caps = Run("WAR AND PEACE");
  EXPECT_THAT(caps.err, IsEmpty());
  EXPECT_THAT(Lines(caps.out), ElementsAre("notes/old/war.txt"));
  // ... and "NOT" in capitals is a word, not an exclusion.
  EXPECT_THAT(Paths("WAR NOT PEACE"), ElementsAre("notes/old/war.txt"));
  // With a lower-case word, NOT is an operator.
  EXPECT_THAT(Paths("war NOT peace"), IsEmpty());
}

TEST_F(SearchSyntaxTest, PlainOptionSwitchesSyntaxOff) {
  EXPECT_THAT(Paths("war NOT peace", {"--plain"}), ElementsAre("notes/old/war.txt"));
  EXPECT_THAT(Paths("title:meta", {"--plain"}), IsEmpty());
}

TEST_F(SearchSyntaxTest, NothingATypedQueryDoesEndsInAnInternalError) {
  for (const char* query :
       {"\"", "(", ")", "((((", "))))", "\"\"", "AND", "OR OR", "NOT", "NEAR/99999999", "a NEAR/0 b", "*", "**", "-",
        "+", "title:", "path:", "ext:", "date:", "date:x..y", "path:/", "path:../../..", "ext:.", "-(a)", "+(-a)",
        ":::", "\\", "\xff\xfe", "a\tb\nc", "\xE2\x80\x9C", "title:\"\"", "ext:md OR", "NEAR/ a"}) {
    ProcessResult r = Run(query);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2) << Describe(r);
    EXPECT_EQ(r.signal, 0) << query;
    EXPECT_THAT(r.err, Not(HasSubstr("internal error"))) << query;
  }
}

}  // namespace
}  // namespace quarry::testing

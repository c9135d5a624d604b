// End-to-end tests of the walking skeleton (issue 2): the real binaries on a
// temporary corpus, asserting what a user sees.
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace quarry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SkeletonTest : public ::testing::Test, protected CorpusFixture {
 protected:
  void WriteSampleCorpus() {
    Write("deal.txt",
          "Meta's big acquisition\n"
          "Meta announced the acquisition of a startup founded by a data labelling pioneer. "
          "The acquisition gives Meta a team of engineers.\n");
    Write("quest.md", "# The Meta Quest headset\n\nMeta sells a virtual reality headset. Meta Meta.\n");
    Write("bakery.txt", "Bakery news\nA bakery chain completed the acquisition of a rival bakery.\n");
    Write("notes/garden.txt", "Tomatoes\nTomatoes need sun and water.\n");
  }
};

TEST_F(SkeletonTest, IndexThenSearchRanksDocumentsWithAllWordsFirst) {
  WriteSampleCorpus();
  ProcessResult index = Index();
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_THAT(index.out, HasSubstr("added 4, updated 0, unchanged 0, removed 0, skipped 0, failed 0"));

  EXPECT_THAT(SearchPaths("Meta acquisition"), ElementsAre("deal.txt", "quest.md", "bakery.txt"));
  EXPECT_THAT(SearchPaths("tomatoes"), ElementsAre("notes/garden.txt"));
  // Stemming: a plural query finds the singular.
  EXPECT_THAT(SearchPaths("acquisitions"), ElementsAre("deal.txt", "bakery.txt"));
}

TEST_F(SkeletonTest, TextOutputShowsTitlePathSnippetAndCount) {
  WriteSampleCorpus();
  ASSERT_EQ(Index().exit_code, 0);
  ProcessOptions options;
  options.cwd = Root();
  ProcessResult r = RunSearch({"--db", Db(), "bakery"}, options);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("1. Bakery news  ["));
  EXPECT_THAT(r.out, HasSubstr("   bakery.txt\n"));
  EXPECT_THAT(r.out, HasSubstr("A bakery chain completed the acquisition of a rival bakery."));
  EXPECT_THAT(r.out, HasSubstr("About 1 matching document; showing 1-1."));
  // Not a terminal: no escape sequences.
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

TEST_F(SkeletonTest, SnippetHighlightsTheOriginalText) {
  Write("cafe.txt", "Paris\nWe met at the CAF\xC3\x89 near the station.\n");
  ASSERT_EQ(Index().exit_code, 0);
  ProcessResult r = RunSearch({"--db", Db(), "--color", "always", "cafe"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("the \x1b[1;31mCAF\xC3\x89\x1b[0m near"));
}

TEST_F(SkeletonTest, NoColorWinsOverAuto) {
  Write("a.txt", "alpha\n");
  ASSERT_EQ(Index().exit_code, 0);
  ProcessOptions options;
  options.env["NO_COLOR"] = "1";
  ProcessResult r = RunSearch({"--db", Db(), "--color", "auto", "alpha"}, options);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
}

TEST_F(SkeletonTest, RerunIsIdempotent) {
  WriteSampleCorpus();
  ASSERT_EQ(Index().exit_code, 0);
  ProcessResult again = Index();
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_THAT(again.out, HasSubstr("added 0, updated 0, unchanged 4, removed 0"));
  ProcessResult json = RunSearch({"--db", Db(), "--format", "json", "meta"});
  auto parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["results"].size(), 2u);  // no duplicates
}

TEST_F(SkeletonTest, EditedFileIsReindexed) {
  Write("a.txt", "First\nthe old word is zebra\n");
  ASSERT_EQ(Index().exit_code, 0);
  Write("a.txt", "First\nthe new word is giraffe, longer now\n");
  ProcessResult r = Index();
  EXPECT_THAT(r.out, HasSubstr("added 0, updated 1"));
  EXPECT_THAT(SearchPaths("giraffe"), ElementsAre("a.txt"));
  EXPECT_TRUE(SearchPaths("zebra").empty());
}

TEST_F(SkeletonTest, DeletedFileDisappears) {
  Write("a.txt", "keep apple\n");
  Write("b.txt", "gone apple\n");
  ASSERT_EQ(Index().exit_code, 0);
  Remove("b.txt");
  ProcessResult r = Index();
  EXPECT_THAT(r.out, HasSubstr("removed 1"));
  EXPECT_THAT(SearchPaths("apple"), ElementsAre("a.txt"));
}

TEST_F(SkeletonTest, NoHitsExitsOneWithOneLine) {
  Write("a.txt", "alpha\n");
  ASSERT_EQ(Index().exit_code, 0);
  ProcessResult r = RunSearch({"--db", Db(), "zyzzyva"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_EQ(r.out, "No documents match \"zyzzyva\".\n");
}

TEST_F(SkeletonTest, MissingDatabaseNamesPathAndFix) {
  ProcessResult r = RunSearch({"--db", dir().Path("nowhere"), "anything"});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr(dir().Path("nowhere")));
  EXPECT_THAT(r.err, HasSubstr("quarry-index --db " + dir().Path("nowhere")));
  EXPECT_TRUE(r.out.empty());
}

TEST_F(SkeletonTest, EmptyQueryIsAUsageError) {
  Write("a.txt", "alpha\n");
  ASSERT_EQ(Index().exit_code, 0);
  for (std::vector<std::string> args : {std::vector<std::string>{"--db", Db()},
                                        std::vector<std::string>{"--db", Db(), "   "}}) {
    ProcessResult r = RunSearch(args);
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("empty query"));
  }
  ProcessResult punct = RunSearch({"--db", Db(), "?!"});
  EXPECT_EQ(punct.exit_code, 2);
  EXPECT_THAT(punct.err, HasSubstr("no words"));
}

TEST_F(SkeletonTest, BinaryFilesAreSkippedAndCounted) {
  Write("a.txt", "alpha\n");
  Write("blob.dat", std::string("\x7f" "ELF\0\0\0binary alpha", 18));
  ProcessResult r = Index();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("added 1, updated 0, unchanged 0, removed 0, skipped 1, failed 0"));
  EXPECT_THAT(SearchPaths("alpha"), ElementsAre("a.txt"));
  // Remembered: the rerun neither reads nor counts it again.
  EXPECT_THAT(Index().out, HasSubstr("added 0, updated 0, unchanged 2, removed 0, skipped 0"));
}

TEST_F(SkeletonTest, FileWithoutKnownExtensionButTextContentIsIndexed) {
  Write("Makefile", "all:\n\techo frobnicate\n");
  ASSERT_EQ(Index().exit_code, 0);
  EXPECT_THAT(SearchPaths("frobnicate"), ElementsAre("Makefile"));
}

TEST_F(SkeletonTest, UnreadableFileIsReportedAndOthersIndexed) {
  Write("good.txt", "alpha beta\n");
  std::string secret = Write("secret.txt", "alpha hidden\n");
  ::chmod(secret.c_str(), 0);
  std::vector<std::string> argv = {QUARRY_INDEX_BIN, "--db", Db(), Root()};
  if (::geteuid() == 0) {
    // Root reads everything; run the indexer as an ordinary user instead.
    if (::access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "needs setpriv to drop root";
    ::chmod(dir().path().c_str(), 0777);
    ::chmod(Root().c_str(), 0755);
    ::chmod(Root().append("/good.txt").c_str(), 0644);
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  }
  ProcessResult r = RunProcess(argv);
  if (r.exit_code == 126 || r.exit_code == 127) {
    GTEST_SKIP() << "the unprivileged user cannot run the binary here: " << r.err;
  }
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("secret.txt: Permission denied"));
  EXPECT_THAT(r.out, HasSubstr("added 1, updated 0, unchanged 0, removed 0, skipped 0, failed 1"));
  EXPECT_THAT(SearchPaths("alpha"), ElementsAre("good.txt"));
}

TEST_F(SkeletonTest, DatabaseLocationComesFromTheEnvironment) {
  Write("a.txt", "alpha\n");
  ProcessOptions env;
  env.env["QUARRY_DB"] = dir().Path("envdb");
  ProcessResult index = RunIndex({Root()}, env);
  ASSERT_EQ(index.exit_code, 0) << Describe(index);
  EXPECT_EQ(RunSearch({"alpha"}, env).exit_code, 0);

  ProcessOptions xdg;
  xdg.unset_env = {"QUARRY_DB"};
  xdg.env["XDG_DATA_HOME"] = dir().Path("xdg");
  ASSERT_EQ(RunIndex({Root()}, xdg).exit_code, 0);
  EXPECT_EQ(::access(dir().Path("xdg/quarry/index").c_str(), F_OK), 0);
  EXPECT_EQ(RunSearch({"alpha"}, xdg).exit_code, 0);
}

TEST_F(SkeletonTest, JsonOutputParses) {
  WriteSampleCorpus();
  ASSERT_EQ(Index().exit_code, 0);
  ProcessResult r = RunSearch({"--db", Db(), "--format", "json", "-n", "2", "meta acquisition"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["query"], "meta acquisition");
  EXPECT_EQ(json["estimated_total"], 3);
  ASSERT_EQ(json["results"].size(), 2u);
  EXPECT_EQ(json["results"][0]["rank"], 1);
  EXPECT_EQ(json["results"][0]["path"], Root() + "/deal.txt");
  EXPECT_EQ(json["results"][0]["title"], "Meta's big acquisition");
  EXPECT_FALSE(json["results"][0]["snippet"]["highlights"].empty());
}

TEST_F(SkeletonTest, UsageErrorsAndHelp) {
  ProcessResult help = RunSearch({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Usage: quarry-search"));
  ProcessResult bad = RunSearch({"--no-such-option", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("try 'quarry-search --help'"));
  ProcessResult index_help = RunIndex({"--help"});
  EXPECT_EQ(index_help.exit_code, 0);
  EXPECT_THAT(index_help.out, HasSubstr("Usage: quarry-index"));
  ProcessResult bad_lang = RunIndex({"--db", Db(), "--language", "klingon", Root()});
  EXPECT_EQ(bad_lang.exit_code, 2);
  EXPECT_THAT(bad_lang.err, HasSubstr("unknown language 'klingon'"));
}

}  // namespace
}  // namespace quarry::testing

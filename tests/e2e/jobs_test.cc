// End-to-end tests of --jobs (issue 6, point 4): several threads prepare
// documents for the one writer (or, filling an empty index, each writes a
// part of it, merged at the end), and the documents, scores, counts and
// verbose lines are exactly those of a one-thread run; a polite stop still
// leaves a committed, consistent index.
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/e2e/reindex_util.h"
#include "tests/support/background_process.h"

namespace quarry::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr auto kPatience = std::chrono::seconds(60);

class JobsTest : public ::testing::Test, protected CorpusFixture {
 protected:
  // A generated corpus plus files that take other paths through the
  // preparation: other formats, a binary file, an unreadable-as-text one.
  void WriteMixedCorpus() {
    WriteGeneratedCorpus(*this, 600);
    Write("notes/readme.md", "# Rivers\n\nThe *river* flows past the hills; quarrycommon.\n");
    Write("notes/page.html",
          "<html><head><title>Weather page</title></head><body><p>rain over the hills</p>"
          "</body></html>");
    Write("notes/records.jsonl",
          "{\"id\": \"a\", \"title\": \"First record\", \"text\": \"weather in the valley\"}\n"
          "{\"id\": \"b\", \"title\": \"Second record\", \"text\": \"rivers and rain\"}\n");
    Write("notes/blob.bin", std::string("\x00\x01\x02\x03binary\x00", 11));
  }

  ProcessResult IndexInto(const std::string& db, const std::string& jobs) const {
    return RunIndex({"--db", db, "--jobs", jobs, "--verbose", Root()});
  }

  std::vector<std::string> Search(const std::string& db, const std::string& query) const {
    ProcessOptions options;
    options.cwd = Root();
    return Lines(RunSearch({"--db", db, "--format", "paths", "-n", "100000", query}, options).out);
  }
  // The ranked answer, tied hits in path order (CanonicalAnswer): documents
  // are numbered in the order they were written, which differs with the
  // number of jobs, and Xapian orders equal scores by number.
  std::string Ranked(const std::string& db, const std::string& query) const {
    ProcessOptions options;
    options.cwd = Root();
    ProcessResult r = RunSearch({"--db", db, "--format", "json", "-n", "100000", query}, options);
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return r.exit_code == 0 ? CanonicalAnswer(r.out) : r.err;
  }

  // Drops the trailing timing of the summary line ("... in 0.4 s").
  static std::string WithoutTiming(const std::string& text) {
    std::vector<std::string> lines = Lines(text);
    std::string kept;
    for (std::string& line : lines) {
      size_t in = line.rfind(" in ");
      if (line.rfind("quarry-index:", 0) == 0 && in != std::string::npos) line.erase(in);
      kept += line + "\n";
    }
    return kept;
  }
};

TEST_F(JobsTest, SeveralJobsWriteTheSameIndexAsOne) {
  WriteMixedCorpus();
  const std::string one = dir().Path("db1"), four = dir().Path("db4");
  ProcessResult serial = IndexInto(one, "1");
  ASSERT_EQ(serial.exit_code, 0) << Describe(serial);
  ProcessResult parallel = IndexInto(four, "4");
  ASSERT_EQ(parallel.exit_code, 0) << Describe(parallel);

  // Same fates in the same (plan) order, same counts.
  EXPECT_EQ(parallel.err, serial.err);
  EXPECT_EQ(WithoutTiming(parallel.out), WithoutTiming(serial.out));
  EXPECT_THAT(serial.out, HasSubstr("added 603, updated 0, unchanged 0, removed 0, skipped 1, failed 0"));

  // Same answers, ranked the same.
  for (const char* query : {kCommonWord, "rivers", "weather hills", "number123", "\"the weather\"",
                            "record", "rain OR valley"}) {
    SCOPED_TRACE(query);
    EXPECT_FALSE(Search(one, query).empty());
    EXPECT_EQ(Ranked(four, query), Ranked(one, query));
  }
  EXPECT_EQ(Search(one, kCommonWord).size(), 601u);
  EXPECT_EQ(DiffIndexAndCorpus(four, Root()), DiffIndexAndCorpus(one, Root()));

  // A rerun after changes under --jobs 2 matches one under --jobs 1 too.
  WriteGeneratedCorpus(*this, 50, 100, "v1");
  Remove("notes/page.html");
  ProcessResult serial_rerun = IndexInto(one, "1");
  ProcessResult parallel_rerun = IndexInto(four, "2");
  ASSERT_EQ(serial_rerun.exit_code, 0) << Describe(serial_rerun);
  ASSERT_EQ(parallel_rerun.exit_code, 0) << Describe(parallel_rerun);
  EXPECT_EQ(parallel_rerun.err, serial_rerun.err);
  EXPECT_EQ(WithoutTiming(parallel_rerun.out), WithoutTiming(serial_rerun.out));
  EXPECT_EQ(Ranked(four, "v1"), Ranked(one, "v1"));
  EXPECT_EQ(Search(four, "v1").size(), 50u);
}

TEST_F(JobsTest, SigtermUnderTwoJobsCommitsWhatWasWrittenAndTheRerunFinishes) {
  constexpr int kFiles = 3000;
  WriteGeneratedCorpus(*this, kFiles);
  BackgroundProcess indexer({QUARRY_INDEX_BIN, "--db", Db(), "--jobs", "2", "--verbose",
                             "--batch-size", "500", Root()},
                            dir().path());
  ASSERT_TRUE(indexer.WaitUntil(
      [&] {
        std::string err = indexer.StderrSoFar();
        return std::count(err.begin(), err.end(), '\n') >= 300;
      },
      kPatience));
  indexer.Signal(SIGTERM);
  ProcessResult r = indexer.Wait();
  ASSERT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("interrupted by SIGTERM: what was done is committed"));

  // Every file reported as added is in the index, and nothing else.
  size_t reported = 0;
  for (const std::string& line : Lines(r.err)) reported += line.rfind("quarry-index: add ", 0) == 0;
  std::vector<std::string> found = Search(Db(), kCommonWord);
  EXPECT_GE(found.size(), 300u);
  EXPECT_LT(found.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(found.size(), reported);

  ProcessResult rerun = RunIndex({"--db", Db(), "--jobs", "2", Root()});
  ASSERT_EQ(rerun.exit_code, 0) << Describe(rerun);
  EXPECT_THAT(rerun.out, HasSubstr("added " + std::to_string(kFiles - found.size()) + ", "));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
}

// A first build in parts leaves nothing beside (or inside) the index, with
// more jobs than files and with a --db written with a trailing slash.
TEST_F(JobsTest, AFirstBuildInPartsLeavesOnlyTheIndex) {
  WriteGeneratedCorpus(*this, 5);
  ProcessResult r = RunIndex({"--db", Db() + "/", "--jobs", "64", Root()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("added 5, "));
  EXPECT_EQ(DiffIndexAndCorpus(Db(), Root()), "");
  std::vector<std::string> beside;
  for (const auto& entry : std::filesystem::directory_iterator(dir().path())) {
    beside.push_back(entry.path().filename().string());
  }
  std::sort(beside.begin(), beside.end());
  EXPECT_EQ(beside, (std::vector<std::string>{"corpus", "db"}));
  for (const auto& entry : std::filesystem::directory_iterator(Db())) {
    EXPECT_EQ(entry.path().filename().string().find("compact"), std::string::npos) << entry.path();
  }
  // The record of the run, written into the merged index, says it is done
  // (before the merge it says "merging its parts").
  ProcessResult status = RunIndex({"--db", Db(), "--status"});
  EXPECT_THAT(status.out, HasSubstr(", done\n"));
  EXPECT_THAT(status.out, Not(HasSubstr("merging")));
}

TEST_F(JobsTest, RejectsZeroJobs) {
  WriteGeneratedCorpus(*this, 1);
  ProcessResult r = Index({"--jobs", "0"});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--jobs takes a whole number from 1 to 256, not '0'"));
}

}  // namespace
}  // namespace quarry::testing

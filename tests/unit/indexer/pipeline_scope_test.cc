// PlanIndexRun over the paths a watcher saw change (issue 21, item 4): the
// same changes as a whole walk plans for those paths, and none elsewhere.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "indexer/pipeline.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::TempDir;
using ::testing::ElementsAre;

class PipelineScopeTest : public ::testing::Test {
 protected:
  PipelineScopeTest() {
    config_.db_path = dir_.Path("db");
    config_.roots = {dir_.Path("corpus")};
    config_.jobs = 1;
  }

  std::string Path(const std::string& relative) const { return dir_.Path("corpus/" + relative); }

  // "kind path" for each change a plan makes (with `paths`: scoped).
  std::vector<std::string> Planned(std::optional<std::vector<std::string>> paths = std::nullopt) {
    IndexObserver quiet;
    RunReport report(quiet);
    PlanScope scope;
    if (paths) {
      scope.paths.emplace();
      for (const std::string& relative : *paths) scope.paths->push_back(Path(relative));
    }
    StatusOr<IndexPlan> plan = PlanIndexRun(config_, report, scope);
    EXPECT_OK(plan.status());
    if (!plan.ok()) return {};
    scoped_ = plan->scoped;
    std::vector<std::string> lines;
    for (const PlannedChange& change : plan->plan.changes) {
      const std::string& path =
          change.kind == ChangeKind::kRemove ? change.indexed->path : change.entry.path;
      lines.push_back(std::string(ChangeKindName(change.kind)) + " " +
                      path.substr(dir_.Path("corpus").size() + 1));
    }
    return lines;
  }

  void Index() {
    IndexObserver quiet;
    RunReport report(quiet);
    ASSERT_OK(IndexCorpus(config_, report).status());
  }

  TempDir dir_;
  IndexerConfig config_;
  bool scoped_ = false;
};

TEST_F(PipelineScopeTest, PlansWhatTheWholeWalkPlansForThePathsAndNothingElse) {
  for (const char* file : {"a.txt", "b.txt", "old/c.txt", "old/d.txt", "far/e.txt", "m/f.txt"}) {
    dir_.Write("corpus/" + std::string(file), std::string("text of ") + file);
  }
  // A first build walks everything, whatever the scope.
  EXPECT_EQ(Planned(std::vector<std::string>{"a.txt"}).size(), 6u);
  EXPECT_FALSE(scoped_);
  Index();

  dir_.Write("corpus/a.txt", "a longer text of a.txt");  // edited
  std::filesystem::remove_all(Path("old"));               // a folder deleted
  dir_.Write("corpus/new/g.txt", "g");                    // a folder made
  std::filesystem::rename(Path("m/f.txt"), Path("m/h.txt"));  // a file renamed
  dir_.Write("corpus/far/e.txt", "an edit the watcher did not report");

  const std::vector<std::string> whole = Planned();
  EXPECT_FALSE(scoped_);
  EXPECT_THAT(whole, ElementsAre("update a.txt", "update far/e.txt", "add m/h.txt", "add new/g.txt",
                                 "delete m/f.txt", "delete old/c.txt", "delete old/d.txt"));
  const std::vector<std::string> scoped =
      Planned(std::vector<std::string>{"a.txt", "old", "new", "m/f.txt", "m/h.txt", "x/never.txt"});
  EXPECT_TRUE(scoped_);
  EXPECT_THAT(scoped, ElementsAre("update a.txt", "add m/h.txt", "add new/g.txt", "delete m/f.txt",
                                  "delete old/c.txt", "delete old/d.txt"));
}

// Every file deleted one by one through the watcher: the root's documents
// are kept, as a whole walk keeps those of an empty root.
TEST_F(PipelineScopeTest, EmptyingARootDeletesNothing) {
  dir_.Write("corpus/a.txt", "a");
  dir_.Write("corpus/b/c.txt", "c");
  Index();
  std::filesystem::remove(Path("a.txt"));
  std::filesystem::remove_all(Path("b"));
  EXPECT_THAT(Planned(std::vector<std::string>{"a.txt", "b"}), ::testing::IsEmpty());
  EXPECT_THAT(Planned(), ::testing::IsEmpty());
}

}  // namespace
}  // namespace quarry::indexer

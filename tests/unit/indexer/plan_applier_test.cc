#include "indexer/plan_applier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <new>
#include <set>
#include <sstream>

#include "common/cli/diagnostics.h"
#include "common/index/schema.h"
#include "indexer/terminal_report.h"

#include "tests/support/status_matchers.h"
#include "tests/support/temp_corpus.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

class ThrowingExtractor : public Extractor {
 public:
  std::string_view name() const override { return "throwing"; }
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view,
                                                   std::string_view) const override {
    throw std::bad_alloc();
  }
};

// Regression: an exception from an extractor used to escape PrepareChange,
// ending the run (and, with --jobs, the process from a worker thread).
TEST(PrepareChangeTest, AThrowingExtractorFailsThatFileOnly) {
  quarry::testing::TempDir dir;
  std::string path = dir.Write("a.boom", "some text");
  ExtractorRegistry registry;
  registry.Register("boom", std::make_shared<ThrowingExtractor>());
  IndexerConfig config;
  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  PlannedChange change{ChangeKind::kAdd, CorpusEntry{path, 9, 1}, nullptr, "new file"};

  PreparedChange prepared = PrepareChange(change, registry, config, analyzer);
  EXPECT_EQ(prepared.action, PreparedChange::Action::kFail);
  EXPECT_EQ(prepared.change, &change);
  EXPECT_THAT(prepared.error, StatusIs(StatusCode::kInternal, ::testing::HasSubstr("a.boom")));
}

// "f100" ... (formatted, not concatenated: g++ 12 warns falsely on the
// concatenation).
std::string FileStem(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "f%d", 100 + i);
  return name;
}

// Filling an empty index in parts: every file lands in exactly one part,
// and the report (counts, verbose lines) follows the plan as one thread's
// would.
TEST(ApplyPlanTest, PartsHoldEveryFileOnceAndTheReportFollowsThePlan) {
  quarry::testing::TempDir dir;
  std::vector<PlannedChange> changes;
  for (int i = 0; i < 60; ++i) {
    std::string path = dir.Write(FileStem(i) + ".txt", "river number" + std::to_string(i));
    changes.push_back({ChangeKind::kAdd, CorpusEntry{path, 10, 1}, nullptr, "new file"});
  }
  std::string binary = dir.Write("zz.bin", std::string("\x00\x01\x02binary\x00", 10));
  changes.push_back({ChangeKind::kAdd, CorpusEntry{binary, 10, 1}, nullptr, "new file"});
  ChangePlan plan;
  plan.changes = changes;

  Analyzer analyzer = std::move(Analyzer::Create(AnalysisConfig{})).value();
  auto memory_writer = [&] {
    return std::make_unique<IndexWriter>(
        Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY), analyzer.Clone());
  };
  std::unique_ptr<IndexWriter> main = memory_writer();
  std::vector<std::unique_ptr<IndexWriter>> parts;
  for (int k = 0; k < 3; ++k) parts.push_back(memory_writer());
  IndexerConfig config;
  config.batch_size = 7;
  ExtractorRegistry registry = ExtractorRegistry::Default(config.jsonl);
  Diagnostics diagnostics("quarry-index");
  TerminalReport terminal(diagnostics, Verbosity::kVerbose);
  RunReport report(terminal);

  ::testing::internal::CaptureStderr();
  StatusOr<ApplyOutcome> outcome = ApplyPlan(
      plan, {registry, config, analyzer, *main, report, nullptr,
             {parts[0].get(), parts[1].get(), parts[2].get()}});
  std::string err = ::testing::internal::GetCapturedStderr();
  ASSERT_OK(outcome.status());
  EXPECT_EQ(*outcome, ApplyOutcome::kCompleted);
  EXPECT_EQ(report.counts().added, 60u);
  EXPECT_EQ(report.counts().skipped, 1u);

  // One verbose line per file, in plan order.
  std::vector<std::string> added;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("quarry-index: add ", 0) == 0) added.push_back(line);
  }
  ASSERT_EQ(added.size(), 60u) << err;
  for (int i = 0; i < 60; ++i) EXPECT_NE(added[i].find(FileStem(i)), std::string::npos) << added[i];

  // Every document in exactly one part, nothing in the main database (the
  // batch size of 7 makes each part commit several times on the way).
  EXPECT_EQ(main->database().get_doccount(), 0u);
  std::multiset<std::string> ids;
  for (auto& part : parts) {
    ASSERT_OK(part->Commit());
    Xapian::WritableDatabase& db = part->database();
    const std::string prefix(schema::kUniqueIdPrefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) ids.insert(*it);
  }
  EXPECT_EQ(ids.size(), 60u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 60u);
}

}  // namespace
}  // namespace quarry::indexer

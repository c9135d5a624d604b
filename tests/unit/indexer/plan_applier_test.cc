#include "indexer/plan_applier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <new>

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

}  // namespace
}  // namespace quarry::indexer

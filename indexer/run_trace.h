// File: indexer/run_trace.h
// The record of a run as it goes: written beside the index when the run
// starts ("running") and again when it ends (done, interrupted, failed:
// common/index/last_run.h RunRecord), and the LastRun committed into the
// index with its last changes. Used by pipeline.cc.
#ifndef QUARRY_INDEXER_RUN_TRACE_H_
#define QUARRY_INDEXER_RUN_TRACE_H_

#include <chrono>
#include <string>
#include <vector>

#include "common/index/last_run.h"
#include "common/text/analysis_config.h"
#include "indexer/index_writer.h"
#include "indexer/indexer_config.h"
#include "indexer/plan_applier.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

// The run's options as --status shows them: "batch-size 1000, ...".
std::string DescribeRunSettings(const IndexerConfig& config);

// Records `run` in the index through `writer` (committed with the run's
// last changes).
Status RecordRun(const LastRun& run, IndexWriter& writer);

class RunTrace {
 public:
  // Writes "running" into the index folder `folder`, with the folders and
  // settings a rebuild of a damaged index would need.
  void Begin(const std::string& folder, const std::vector<std::string>& roots,
             const AnalysisConfig& analysis, size_t shards);
  bool begun() const { return !folder_.empty(); }

  // Ends the record (not written yet: Write) and returns it as the LastRun
  // to commit into the index.
  LastRun Finish(RunRecord::State state, const std::string& result, const RunReport& report,
                 const IndexerConfig& config);
  // Finish for a run whose changes were applied as `applied` says.
  LastRun FinishApplied(ApplyOutcome applied, const RunReport& report, const IndexerConfig& config);
  // Replaces the result Finish recorded.
  void SetResult(const std::string& result) { record_.run.result = result; }

  // Writes the record into the index folder now in place (errors ignored:
  // the record is a help, never a reason to fail the run).
  void Write() const;

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  RunRecord record_;
  std::string folder_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_RUN_TRACE_H_

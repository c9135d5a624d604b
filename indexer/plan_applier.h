// File: indexer/plan_applier.h
// Carries out a ChangePlan: reads and extracts each new or changed file,
// writes its documents, deletes vanished ones, and commits in batches.
#ifndef QUARRY_INDEXER_PLAN_APPLIER_H_
#define QUARRY_INDEXER_PLAN_APPLIER_H_

#include "common/status.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/extract/registry.h"
#include "indexer/index_writer.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

// Applies `plan`. Per-file problems are reported and counted in `report`
// and do not stop the run; the returned Status is an error only when the
// index could not be written or committed.
Status ApplyPlan(const ChangePlan& plan, const ExtractorRegistry& registry,
                 const IndexerConfig& config, IndexWriter& writer, RunReport& report);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PLAN_APPLIER_H_

// File: indexer/pipeline.h
// The index flow, start to end: walk -> detect changes -> extract ->
// analyze -> write -> commit. Read pipeline.cc first.
#ifndef QUARRY_INDEXER_PIPELINE_H_
#define QUARRY_INDEXER_PIPELINE_H_

#include <ostream>

#include "common/status.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

// Runs one indexing pass. Per-file problems are counted in `report`; the
// Status is an error only when no usable result was committed (the
// database cannot be opened or written, bad settings): Locked when another
// writer holds it. The dry-run plan is printed on `out`.
Status IndexCorpus(const IndexerConfig& config, RunReport& report, std::ostream& out);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PIPELINE_H_

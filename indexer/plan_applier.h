// File: indexer/plan_applier.h
// Carries out a ChangePlan in two steps per change: PrepareChange reads,
// extracts and analyzes a file into ready-to-store documents without
// touching the database; WritePrepared stores the result. ApplyPlan drives
// both and commits in batches.
#ifndef QUARRY_INDEXER_PLAN_APPLIER_H_
#define QUARRY_INDEXER_PLAN_APPLIER_H_

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/text/analyzer.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/extract/registry.h"
#include "indexer/index_writer.h"
#include "indexer/indexer_config.h"
#include "indexer/run_report.h"

namespace quarry::indexer {

// One planned change, ready to write.
struct PreparedChange {
  enum class Action {
    kWrite,   // store `documents` (new or changed content)
    kTouch,   // content signature unchanged: record the new mtime only
    kSkip,    // not indexable (binary, too large...): remember why
    kVanish,  // the file disappeared after the walk: drop what the index holds
    kFail,    // could not be read or extracted: `error` says why
    kRemove,  // the planned deletion of a vanished or excluded file
  };
  const PlannedChange* change = nullptr;
  Action action = Action::kFail;
  std::vector<BuiltDocument> documents;  // kWrite (emptied once stored by a part writer)
  size_t document_count = 0;             // kWrite: documents.size() when prepared
  std::string detail;                    // kWrite: extractor name; kSkip: the reason
  Status error;                          // kFail
};

// Reads, extracts and builds the documents of one change. Touches no
// database and no shared mutable state (`registry` is only read), so with
// one Analyzer per thread several changes can be prepared at once, feeding
// one writer (--jobs). The registry's content sniffing uses a libmagic
// cookie, which is not safe to share between threads: give each thread its
// own registry.
PreparedChange PrepareChange(const PlannedChange& change, const ExtractorRegistry& registry,
                             const IndexerConfig& config, Analyzer& analyzer);

// Stores one prepared change through `writer` (uncommitted). Returns how
// many changes it wrote (0 or 1), for batching; an error only when the
// index could not be written.
StatusOr<size_t> StorePrepared(const PreparedChange& prepared, IndexWriter& writer);

// Counts one stored change in `report` and reports its fate (verbose line,
// skip, failure). Reads no documents.
void ReportPrepared(const PreparedChange& prepared, RunReport& report);

// StorePrepared, then ReportPrepared.
StatusOr<size_t> WritePrepared(const PreparedChange& prepared, IndexWriter& writer,
                               RunReport& report);

enum class ApplyOutcome { kCompleted, kInterrupted };

struct ApplyContext {
  const ExtractorRegistry& registry;
  const IndexerConfig& config;
  Analyzer& analyzer;  // used to prepare documents (not the writer's own)
  IndexWriter& writer;
  RunReport& report;
  // Polled between two changes; true stops the run there (SIGINT/SIGTERM).
  std::function<bool()> should_stop;
  // A fresh build in parts (see ApplyPlan): the writers of the databases
  // written beside `writer`, one per thread. Empty otherwise.
  std::vector<IndexWriter*> parts = {};
};

// Applies `plan` in order, committing after every config.batch_size
// written changes, so that a crash loses at most one batch. The changes
// after the last full batch are left for the caller to commit (with the
// run record). kInterrupted when `should_stop` cut the run short; an error
// only when the index could not be written or committed.
// With config.jobs > 1, config.jobs threads prepare changes (each with a
// clone of `analyzer` and its own registry built from config.jsonl) while
// the calling thread writes them in plan order: the index, counts and
// report lines are those of a one-thread run. `should_stop` is polled on
// the calling thread only; after it says stop, the changes already
// prepared are still written, in order, before kInterrupted.
// With parts, parts.size() threads each prepare changes and store them
// through their own part's writer, committing their own batches: nothing
// waits for a single writer, and `writer` is left alone. The parts then
// hold together what one writer would have written, for the caller to
// merge into `writer`'s database (CompactInPlace); counts and report lines
// are still those of a one-thread run, in plan order. Meant for filling an
// empty index, where no change depends on what another part holds.
StatusOr<ApplyOutcome> ApplyPlan(const ChangePlan& plan, const ApplyContext& context);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_PLAN_APPLIER_H_

#include "indexer/plan_applier.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>

#include "common/hash.h"
#include "indexer/extract/file_reader.h"
#include "indexer/extract/title.h"
#include "indexer/ordered_workers.h"

namespace quarry::indexer {

namespace {

// How many bytes of a file decide whether an unknown extension is text.
constexpr size_t kSniffBytes = 8192;

using Action = PreparedChange::Action;

PreparedChange Fail(PreparedChange prepared, Status error) {
  prepared.action = Action::kFail;
  prepared.error = std::move(error);
  return prepared;
}

PreparedChange Skip(PreparedChange prepared, std::string reason) {
  prepared.action = Action::kSkip;
  prepared.detail = std::move(reason);
  return prepared;
}

}  // namespace

namespace {

PreparedChange PrepareChangeUnguarded(const PlannedChange& change,
                                      const ExtractorRegistry& registry,
                                      const IndexerConfig& config, Analyzer& analyzer) {
  PreparedChange prepared;
  prepared.change = &change;
  if (change.kind == ChangeKind::kRemove) {
    prepared.action = Action::kRemove;
    return prepared;
  }
  const CorpusEntry& entry = change.entry;
  StatusOr<std::string> content = ReadFileContent(entry.path, config.max_file_bytes);
  if (!content.ok()) {
    switch (content.status().code()) {
      case StatusCode::kUnsupported:
        return Skip(std::move(prepared), content.status().message());
      case StatusCode::kNotFound:
        prepared.action = Action::kVanish;
        return prepared;
      default:
        return Fail(std::move(prepared), content.status());
    }
  }
  uint64_t signature = Fingerprint64(*content);
  if (change.indexed != nullptr && change.indexed->skip_reason.empty() &&
      change.indexed->reread.empty() && change.indexed->signature == signature) {
    prepared.action = Action::kTouch;
    return prepared;
  }
  StatusOr<FormatContent> opened =
      OpenFormatContent(entry.path, std::move(*content), config.max_file_bytes);
  if (!opened.ok()) {
    if (opened.status().code() == StatusCode::kUnsupported) {
      return Skip(std::move(prepared), opened.status().message());
    }
    return Fail(std::move(prepared), opened.status());
  }
  std::string binary;
  const Extractor* extractor = registry.Choose(
      opened->format_path, std::string_view(opened->bytes).substr(0, kSniffBytes), &binary);
  if (extractor == nullptr) return Skip(std::move(prepared), binary);
  StatusOr<std::vector<ExtractedDocument>> docs = extractor->Extract(entry.path, opened->bytes);
  if (!docs.ok()) {
    if (docs.status().code() == StatusCode::kUnsupported) {
      return Skip(std::move(prepared), docs.status().message());
    }
    return Fail(std::move(prepared), docs.status());
  }
  CapDocumentText(*docs, config.max_text_bytes);
  TitleUntitledByFileName(*docs, entry.path);
  // The bytes an extractor read are the file's own unless decompressed.
  if (config.store_text.value_or(false) || opened->format_path != entry.path) {
    for (ExtractedDocument& doc : *docs) doc.text_in_file.reset();
  }
  prepared.action = Action::kWrite;
  // The source encoding is shown so that a mis-detected legacy file can be
  // spotted: "add a.txt (new file, text, Shift_JIS)".
  prepared.detail = std::string(extractor->name()) +
                    (docs->empty() ? std::string() : ", " + docs->front().encoding);
  prepared.documents = BuildDocuments(analyzer, entry, signature, *docs);
  prepared.document_count = prepared.documents.size();
  return prepared;
}

}  // namespace

// A library that throws (out of memory in an extractor, a Xapian error while
// building terms) fails this one file, like any per-file problem; with
// --jobs an exception escaping a worker thread would end the process.
PreparedChange PrepareChange(const PlannedChange& change, const ExtractorRegistry& registry,
                             const IndexerConfig& config, Analyzer& analyzer) {
  const std::string& path = change.entry.path;
  PreparedChange failed;
  failed.change = &change;
  failed.action = PreparedChange::Action::kFail;
  try {
    return PrepareChangeUnguarded(change, registry, config, analyzer);
  } catch (const Xapian::Error& e) {
    failed.error = InternalError(path + ": " + e.get_description());
  } catch (const std::exception& e) {
    failed.error = InternalError(path + ": " + e.what());
  }
  return failed;
}

StatusOr<size_t> StorePrepared(const PreparedChange& prepared, IndexWriter& writer) {
  const PlannedChange& change = *prepared.change;
  switch (prepared.action) {
    case Action::kWrite:
      QUARRY_RETURN_IF_ERROR(writer.Write(change.entry, prepared.documents, change.indexed));
      return 1;
    case Action::kTouch:
      QUARRY_RETURN_IF_ERROR(writer.Touch(change.entry, *change.indexed));
      return 1;
    case Action::kSkip:
      // Remembered, so that a rerun does not read the file again until it
      // changes.
      QUARRY_RETURN_IF_ERROR(writer.RecordSkipped(change.entry, prepared.detail, change.indexed));
      return 1;
    case Action::kVanish:
      if (change.indexed == nullptr) return 0;
      QUARRY_RETURN_IF_ERROR(writer.Remove(*change.indexed));
      return 1;
    case Action::kFail:
      return 0;
    case Action::kRemove:
      QUARRY_RETURN_IF_ERROR(writer.Remove(*change.indexed));
      return 1;
  }
  return 0;
}

void ReportPrepared(const PreparedChange& prepared, RunReport& report) {
  const PlannedChange& change = *prepared.change;
  const CorpusEntry& entry = change.entry;
  RunCounts& counts = report.counts();
  switch (prepared.action) {
    case Action::kWrite:
      ++(change.kind == ChangeKind::kAdd ? counts.added : counts.updated);
      counts.documents += prepared.document_count;
      report.Fate(ChangeKindName(change.kind), entry.path, change.reason + ", " + prepared.detail);
      return;
    case Action::kTouch:
      ++counts.unchanged;
      report.Fate("touch", entry.path, "content unchanged");
      return;
    case Action::kSkip:
      report.Skipped(entry.path, prepared.detail);
      return;
    case Action::kVanish:
      report.Warning(entry.path + ": vanished while being indexed");
      if (change.indexed != nullptr && change.indexed->skip_reason.empty()) ++counts.removed;
      return;
    case Action::kFail:
      report.Failed(prepared.error);
      return;
    case Action::kRemove:
      if (change.indexed->skip_reason.empty()) ++counts.removed;
      report.Fate("delete", change.indexed->path, change.reason);
      return;
  }
}

StatusOr<size_t> WritePrepared(const PreparedChange& prepared, IndexWriter& writer,
                               RunReport& report) {
  QUARRY_ASSIGN_OR_RETURN(size_t written, StorePrepared(prepared, writer));
  ReportPrepared(prepared, report);
  return written;
}

namespace {

// Results prepared ahead of the writer per worker: enough to keep every
// worker busy while the writer flushes, few enough to bound memory.
constexpr size_t kPreparedPerWorker = 4;

// Filling parts, a worker stores what it prepares itself, and what waits to
// be reported is small (no documents). A worker flushing its part's batch
// holds back the report of its item, so the others go on this far ahead of
// it instead of idling (a window of a few items left one core idle through
// every flush: about a tenth of the run on linux-doc).
constexpr size_t kReportsAheadPerWorker = 1024;

// Commits a writer each time `batch_size` changes have been stored through it.
class BatchCommitter {
 public:
  BatchCommitter(IndexWriter& writer, size_t batch_size) : writer_(&writer), batch_size_(batch_size) {}

  // Counts `written` more stored changes (StorePrepared's result).
  Status Count(size_t written) {
    pending_ += written;
    if (pending_ < batch_size_) return Status::Ok();
    pending_ = 0;
    return writer_->Commit();
  }

 private:
  IndexWriter* writer_;
  size_t batch_size_;
  size_t pending_ = 0;
};

// Writes one prepared change and commits when a batch is full.
class BatchWriter {
 public:
  explicit BatchWriter(const ApplyContext& context)
      : context_(context), committer_(context.writer, context.config.batch_size) {}

  Status Write(const PreparedChange& prepared) {
    QUARRY_ASSIGN_OR_RETURN(size_t written,
                            WritePrepared(prepared, context_.writer, context_.report));
    QUARRY_RETURN_IF_ERROR(committer_.Count(written));
    context_.report.Applied(++done_);
    return Status::Ok();
  }

 private:
  const ApplyContext& context_;
  BatchCommitter committer_;
  size_t done_ = 0;
};

StatusOr<ApplyOutcome> ApplyInOneThread(const ChangePlan& plan, const ApplyContext& context) {
  BatchWriter batch(context);
  for (const PlannedChange& change : plan.changes) {
    if (context.should_stop && context.should_stop()) return ApplyOutcome::kInterrupted;
    QUARRY_RETURN_IF_ERROR(
        batch.Write(PrepareChange(change, context.registry, context.config, context.analyzer)));
  }
  return ApplyOutcome::kCompleted;
}

// Each worker's own analyzer and registry: neither an Analyzer nor the
// registry's libmagic cookie may be shared between threads.
struct WorkerTools {
  WorkerTools(const ApplyContext& context, size_t jobs) {
    for (size_t w = 0; w < jobs; ++w) {
      analyzers.push_back(context.analyzer.Clone());
      registries.push_back(
          std::make_unique<ExtractorRegistry>(ExtractorRegistry::Default(
              context.config.jsonl, ExtractLimits{context.config.max_file_bytes})));
    }
  }
  std::vector<Analyzer> analyzers;
  std::vector<std::unique_ptr<ExtractorRegistry>> registries;
};

// Workers prepare changes in plan order; this thread writes them in that
// order, so the index, the counts and the verbose lines are those of one
// thread. On a stop request workers take no new change, and what they have
// prepared up to the first unprepared change is still written.
StatusOr<ApplyOutcome> ApplyInWorkers(const ChangePlan& plan, const ApplyContext& context,
                                      size_t jobs) {
  WorkerTools tools(context, jobs);
  std::atomic<bool> stopping{false};
  BatchWriter batch(context);
  Status error;
  bool interrupted = false;
  RunOrdered<std::optional<PreparedChange>>(
      plan.changes.size(), jobs, kPreparedPerWorker * jobs,
      [&](size_t i, size_t worker) -> std::optional<PreparedChange> {
        if (stopping.load()) return std::nullopt;
        return PrepareChange(plan.changes[i], *tools.registries[worker], context.config,
                             tools.analyzers[worker]);
      },
      [&](size_t, std::optional<PreparedChange>& prepared) {
        if (!prepared) {
          interrupted = true;
          return false;
        }
        error = batch.Write(*prepared);
        if (!error.ok()) return false;
        // Polled here only, on the writer's thread.
        if (!stopping.load() && context.should_stop && context.should_stop()) stopping = true;
        return true;
      });
  QUARRY_RETURN_IF_ERROR(error);
  return interrupted ? ApplyOutcome::kInterrupted : ApplyOutcome::kCompleted;
}

// A fresh build on several threads, each preparing changes and writing
// them to its own part database, with its own batches; only the report
// runs on the calling thread, in plan order.
// On a stop request no new change is started; every change stored is
// reported, so the report matches what the merged databases hold.
StatusOr<ApplyOutcome> ApplyInParts(const ChangePlan& plan, const ApplyContext& context) {
  const std::vector<IndexWriter*>& writers = context.parts;
  const size_t jobs = writers.size();
  WorkerTools tools(context, jobs);
  // What a worker did with one change: stored it (prepared), failed to
  // write (error), or left it alone after a stop request (neither).
  struct Stored {
    std::optional<PreparedChange> prepared;
    Status error;
  };
  std::vector<BatchCommitter> committers;  // each worker uses its own only
  for (IndexWriter* writer : writers) committers.emplace_back(*writer, context.config.batch_size);
  std::atomic<bool> stopping{false};
  Status error;
  bool interrupted = false;
  size_t done = 0;
  RunOrdered<Stored>(
      plan.changes.size(), jobs, kReportsAheadPerWorker * jobs,
      [&](size_t i, size_t worker) -> Stored {
        if (stopping.load()) return {};
        PreparedChange prepared = PrepareChange(plan.changes[i], *tools.registries[worker],
                                                context.config, tools.analyzers[worker]);
        StatusOr<size_t> written = StorePrepared(prepared, *writers[worker]);
        Status stored = written.ok() ? committers[worker].Count(*written) : written.status();
        if (!stored.ok()) {
          stopping = true;  // the run fails: no worker starts another change
          return {std::nullopt, stored};
        }
        // Stored: only the report is left to do, and up to
        // kReportsAheadPerWorker reports wait, so the documents' memory goes.
        std::vector<BuiltDocument>().swap(prepared.documents);
        return {std::move(prepared), Status::Ok()};
      },
      [&](size_t, Stored& stored) {
        if (!stored.error.ok()) {
          error = stored.error;
          return false;
        }
        if (!stored.prepared) {
          interrupted = true;
          return true;  // later changes may still have been stored
        }
        ReportPrepared(*stored.prepared, context.report);
        context.report.Applied(++done);
        if (!stopping.load() && context.should_stop && context.should_stop()) stopping = true;
        return true;
      });
  QUARRY_RETURN_IF_ERROR(error);
  return interrupted ? ApplyOutcome::kInterrupted : ApplyOutcome::kCompleted;
}

}  // namespace

StatusOr<ApplyOutcome> ApplyPlan(const ChangePlan& plan, const ApplyContext& context) {
  context.report.counts().unchanged += plan.unchanged;
  if (!context.parts.empty()) return ApplyInParts(plan, context);
  size_t jobs = std::max<size_t>(context.config.jobs, 1);
  if (jobs == 1 || plan.changes.size() < 2) return ApplyInOneThread(plan, context);
  return ApplyInWorkers(plan, context, jobs);
}

}  // namespace quarry::indexer

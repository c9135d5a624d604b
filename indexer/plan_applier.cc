#include "indexer/plan_applier.h"

#include "common/hash.h"
#include "indexer/extract/file_reader.h"

namespace quarry::indexer {

namespace {

// How many bytes of a file decide whether an unknown extension is text.
constexpr size_t kSniffBytes = 8192;

enum class Outcome { kWritten, kTouched, kSkipped, kFailed };

// Reads, extracts and writes one new or changed file.
StatusOr<Outcome> IndexOneFile(const PlannedChange& change, const ExtractorRegistry& registry,
                               const IndexerConfig& config, IndexWriter& writer,
                               RunReport& report) {
  const CorpusEntry& entry = change.entry;
  // A file that is not indexed on purpose is remembered, so that a rerun
  // does not read it again until it changes.
  const auto skip = [&](const std::string& reason) -> StatusOr<Outcome> {
    report.Skipped(entry.path, reason);
    QUARRY_RETURN_IF_ERROR(writer.RecordSkipped(entry, reason, change.indexed));
    return Outcome::kSkipped;
  };
  StatusOr<std::string> content = ReadFileContent(entry.path, config.max_file_bytes);
  if (!content.ok()) {
    if (content.status().code() == StatusCode::kUnsupported) return skip(content.status().message());
    report.Failed(content.status());
    return Outcome::kFailed;
  }
  uint64_t signature = Fingerprint64(*content);
  if (change.indexed != nullptr && change.indexed->skip_reason.empty() &&
      change.indexed->signature == signature) {
    QUARRY_RETURN_IF_ERROR(writer.Touch(entry, *change.indexed));
    report.Fate("touch", entry.path, "content unchanged");
    return Outcome::kTouched;
  }
  StatusOr<FormatContent> opened =
      OpenFormatContent(entry.path, std::move(*content), config.max_file_bytes);
  if (!opened.ok()) {
    if (opened.status().code() == StatusCode::kUnsupported) return skip(opened.status().message());
    report.Failed(opened.status());
    return Outcome::kFailed;
  }
  std::string binary;
  const Extractor* extractor = registry.Choose(
      opened->format_path, std::string_view(opened->bytes).substr(0, kSniffBytes), &binary);
  if (extractor == nullptr) return skip(binary);
  StatusOr<std::vector<ExtractedDocument>> docs = extractor->Extract(entry.path, opened->bytes);
  if (!docs.ok()) {
    if (docs.status().code() == StatusCode::kUnsupported) return skip(docs.status().message());
    report.Failed(docs.status());
    return Outcome::kFailed;
  }
  CapDocumentText(*docs, config.max_text_bytes);
  QUARRY_RETURN_IF_ERROR(writer.Write(entry, signature, *docs, change.indexed));
  report.counts().documents += docs->size();
  // The source encoding is shown so that a mis-detected legacy file can be
  // spotted: "add a.txt (new file, text, Shift_JIS)".
  std::string encoding = docs->empty() ? std::string() : ", " + docs->front().encoding;
  report.Fate(ChangeKindName(change.kind), entry.path,
              change.reason + ", " + std::string(extractor->name()) + encoding);
  return Outcome::kWritten;
}

}  // namespace

Status ApplyPlan(const ChangePlan& plan, const ExtractorRegistry& registry,
                 const IndexerConfig& config, IndexWriter& writer, RunReport& report) {
  RunCounts& counts = report.counts();
  counts.unchanged += plan.unchanged;
  size_t pending = 0;
  for (const PlannedChange& change : plan.changes) {
    if (change.kind == ChangeKind::kRemove) {
      QUARRY_RETURN_IF_ERROR(writer.Remove(*change.indexed));
      if (change.indexed->skip_reason.empty()) ++counts.removed;
      report.Fate("delete", change.indexed->path, change.reason);
      ++pending;
    } else {
      QUARRY_ASSIGN_OR_RETURN(Outcome outcome,
                              IndexOneFile(change, registry, config, writer, report));
      if (outcome == Outcome::kWritten) {
        ++(change.kind == ChangeKind::kAdd ? counts.added : counts.updated);
        ++pending;
      } else if (outcome == Outcome::kTouched) {
        ++counts.unchanged;
        ++pending;
      }
    }
    if (pending >= config.batch_size) {
      QUARRY_RETURN_IF_ERROR(writer.Commit());
      pending = 0;
    }
  }
  return writer.Commit();
}

}  // namespace quarry::indexer

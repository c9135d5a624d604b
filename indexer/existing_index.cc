#include "indexer/existing_index.h"

#include "common/index/database.h"
#include "common/index/last_run.h"
#include "common/index/schema.h"
#include "common/index/scratch.h"
#include "common/index/shards.h"
#include "indexer/extract/decompressor.h"
#include "indexer/extract/registry.h"
#include "indexer/index_target.h"
#include "indexer/index_writer.h"

namespace quarry::indexer {

StatusOr<ExistingIndex> LoadExistingIndex(const std::string& db_path) {
  ExistingIndex existing;
  if (!DatabaseExists(db_path)) return existing;
  QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(db_path));
  existing.exists = true;
  StatusOr<AnalysisConfig> analysis = ReadAnalysisConfig(db);
  if (analysis.ok()) existing.analysis = *analysis;
  if (analysis.status().code() == StatusCode::kFailedPrecondition) {
    // Its terms mean something else: rebuild, keeping the user's settings.
    existing.outdated_analysis = true;
    StatusOr<AnalysisConfig> old = ReadAnalysisConfig(db, VersionCheck::kAnyVersion);
    if (old.ok()) existing.analysis = *old;
  }
  try {
    existing.uuid = IndexUuid(db_path);
    existing.roots = ReadRoots(db);
    existing.formats = db.get_metadata(std::string(schema::kFormatsKey));
    existing.store_text = db.get_metadata(std::string(schema::kStoreTextKey)) == "yes";
  } catch (const Xapian::Error& e) {
    return XapianReadError(db_path, e);
  }
  QUARRY_ASSIGN_OR_RETURN(existing.snapshot, LoadSnapshot(db));
  return existing;
}

ExistingIndex RecordedIndex(const std::string& db_path) {
  ExistingIndex existing;
  existing.exists = true;
  if (std::optional<RunRecord> record = ReadRunRecord(db_path)) {
    existing.roots = record->roots;
    StatusOr<AnalysisConfig> analysis = ParseAnalysisSettingsOfAnyVersion(record->analysis);
    if (analysis.ok()) existing.analysis = *analysis;
  }
  return existing;
}

std::string IndexUuid(const std::string& db_path) {
  StatusOr<size_t> shards = CountLocalShards(db_path);
  if (!shards.ok() || *shards == 0) return {};
  try {
    return Xapian::Database(LocalDatabasePaths(db_path, *shards).front()).get_uuid();
  } catch (const Xapian::Error&) {
    return {};
  }
}

std::optional<ExistingIndex> LoadUnfinishedRebuild(const std::string& db_path) {
  const std::string rebuild = RebuildPath(db_path);
  if (!IsUnfinishedRebuild(rebuild)) return std::nullopt;
  StatusOr<ExistingIndex> loaded =
      RetryIfSwapped<ExistingIndex>([&] { return LoadExistingIndex(rebuild); });
  if (!loaded.ok() || loaded->outdated_analysis || !loaded->analysis) return std::nullopt;
  return *std::move(loaded);
}

namespace {

// Why a file is read again whose extension chose extractor `before` in the
// index's formats and chooses `now` in this build's (labels: a name, then
// "@VERSION" from version 2 on).
std::string RereadReason(std::string_view before, std::string_view now) {
  if (now.empty()) return "typed by its content now";
  const auto name = [](std::string_view label) {
    return std::string(label.substr(0, label.find('@')));
  };
  if (name(before) == name(now))
    return "read by another version of the " + name(now) + " extractor";
  return "read as " + name(now) + " now";
}

}  // namespace

void MarkRereads(const std::string& formats_before, const std::string& formats_now,
                 IndexSnapshot& snapshot) {
  if (formats_before == formats_now) return;
  std::erase_if(snapshot, [](const auto& kv) { return !kv.second.skip_reason.empty(); });
  const bool typing_changed = ExtractorRegistry::ContentTypingIn(formats_before) !=
                              ExtractorRegistry::ContentTypingIn(formats_now);
  for (auto& [path, indexed] : snapshot) {
    const std::string_view format_path = WithoutCompressionSuffix(path);
    const std::string before = ExtractorRegistry::ExtensionExtractorIn(formats_before, format_path);
    const std::string now = ExtractorRegistry::ExtensionExtractorIn(formats_now, format_path);
    if (before != now) {
      indexed.reread = RereadReason(before, now);
    } else if (now.empty() && typing_changed) {
      indexed.reread = "typed by its content anew";
    }
  }
}

PendingParts LoadPendingParts(const std::string& target) {
  PendingParts pending;
  for (const std::string& part : FindPendingParts(target)) {
    try {
      StatusOr<IndexSnapshot> held = LoadSnapshot(Xapian::Database(part));
      if (held.ok()) {
        pending.snapshot.merge(*held);
        pending.readable.push_back(part);
        continue;
      }
    } catch (const Xapian::Error&) {
    }
    pending.unreadable.push_back(part);
  }
  return pending;
}

}  // namespace quarry::indexer

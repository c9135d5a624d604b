#include "searcher/shard_set.h"

#include <optional>
#include <string_view>

#include "common/index/database.h"
#include "common/index/schema.h"

namespace quarry::searcher {

namespace {

// What a search needs to know about one shard, read while connected: any
// Xapian error up to here means the shard is unusable, not the index wrong.
struct ShardHandle {
  Xapian::Database db;
  std::string schema_version;
  std::string analysis;
};

StatusOr<ShardHandle> Connect(const ShardLocation& location, const ShardOpenOptions& options) {
  try {
    ShardHandle handle;
    if (location.kind == ShardLocation::Kind::kRemote) {
      // Xapian names these parameters useconds_t, but they are milliseconds.
      handle.db = Xapian::Remote::open(location.host, location.port, options.answer_timeout_ms,
                                       options.connect_timeout_ms);
    } else {
      handle.db = Xapian::Database(location.path);
    }
    // A local shard may be mid-reindex: reopen rather than call it missing.
    Status read = ReadWithReopen(handle.db, location.Describe(), [&] {
      handle.schema_version = handle.db.get_metadata(std::string(schema::kSchemaVersionKey));
      handle.analysis = handle.db.get_metadata(std::string(schema::kAnalysisKey));
    });
    if (!read.ok()) return IoError(read.message());
    return handle;
  } catch (const Xapian::Error& e) {
    std::string reason = e.get_msg();
    if (!e.get_error_string() || !*e.get_error_string()) return IoError(reason);
    return IoError(reason + " (" + e.get_error_string() + ")");
  }
}

// The settings a search must analyse queries with, and where they came from.
struct Reference {
  std::optional<AnalysisConfig> analysis;
  std::string source;
};

Status CheckAgainst(Reference& reference, std::string_view analysis_text, const std::string& name) {
  if (analysis_text.empty()) return Status::Ok();
  QUARRY_ASSIGN_OR_RETURN(AnalysisConfig analysis, ParseAnalysisConfig(analysis_text));
  if (!reference.analysis) {
    reference.analysis = analysis;
    reference.source = name;
    return Status::Ok();
  }
  if (!(analysis == *reference.analysis)) {
    return FailedPreconditionError(name + " was indexed with " + DescribeAnalysisConfig(analysis) +
                                   " but " + reference.source + " with " +
                                   DescribeAnalysisConfig(*reference.analysis) +
                                   "; reindex it so that all shards agree");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<ShardSet> ShardSet::Open(const std::vector<std::string>& db_paths,
                                  const ShardOpenOptions& options) {
  ShardSet set;
  set.options_ = options;
  Reference reference;
  for (const std::string& db_path : db_paths) {
    std::string stub = StubFileOf(db_path);
    if (stub.empty()) {
      // A plain database is the whole index, not one shard among others: a
      // failure to open it is the search's failure.
      QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(db_path));
      QUARRY_ASSIGN_OR_RETURN(AnalysisConfig analysis, ReadAnalysisConfig(db));
      QUARRY_RETURN_IF_ERROR(CheckAgainst(reference, SerializeAnalysisConfig(analysis), db_path));
      set.reached_.push_back({ShardLocation::Local(db_path), std::move(db)});
      continue;
    }
    QUARRY_ASSIGN_OR_RETURN(std::vector<ShardLocation> locations, ListShards(db_path));
    StatusOr<std::map<std::string, std::string>> copy =
        ReadSettingsCopy(StubFolderOf(stub));
    if (copy.ok()) {
      std::string copy_name = StubFolderOf(stub) + "/" + std::string(kSettingsCopyFileName);
      auto analysis = copy->find(std::string(schema::kAnalysisKey));
      if (analysis != copy->end()) {
        QUARRY_RETURN_IF_ERROR(CheckAgainst(reference, analysis->second, copy_name));
      }
    } else if (copy.status().code() != StatusCode::kNotFound) {
      return copy.status();
    }
    for (const ShardLocation& location : locations) {
      StatusOr<ShardHandle> handle = Connect(location, options);
      if (!handle.ok()) {
        set.missing_.push_back(location.Describe() + ": " + handle.status().message());
        continue;
      }
      QUARRY_RETURN_IF_ERROR(CheckSchemaVersion(handle->db, location.Describe()));
      QUARRY_RETURN_IF_ERROR(CheckAgainst(reference, handle->analysis, location.Describe()));
      set.reached_.push_back({location, std::move(handle->db)});
    }
  }
  if (set.reached_.empty()) {
    std::string message = "no shard of the index can be reached";
    for (const std::string& missing : set.missing_) message += "\n  " + missing;
    return IoError(message);
  }
  if (!reference.analysis) return NotFoundError("the index records no analysis settings");
  set.analysis_ = *reference.analysis;
  set.Rebuild();
  return set;
}

bool ShardSet::has_remote() const {
  for (const Opened& shard : reached_) {
    if (shard.location.kind == ShardLocation::Kind::kRemote) return true;
  }
  return false;
}

bool ShardSet::DropUnresponsive() {
  bool changed = false;
  std::vector<Opened> kept;
  for (Opened& shard : reached_) {
    if (shard.location.kind == ShardLocation::Kind::kLocal) {
      kept.push_back(std::move(shard));
      continue;
    }
    // A fresh connection: the old one may hold half a conversation.
    StatusOr<ShardHandle> handle = Connect(shard.location, options_);
    if (handle.ok()) {
      try {
        handle->db.keep_alive();
        kept.push_back({shard.location, std::move(handle->db)});
        continue;
      } catch (const Xapian::Error& e) {
        handle = IoError(e.get_msg());
      }
    }
    missing_.push_back(shard.location.Describe() + ": " + handle.status().message());
    changed = true;
  }
  reached_ = std::move(kept);
  Rebuild();
  return changed;
}

void ShardSet::Rebuild() {
  combined_ = Xapian::Database();
  for (const Opened& shard : reached_) combined_.add_database(shard.db);
}

}  // namespace quarry::searcher

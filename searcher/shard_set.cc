#include "searcher/shard_set.h"

#include <sys/stat.h>

#include <algorithm>
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

ShardSet::FileStamp ShardSet::FileStamp::Of(std::string path) {
  FileStamp stamp;
  stamp.path = std::move(path);
  struct stat st;
  if (::stat(stamp.path.c_str(), &st) != 0) return stamp;
  stamp.exists = true;
  stamp.device = st.st_dev;
  stamp.inode = st.st_ino;
  stamp.size = static_cast<uint64_t>(st.st_size);
  stamp.mtime_ns = schema::ModificationTimeNs(st);
  return stamp;
}

StatusOr<ShardSet> ShardSet::Open(const std::vector<std::string>& db_paths,
                                  const ShardOpenOptions& options) {
  ShardSet set;
  set.options_ = options;
  Reference reference;
  const auto now = std::chrono::steady_clock::now();
  for (const std::string& db_path : db_paths) {
    std::string stub = StubFileOf(db_path);
    if (stub.empty()) {
      // A plain database is the whole index, not one shard among others: a
      // failure to open it is the search's failure.
      QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(db_path));
      QUARRY_ASSIGN_OR_RETURN(AnalysisConfig analysis, ReadAnalysisConfig(db));
      QUARRY_RETURN_IF_ERROR(CheckAgainst(reference, SerializeAnalysisConfig(analysis), db_path));
      set.listed_.push_back(ShardLocation::Local(db_path));
      set.reached_.push_back({set.listed_.back(), std::move(db)});
      continue;
    }
    // Stamped before it is read: a rewrite in between is then noticed at
    // the next search, never missed.
    set.stub_stamps_.push_back(FileStamp::Of(stub));
    QUARRY_ASSIGN_OR_RETURN(std::vector<ShardLocation> locations, ListShards(db_path));
    StatusOr<std::map<std::string, std::string>> copy = ReadSettingsCopy(StubFolderOf(stub));
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
      set.listed_.push_back(location);
      StatusOr<ShardHandle> handle = Connect(location, options);
      if (!handle.ok()) {
        set.missing_.push_back({location, handle.status().message(), now});
        continue;
      }
      QUARRY_RETURN_IF_ERROR(CheckSchemaVersion(handle->db, location.Describe()));
      QUARRY_RETURN_IF_ERROR(CheckAgainst(reference, handle->analysis, location.Describe()));
      set.reached_.push_back({location, std::move(handle->db)});
    }
  }
  if (set.reached_.empty()) {
    std::string message = "no shard of the index can be reached";
    for (const MissingShard& missing : set.missing_) message += "\n  " + missing.Describe();
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
    missing_.push_back({shard.location, handle.status().message(), std::chrono::steady_clock::now()});
    changed = true;
  }
  reached_ = std::move(kept);
  Rebuild();
  return changed;
}

bool ShardSet::BringBack(std::chrono::milliseconds retry_after) {
  const auto now = std::chrono::steady_clock::now();
  bool changed = false;
  std::vector<MissingShard> still_missing;
  for (MissingShard& shard : missing_) {
    if (now - shard.since < retry_after) {
      still_missing.push_back(std::move(shard));
      continue;
    }
    StatusOr<ShardHandle> handle = Connect(shard.location, options_);
    Status usable = handle.status();
    if (handle.ok()) {
      // Checked as at Open, but a shard that disagrees stays out (named in
      // the warnings) rather than failing searches that worked without it.
      Reference reference{analysis_, "the other shards"};
      usable = CheckSchemaVersion(handle->db, shard.location.Describe());
      if (usable.ok()) usable = CheckAgainst(reference, handle->analysis, shard.location.Describe());
    }
    if (!usable.ok()) {
      still_missing.push_back({shard.location, usable.message(), now});
      continue;
    }
    reached_.push_back({shard.location, std::move(handle->db)});
    changed = true;
  }
  missing_ = std::move(still_missing);
  if (changed) {
    SortByListing(reached_);
    Rebuild();
  }
  return changed;
}

ShardSet::Reopened ShardSet::Reopen() {
  const bool moved = combined_.reopen();
  // Stamped after the reopen: a commit in between only makes the next
  // reopen move again, never look like a rewrite.
  std::vector<FileStamp> versions = VersionFileStamps();
  const bool rewritten = !moved && versions != version_stamps_;
  version_stamps_ = std::move(versions);
  if (rewritten) return Reopened::kRewritten;
  return moved ? Reopened::kNewRevision : Reopened::kSame;
}

std::vector<ShardSet::FileStamp> ShardSet::VersionFileStamps() const {
  // Glass (Xapian 1.4's format, the one quarry-index writes) writes its
  // version file anew, by rename, at every commit.
  std::vector<FileStamp> stamps;
  for (const Opened& shard : reached_) {
    if (shard.location.kind != ShardLocation::Kind::kLocal) continue;
    stamps.push_back(FileStamp::Of(shard.location.path + "/iamglass"));
  }
  return stamps;
}

bool ShardSet::StubsChanged() const {
  for (const FileStamp& stamp : stub_stamps_) {
    if (!(FileStamp::Of(stamp.path) == stamp)) return true;
  }
  return false;
}

void ShardSet::SortByListing(std::vector<Opened>& shards) const {
  auto position = [this](const ShardLocation& location) {
    return std::find(listed_.begin(), listed_.end(), location) - listed_.begin();
  };
  std::stable_sort(shards.begin(), shards.end(), [&](const Opened& a, const Opened& b) {
    return position(a.location) < position(b.location);
  });
}

void ShardSet::Rebuild() {
  combined_ = Xapian::Database();
  for (const Opened& shard : reached_) combined_.add_database(shard.db);
  version_stamps_ = VersionFileStamps();
}

}  // namespace quarry::searcher

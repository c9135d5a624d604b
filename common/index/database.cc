#include "common/index/database.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <thread>

#include "common/index/schema.h"
#include "common/index/scratch.h"
#include "common/index/shards.h"

namespace quarry {

namespace {

// "db/" and "db//" name the folder "db": files beside the index
// (PATH.compact-*) must not land inside it.
std::string WithoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

std::string ResolveDatabasePath(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return WithoutTrailingSlashes(*flag);
  if (const char* env = std::getenv("QUARRY_DB"); env && *env) return WithoutTrailingSlashes(env);
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && xdg[0] == '/') {
    return std::string(xdg) + "/quarry/index";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/quarry/index";
  }
  return ".quarry-index";
}

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool DatabaseExists(const std::string& path) {
  if (IsRegularFile(path)) return true;  // a stub file
  for (const char* marker : {"/iamglass", "/iamchert", "/XAPIANDB"}) {
    if (IsRegularFile(path + marker)) return true;
  }
  return false;
}

Status ReadWithReopen(const Xapian::Database& db, const std::string& what,
                      const std::function<void()>& read) {
  // A reader loses its revision when the writer commits twice during one
  // read (a large page while small batches commit quickly). Retrying at
  // once usually succeeds; later retries wait a little longer each time
  // (10, 20, 40 ... ms, about 2.5 s in all) so a burst of commits can pass.
  constexpr int kAttempts = 10;
  // Database handles share their internals: reopening a copy reopens `db`.
  Xapian::Database handle = db;
  for (int attempt = 1;; ++attempt) {
    try {
      read();
      return Status::Ok();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) return DataLossError(what + ": the index kept changing while it was read");
      if (attempt >= 2) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10 << std::min(attempt - 2, 7)));
      }
      try {
        // No newer revision to move to: what looked changed is damaged (or
        // the index was exchanged for a copy at an older revision, which a
        // caller opening it anew, RetryIfSwapped, reads whole).
        if (!handle.reopen()) {
          return DataLossError(what + ": the index is damaged (a block is newer than the "
                                      "index's last commit); quarry-index --check tells more, "
                                      "and quarry-index --rebuild rebuilds it from its folders");
        }
      } catch (const Xapian::Error& reopen_error) {
        return DataLossError(what + ": cannot reopen the index: " + reopen_error.get_description());
      }
    } catch (const Xapian::DatabaseCorruptError& e) {
      return DataLossError(what + ": the index is damaged (" + e.get_msg() +
                           "); quarry-index --check tells more, and quarry-index --rebuild "
                           "rebuilds it from its folders");
    } catch (const Xapian::Error& e) {
      return DataLossError(what + ": " + e.get_description());
    }
  }
}

Status CheckSchemaVersion(const Xapian::Database& db, const std::string& name) {
  std::string version;
  QUARRY_RETURN_IF_ERROR(ReadWithReopen(db, "cannot read index " + name, [&] {
    version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  }));
  if (version.empty()) {
    return FailedPreconditionError(name + " is a Xapian database but not a Quarry index");
  }
  int number = 0;
  const auto [end, error] =
      std::from_chars(version.data(), version.data() + version.size(), number);
  const bool parsed = error == std::errc() && end == version.data() + version.size();
  if (parsed && number >= schema::kOldestReadableSchemaVersion &&
      number <= schema::kSchemaVersion) {
    return Status::Ok();
  }
  const std::string readable = "this build reads versions " +
                               std::to_string(schema::kOldestReadableSchemaVersion) + " to " +
                               std::to_string(schema::kSchemaVersion);
  if (parsed && number > schema::kSchemaVersion) {
    return FailedPreconditionError(name + " was written by a newer Quarry (index schema version " +
                                   version + "; " + readable + "): update quarry-search");
  }
  return FailedPreconditionError(name + " has index schema version " + version + ", " + readable +
                                 "; rebuild it with quarry-index");
}

namespace {

// True when `error` reports the system error `err`: its own, or one of an
// error it wraps ("Modifications failed (... No space left on device)").
bool HasSystemError(const Xapian::Error& error, int err) {
  const char* text = error.get_error_string();
  if (text != nullptr && std::string_view(text) == std::strerror(err)) return true;
  return error.get_description().find(std::strerror(err)) != std::string::npos;
}

}  // namespace

Status XapianWriteError(const std::string& context, const Xapian::Error& error) {
  if (HasSystemError(error, ENOSPC) || HasSystemError(error, EDQUOT)) {
    return NoSpaceError(context + ": the disk is full (" + error.get_description() + ")");
  }
  return IoError(context + ": " + error.get_description());
}

Status DamagedIndexError(const std::string& path, const std::string& detail) {
  return DataLossError("the index at " + path + " is damaged (" + detail +
                       "); 'quarry-index --db " + path + " --check' tells more, and "
                       "'quarry-index --db " + path + " --rebuild' rebuilds it from its "
                       "folders, keeping the damaged copy aside");
}

Status XapianReadError(const std::string& path, const Xapian::Error& error) {
  if (HasSystemError(error, EACCES) || HasSystemError(error, EPERM)) {
    return PermissionDeniedError("cannot open index " + path + ": " + error.get_msg() +
                                 " (an index is private to its owner unless made with "
                                 "--access group or public)");
  }
  // Xapian's errors are not polymorphic: their type is told by name.
  const std::string_view type = error.get_type();
  // A revision "discarded" at open time, every time: damage (RetryIfSwapped
  // has tried again).
  if (type == "DatabaseCorruptError" || type == "DatabaseOpeningError" || type == "DatabaseError" ||
      type == "DatabaseVersionError" || type == "DatabaseModifiedError") {
    return DamagedIndexError(path, error.get_msg());
  }
  return DataLossError("cannot read index " + path + ": " + error.get_description());
}

StatusOr<Xapian::Database> OpenDatabaseForReading(const std::string& path) {
  if (!DatabaseExists(path)) {
    IndexPathInfo info = InspectIndexPath(path);
    if (info.place == IndexPlace::kNothing || info.place == IndexPlace::kEmptyFolder) {
      return NotFoundError("no index at " + path + "; create it with: quarry-index --db " + path +
                           " FOLDER...");
    }
    if (info.place == IndexPlace::kDamagedDatabase) return DamagedIndexError(path, info.description);
    return NotFoundError("no index at " + path + ": it is " + info.description +
                         "; give --db the path of an index (quarry-index --status shows it)");
  }
  try {
    Xapian::Database db(path);
    QUARRY_RETURN_IF_ERROR(CheckSchemaVersion(db, path));
    return db;
  } catch (const Xapian::Error& e) {
    return XapianReadError(path, e);
  }
}

namespace {

namespace fs = std::filesystem;

StatusOr<Xapian::WritableDatabase> TryOpenForWriting(const std::string& path, int flags) {
  try {
    return Xapian::WritableDatabase(path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    return LockedError("index " + path + " is locked by another quarry-index");
  } catch (const Xapian::Error& e) {
    if (HasSystemError(e, ENOSPC) || HasSystemError(e, EDQUOT)) {
      return XapianWriteError("cannot open index " + path + " for writing", e);
    }
    return XapianReadError(path, e);
  }
}

// Makes the empty index at `temp`: one database, or a sharded folder.
Status MakeEmptyIndex(const std::string& temp, const AnalysisConfig& settings, size_t shard_count) {
  std::vector<std::string> paths{temp};
  if (shard_count > 1) {
    paths.clear();
    std::vector<ShardLocation> locations;
    for (size_t i = 0; i < shard_count; ++i) {
      paths.push_back(ShardPath(temp, i));
      locations.push_back(ShardLocation::Local(paths.back()));
    }
    QUARRY_RETURN_IF_ERROR(WriteSettingsCopy(temp, SettingsCopyEntries(settings)));
    QUARRY_RETURN_IF_ERROR(WriteStub(temp, locations));
  }
  for (const std::string& db_path : paths) {
    QUARRY_ASSIGN_OR_RETURN(Xapian::WritableDatabase db,
                            TryOpenForWriting(db_path, Xapian::DB_CREATE_OR_OVERWRITE));
    QUARRY_RETURN_IF_ERROR(WriteIndexSettings(db, settings));
    try {
      db.commit();
      db.close();
    } catch (const Xapian::Error& e) {
      return XapianWriteError("cannot create index " + db_path, e);
    }
  }
  return Status::Ok();
}

}  // namespace

Status CreateIndexAtomically(const std::string& path, const AnalysisConfig& settings,
                             size_t shard_count, std::optional<IndexAccess> access) {
  const std::string temp = ScratchPath(path, ScratchKind::kNew);
  (void)RemoveScratch(path, temp);
  QUARRY_RETURN_IF_ERROR(CreateScratchFolder(temp));
  Status made = MakeEmptyIndex(temp, settings, shard_count);
  if (made.ok()) made = ApplyAccess(temp, access.value_or(IndexAccess::kPrivate));
  if (!made.ok()) {
    (void)RemoveScratch(path, temp);
    return made.WithContext("cannot create index " + path);
  }
  // rename(2) is atomic, replaces an empty folder, and fails when `path`
  // has meanwhile become something else (another indexer won the race):
  // then the caller opens what is there.
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    (void)RemoveScratch(path, temp);
    if (!DatabaseExists(path)) {
      return IoError("cannot put the new index at " + path + ": " + std::strerror(error));
    }
    return Status::Ok();
  }
  UnmarkScratch(path);  // an index is not scratch (a rebuild marks its own)
  return Status::Ok();
}

StatusOr<Xapian::WritableDatabase> OpenDatabaseForWriting(const std::string& path,
                                                          CreateMode mode,
                                                          const AnalysisConfig& settings,
                                                          const LockWait& wait) {
  if (!DatabaseExists(path)) {
    if (mode != CreateMode::kCreateIfMissing) return OpenDatabaseForReading(path).status();
    QUARRY_RETURN_IF_ERROR(CheckIndexPlace(path));
    QUARRY_RETURN_IF_ERROR(CreateIndexAtomically(path, settings, 1, std::nullopt));
  }
  // Never DB_CREATE: Xapian would make a database inside whatever folder is
  // there, beside the user's files.
  const int flags = Xapian::DB_OPEN;
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  for (;;) {
    StatusOr<Xapian::WritableDatabase> db = TryOpenForWriting(path, flags);
    if (db.ok() || db.status().code() != StatusCode::kLocked) return db;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline || (wait.give_up && wait.give_up())) {
      if (wait.timeout.count() == 0) return db;
      char waited[64];
      std::snprintf(waited, sizeof waited, " (still, after waiting %g s)",
                    static_cast<double>(wait.timeout.count()) / 1000.0);
      return LockedError(db.status().message() + waited);
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(100), deadline - now));
  }
}

StatusOr<AnalysisConfig> ReadAnalysisConfig(const Xapian::Database& db, VersionCheck check) {
  std::string text;
  QUARRY_RETURN_IF_ERROR(ReadWithReopen(db, "cannot read analysis settings", [&] {
    text = db.get_metadata(std::string(schema::kAnalysisKey));
  }));
  if (text.empty()) return NotFoundError("the index records no analysis settings");
  if (check == VersionCheck::kAnyVersion) return ParseAnalysisSettingsOfAnyVersion(text);
  return ParseAnalysisConfig(text);
}

Status WriteIndexSettings(Xapian::WritableDatabase& db, const AnalysisConfig& config) {
  try {
    db.set_metadata(std::string(schema::kSchemaVersionKey),
                    std::to_string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kAnalysisKey), SerializeAnalysisConfig(config));
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError("cannot record index settings", e);
  }
}

std::vector<std::string> ReadRoots(const Xapian::Database& db) {
  std::vector<std::string> roots;
  std::istringstream lines(db.get_metadata(std::string(schema::kRootsKey)));
  for (std::string root; std::getline(lines, root);) {
    if (!root.empty()) roots.push_back(root);
  }
  return roots;
}

StatusOr<IndexSummary> SummarizeIndex(const std::string& path) {
  QUARRY_ASSIGN_OR_RETURN(Xapian::Database db, OpenDatabaseForReading(path));
  IndexSummary summary;
  summary.path = path;
  QUARRY_ASSIGN_OR_RETURN(summary.analysis, ReadAnalysisConfig(db));
  try {
    summary.documents = db.get_doccount();
    summary.roots = ReadRoots(db);
    const std::string prefix(schema::kSkippedKeyPrefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
      ++summary.skipped_files;
    }
    summary.last_run = DecodeLastRun(db.get_metadata(std::string(schema::kLastRunKey)));
    summary.schema_version = db.get_metadata(std::string(schema::kSchemaVersionKey));
    summary.store_text = db.get_metadata(std::string(schema::kStoreTextKey)) == "yes";
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read index " + path + ": " + e.get_description());
  }
  return summary;
}

}  // namespace quarry

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
        handle.reopen();
      } catch (const Xapian::Error& e) {
        return DataLossError(what + ": cannot reopen the index: " + e.get_description());
      }
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

StatusOr<Xapian::Database> OpenDatabaseForReading(const std::string& path) {
  if (!DatabaseExists(path)) {
    return NotFoundError("no index at " + path +
                         "; create it with: quarry-index --db " + path + " FOLDER...");
  }
  try {
    Xapian::Database db(path);
    QUARRY_RETURN_IF_ERROR(CheckSchemaVersion(db, path));
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    return DataLossError("cannot open index " + path + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read index " + path + ": " + e.get_description());
  }
}

namespace {

namespace fs = std::filesystem;

StatusOr<Xapian::WritableDatabase> TryOpenForWriting(const std::string& path, int flags) {
  try {
    return Xapian::WritableDatabase(path, flags);
  } catch (const Xapian::DatabaseLockError& e) {
    return LockedError("index " + path + " is locked by another quarry-index");
  } catch (const Xapian::DatabaseOpeningError& e) {
    return IoError("cannot open index " + path + " for writing: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + path + " for writing: " + e.get_description());
  }
}

// Builds an empty index with `settings` beside `path` and renames it into
// place. rename(2) is atomic, and it fails when `path` has meanwhile become
// a non-empty folder (another indexer won the race): then the caller simply
// opens what is there.
Status CreateAtomically(const std::string& path, const AnalysisConfig& settings) {
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string temp = path + ".new-" + std::to_string(::getpid());
  fs::remove_all(temp, ec);
  {
    QUARRY_ASSIGN_OR_RETURN(Xapian::WritableDatabase db,
                            TryOpenForWriting(temp, Xapian::DB_CREATE_OR_OVERWRITE));
    QUARRY_RETURN_IF_ERROR(WriteIndexSettings(db, settings));
    try {
      db.commit();
      db.close();
    } catch (const Xapian::Error& e) {
      fs::remove_all(temp, ec);
      return IoError("cannot create index " + path + ": " + e.get_description());
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) fs::remove_all(temp, ec);
  return Status::Ok();
}

}  // namespace

namespace {

// Every folder a run puts beside the index is named PATH.compact-...: the
// compacted copy, the parts, the exchange probe. RemoveCompactionLeftovers
// finds what killed runs left by this mark.
constexpr std::string_view kScratchMark = ".compact-";

// A scratch folder of this process beside `path`: PATH.compact-PID plus
// `suffix`.
std::string ScratchPath(const std::string& path, std::string_view suffix = {}) {
  return path + std::string(kScratchMark) + std::to_string(::getpid()) + std::string(suffix);
}

std::string LeftoverPrefix(const std::string& path) {
  return fs::path(path).filename().string() + std::string(kScratchMark);
}

// RemoveCompactionLeftovers, sparing the folders `keep`.
void RemoveLeftoversExcept(const std::string& path, const std::vector<std::string>& keep) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  const std::string prefix = LeftoverPrefix(path);
  for (const auto& entry : fs::directory_iterator(parent.empty() ? fs::path(".") : parent, ec)) {
    if (!entry.path().filename().string().starts_with(prefix)) continue;
    bool kept = std::any_of(keep.begin(), keep.end(), [&](const std::string& part) {
      return fs::equivalent(entry.path(), part, ec);
    });
    if (!kept) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

void RemoveCompactionLeftovers(const std::string& path) { RemoveLeftoversExcept(path, {}); }

std::string PartDatabasePath(const std::string& path, size_t part) {
  return ScratchPath(path, ".part" + std::to_string(part));
}

bool CanExchangeBeside(const std::string& path) {
  std::error_code ec;
  const std::string a = ScratchPath(path, ".probe-a");
  const std::string b = ScratchPath(path, ".probe-b");
  bool exchanged = fs::create_directories(a, ec) && fs::create_directories(b, ec) &&
                   ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
  fs::remove_all(a, ec);
  fs::remove_all(b, ec);
  return exchanged;
}

Status CopyDocumentsInto(const std::string& source, Xapian::WritableDatabase& target) {
  try {
    Xapian::Database from(source);
    for (auto it = from.postlist_begin(""); it != from.postlist_end(""); ++it) {
      target.add_document(from.get_document(*it));
    }
    for (auto key = from.metadata_keys_begin(); key != from.metadata_keys_end(); ++key) {
      target.set_metadata(*key, from.get_metadata(*key));
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return IoError("cannot copy " + source + " into the index: " + e.get_description());
  }
}

StatusOr<Xapian::WritableDatabase> CreatePartDatabase(const std::string& path, size_t part) {
  const std::string part_path = PartDatabasePath(path, part);
  try {
    // A part is scratch: merged when whole, removed otherwise, so its
    // commits need not wait for the disk (the merged index is synced).
    return Xapian::WritableDatabase(
        part_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
  } catch (const Xapian::Error& e) {
    return IoError("cannot create " + part_path + ": " + e.get_description());
  }
}

StatusOr<std::string> CompactInPlace(const std::string& path, const std::vector<std::string>& parts) {
  std::error_code ec;
  RemoveLeftoversExcept(path, parts);
  const std::string temp = ScratchPath(path);
  try {
    Xapian::Database all(path);
    for (const std::string& part : parts) all.add_database(Xapian::Database(part));
    all.compact(temp);
  } catch (const Xapian::Error& e) {
    fs::remove_all(temp, ec);
    return IoError("cannot compact index " + path + ": " + e.get_description());
  }
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
    std::string reason = std::strerror(errno);
    fs::remove_all(temp, ec);
    return IoError("cannot put the compacted index in place of " + path + ": " + reason);
  }
  return temp;
}

StatusOr<Xapian::WritableDatabase> OpenDatabaseForWriting(const std::string& path,
                                                          CreateMode mode,
                                                          const AnalysisConfig& settings,
                                                          const LockWait& wait) {
  int flags = Xapian::DB_OPEN;
  if (mode == CreateMode::kOverwrite) {
    // Glass replaces the old content only at the first commit, so a crash
    // before it leaves the old index whole.
    flags = Xapian::DB_CREATE_OR_OVERWRITE;
  } else if (mode == CreateMode::kCreateIfMissing) {
    if (!DatabaseExists(path)) QUARRY_RETURN_IF_ERROR(CreateAtomically(path, settings));
    flags = Xapian::DB_CREATE_OR_OPEN;
  }
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
    return IoError("cannot record index settings: " + e.get_description());
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

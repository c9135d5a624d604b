#include "common/index/index_check.h"

#include <sstream>

#include "common/index/index_folder.h"
#include "common/index/shards.h"

namespace quarry {

namespace {

// The last line Xapian's check printed before it gave up: it says which
// table and block.
std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  size_t newline = trimmed.rfind('\n');
  return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

void CheckOneDatabase(const std::string& path, IndexCheck& check) {
  check.databases.push_back(path);
  std::ostringstream out;
  try {
    size_t errors = Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE, &out);
    if (errors > 0) {
      check.problems.push_back(path + ": " + std::to_string(errors) + " error" +
                               (errors == 1 ? "" : "s") + " (" + LastLine(out.str()) + ")");
    }
  } catch (const Xapian::Error& e) {
    check.problems.push_back(path + ": " + e.get_msg());
  }
}

}  // namespace

StatusOr<IndexCheck> CheckIndex(const std::string& path, const LockWait& wait) {
  IndexPathInfo info = InspectIndexPath(path);
  IndexCheck check;
  if (info.place == IndexPlace::kDamagedDatabase) {
    check.databases.push_back(path);
    check.problems.push_back(path + ": " + info.description);
    return check;
  }
  if (!DatabaseExists(path)) return OpenDatabaseForReading(path).status();
  // Another program's database is not Quarry's to judge (nor to rebuild).
  StatusOr<Xapian::Database> opened = OpenDatabaseForReading(path);
  if (!opened.ok() && opened.status().code() == StatusCode::kFailedPrecondition) {
    return opened.status();
  }
  QUARRY_ASSIGN_OR_RETURN(size_t shard_count, CountLocalShards(path));
  StatusOr<std::vector<Xapian::WritableDatabase>> lock = LockIndex(path, shard_count, wait);
  if (!lock.ok() && lock.status().code() == StatusCode::kLocked) return lock.status();
  for (const std::string& database : LocalDatabasePaths(path, shard_count)) {
    CheckOneDatabase(database, check);
  }
  // Quarry's own: the schema and settings every search needs.
  StatusOr<Xapian::Database> db = OpenDatabaseForReading(path);
  if (!db.ok()) {
    // Xapian's check named the damage already, if that is why.
    if (check.problems.empty()) check.problems.push_back(db.status().message());
    return check;
  }
  StatusOr<AnalysisConfig> analysis = ReadAnalysisConfig(*db);
  if (!analysis.ok()) check.problems.push_back(path + ": " + analysis.status().message());
  try {
    check.documents = db->get_doccount();
  } catch (const Xapian::Error& e) {
    check.problems.push_back(path + ": " + e.get_msg());
  }
  return check;
}

}  // namespace quarry

#include "common/index/compaction.h"

#include <dirent.h>
#include <sys/stat.h>

#include <charconv>
#include <cstdio>

#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/schema.h"
#include "common/index/scratch.h"

namespace quarry {

namespace {

std::string EncodeCompactionRecord(const CompactionRecord& record) {
  return "bytes=" + std::to_string(record.bytes) + " documents=" + std::to_string(record.documents);
}

// Records in the freshly compacted database at `path` its own size and
// document count (the record adds a block or two, not counted).
Status RecordCompaction(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    CompactionRecord record{DatabaseBytes(path), db.get_doccount()};
    db.set_metadata(std::string(schema::kCompactedKey), EncodeCompactionRecord(record));
    db.commit();
    db.close();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError("cannot record the compaction of " + path, e);
  }
}

}  // namespace

std::optional<CompactionRecord> ReadCompactionRecord(const Xapian::Database& db) {
  std::string text;
  try {
    text = db.get_metadata(std::string(schema::kCompactedKey));
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
  CompactionRecord record;
  unsigned long long bytes = 0, documents = 0;
  if (std::sscanf(text.c_str(), "bytes=%llu documents=%llu", &bytes, &documents) != 2) {
    return std::nullopt;
  }
  record.bytes = bytes;
  record.documents = documents;
  return record;
}

uint64_t DatabaseBytes(const std::string& path) {
  uint64_t total = 0;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return 0;
  while (const dirent* entry = ::readdir(dir)) {
    struct stat st;
    const std::string file = path + "/" + entry->d_name;
    if (::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total += static_cast<uint64_t>(st.st_size);
  }
  ::closedir(dir);
  return total;
}

std::optional<Growth> MeasureGrowth(const std::string& path, const Xapian::Database& db) {
  std::optional<CompactionRecord> record = ReadCompactionRecord(db);
  if (!record || record->documents == 0) return std::nullopt;
  Growth growth;
  growth.bytes = DatabaseBytes(path);
  uint64_t documents = 0;
  try {
    documents = db.get_doccount();
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
  growth.compact_bytes = static_cast<uint64_t>(static_cast<double>(record->bytes) *
                                               static_cast<double>(documents) /
                                               static_cast<double>(record->documents));
  return growth;
}

StatusOr<std::string> CompactAndExchange(const std::vector<std::string>& sources,
                                         const std::string& index_path) {
  const std::string temp = ScratchPath(index_path, ScratchKind::kCompact);
  (void)RemoveScratch(index_path, temp);
  // Private from the start: the copy holds the index's text before it gets
  // the index's own access.
  QUARRY_RETURN_IF_ERROR(CreateIndexFolder(temp, IndexAccess::kPrivate));
  try {
    Xapian::Database all;
    for (const std::string& source : sources) all.add_database(Xapian::Database(source));
    all.compact(temp);
  } catch (const Xapian::Error& e) {
    (void)RemoveScratch(index_path, temp);
    return XapianWriteError("cannot compact index " + index_path, e);
  }
  Status exchanged = RecordCompaction(temp);
  if (exchanged.ok()) exchanged = CopyFolderAccess(index_path, temp);
  if (exchanged.ok()) exchanged = ExchangeFolders(temp, index_path);
  if (!exchanged.ok()) {
    (void)RemoveScratch(index_path, temp);
    return IoError("cannot put the compacted index in place of " + index_path + ": " +
                   exchanged.message());
  }
  return temp;
}

StatusOr<std::string> CompactInPlace(const std::string& path, const std::vector<std::string>& parts) {
  std::vector<std::string> sources{path};
  sources.insert(sources.end(), parts.begin(), parts.end());
  return CompactAndExchange(sources, path);
}

std::string PartDatabasePath(const std::string& index_path, size_t part) {
  return ScratchPath(index_path, ScratchKind::kPart, part);
}

StatusOr<Xapian::WritableDatabase> CreatePartDatabase(const std::string& index_path, size_t part) {
  const std::string part_path = PartDatabasePath(index_path, part);
  (void)RemoveScratch(index_path, part_path);
  QUARRY_RETURN_IF_ERROR(CreateIndexFolder(part_path, IndexAccess::kPrivate));
  try {
    return Xapian::WritableDatabase(
        part_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
  } catch (const Xapian::Error& e) {
    return XapianWriteError("cannot create " + part_path, e);
  }
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
    return XapianWriteError("cannot copy " + source + " into the index", e);
  }
}

}  // namespace quarry

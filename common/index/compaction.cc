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
// document count (the record adds a block or two, not counted) and
// `metadata`, and returns it open for writing, committed: locked until the
// caller closes it.
StatusOr<Xapian::WritableDatabase> RecordCompaction(
    const std::string& path, const std::map<std::string, std::string>& metadata) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    CompactionRecord record{DatabaseBytes(path), db.get_doccount()};
    db.set_metadata(std::string(schema::kCompactedKey), EncodeCompactionRecord(record));
    for (const auto& [key, value] : metadata) db.set_metadata(key, value);
    db.commit();
    return db;
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

StatusOr<Exchanged> ExchangeInto(const std::string& ready, Xapian::WritableDatabase lock,
                                 const std::string& index_path, OldCopy old,
                                 std::optional<IndexAccess> access) {
  Status done = access ? ApplyAccess(ready, *access) : CopyFolderAccess(index_path, ready);
  // The old index is marked (or unmarked) where it is, before it moves.
  if (done.ok() && old == OldCopy::kRemovable) done = MarkAsScratch(index_path);
  if (old == OldCopy::kKept) UnmarkScratch(index_path);
  if (done.ok()) done = ExchangeFolders(ready, index_path);
  if (!done.ok()) return done;
  // The index in place is never marked: a copy a user makes of it (cp -a
  // idx idx.rebuild) must not look like Quarry's scratch.
  UnmarkScratch(index_path);
  return Exchanged{ready, std::move(lock)};
}

StatusOr<Exchanged> CompactAndExchange(const std::vector<std::string>& sources,
                                       const std::string& index_path, OldCopy old,
                                       std::optional<IndexAccess> access,
                                       const std::map<std::string, std::string>& metadata) {
  const std::string temp = ScratchPath(index_path, ScratchKind::kCompact);
  (void)RemoveScratch(index_path, temp);
  // Private (and marked) from the start: the copy holds the index's text
  // before it gets the index's own access.
  QUARRY_RETURN_IF_ERROR(CreateScratchFolder(temp));
  try {
    Xapian::Database all;
    for (const std::string& source : sources) all.add_database(Xapian::Database(source));
    all.compact(temp);
  } catch (const Xapian::Error& e) {
    (void)RemoveScratch(index_path, temp);
    const std::string_view type = e.get_type();
    if (type == "DatabaseCorruptError" || type == "DatabaseModifiedError") {
      return DataLossError("cannot compact index " + index_path + ": " + e.get_description());
    }
    return XapianWriteError("cannot compact index " + index_path, e);
  }
  StatusOr<Xapian::WritableDatabase> writer = RecordCompaction(temp, metadata);
  StatusOr<Exchanged> exchanged =
      writer.ok() ? ExchangeInto(temp, *std::move(writer), index_path, old, access)
                  : StatusOr<Exchanged>(writer.status());
  if (!exchanged.ok()) {
    (void)RemoveScratch(index_path, temp);
    return Status(exchanged.status().code(), "cannot put the compacted index in place of " +
                                                 index_path + ": " + exchanged.status().message());
  }
  return exchanged;
}

StatusOr<Exchanged> CompactInPlace(const std::string& path, const std::vector<std::string>& parts,
                                   const std::map<std::string, std::string>& metadata) {
  std::vector<std::string> sources{path};
  sources.insert(sources.end(), parts.begin(), parts.end());
  return CompactAndExchange(sources, path, OldCopy::kRemovable, std::nullopt, metadata);
}

std::string PartDatabasePath(const std::string& index_path, size_t part) {
  return ScratchPath(index_path, ScratchKind::kPart, part);
}

StatusOr<Xapian::WritableDatabase> CreatePartDatabase(const std::string& index_path, size_t part) {
  const std::string part_path = PartDatabasePath(index_path, part);
  (void)RemoveScratch(index_path, part_path);
  QUARRY_RETURN_IF_ERROR(CreateScratchFolder(part_path));
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

Status MergeDocumentsInto(const std::string& source, Xapian::WritableDatabase& target) {
  Xapian::Database from;
  try {
    from = Xapian::Database(source);
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read " + source + ": " + e.get_description());
  }
  const std::string prefix(schema::kUniqueIdPrefix);
  try {
    for (auto it = from.postlist_begin(""); it != from.postlist_end(""); ++it) {
      Xapian::Document document = from.get_document(*it);
      auto term = document.termlist_begin();
      term.skip_to(prefix);
      if (term != document.termlist_end() && (*term).starts_with(prefix)) {
        target.replace_document(*term, document);
      } else {
        target.add_document(document);
      }
    }
    for (auto key = from.metadata_keys_begin(); key != from.metadata_keys_end(); ++key) {
      target.set_metadata(*key, from.get_metadata(*key));
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    if (std::string_view(e.get_type()) == "DatabaseCorruptError") {
      return DataLossError("cannot read " + source + ": " + e.get_description());
    }
    return XapianWriteError("cannot merge " + source + " into the index", e);
  }
}

}  // namespace quarry

#include "common/index/compaction.h"

#include "common/index/database.h"
#include "common/index/index_folder.h"
#include "common/index/scratch.h"

namespace quarry {

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
  Status exchanged = CopyFolderAccess(index_path, temp);
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

// File: indexer/index_writer.h
// Stage 4 of the index flow: extracted documents -> Xapian documents through
// the shared Analyzer and the schema; replace by unique term, delete, commit.
// The only place in the indexer that writes to the database.
#ifndef QUARRY_INDEXER_INDEX_WRITER_H_
#define QUARRY_INDEXER_INDEX_WRITER_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "common/status.h"
#include "common/text/analyzer.h"
#include "indexer/corpus/change_detector.h"
#include "indexer/corpus/walker.h"
#include "indexer/extract/extractor.h"

namespace quarry::indexer {

// Builds the Xapian document of `doc`, a document of the file `entry`:
// unstemmed terms with positions (title words first, then body words),
// Z-prefixed stems, S-prefixed title terms, each declared text field's
// terms under its prefix (also unprefixed, after the body; kTextFields),
// the unique-id, path and extension terms, the value slots (kDateSlot: the
// document's own date, else the file's time) and the document data (the
// shown and declared fields, the stored text).
Xapian::Document BuildDocument(Analyzer& analyzer, const CorpusEntry& entry,
                               uint64_t signature, const ExtractedDocument& doc);

// A document ready to store, keyed by its unique-id term.
struct BuiltDocument {
  std::string unique_term;
  Xapian::Document document;
};

// BuildDocument for each document of the file `entry`. Touches no database:
// safe to run on several threads at once, each with its own Analyzer.
std::vector<BuiltDocument> BuildDocuments(Analyzer& analyzer, const CorpusEntry& entry,
                                          uint64_t signature,
                                          const std::vector<ExtractedDocument>& docs);

// Reads what `db` holds about each indexed file from its value slots.
StatusOr<IndexSnapshot> LoadSnapshot(const Xapian::Database& db);

class IndexWriter {
 public:
  IndexWriter(Xapian::WritableDatabase db, Analyzer analyzer);
  // Writes to shards: the documents of each file go to shard
  // ShardOf(UniqueIdTerm(path)), so a rewrite replaces them in place;
  // metadata (roots, skipped files, last run) goes to the first shard,
  // where readers of the combined database find it. REQUIRES: !shards.empty().
  IndexWriter(std::vector<Xapian::WritableDatabase> shards, Analyzer analyzer);

  // Replaces the documents of the file `entry` with `docs`, and deletes
  // documents of `previous` (may be nullptr) that `docs` no longer contains.
  Status Write(const CorpusEntry& entry, uint64_t signature,
               const std::vector<ExtractedDocument>& docs, const IndexedFile* previous);
  // The same with documents already built (by BuildDocuments).
  Status Write(const CorpusEntry& entry, const std::vector<BuiltDocument>& docs,
               const IndexedFile* previous);

  // Records a new modification time for a file whose content signature did
  // not change, without re-analyzing it.
  Status Touch(const CorpusEntry& entry, const IndexedFile& previous);

  // Deletes every document of `indexed` (or forgets that it was skipped).
  Status Remove(const IndexedFile& indexed);

  // Remembers that `entry` was seen and skipped for `reason`, and deletes the
  // documents of `previous` (may be nullptr), which the file no longer has.
  Status RecordSkipped(const CorpusEntry& entry, const std::string& reason,
                       const IndexedFile* previous);

  Status SetMetadata(const std::string& key, const std::string& value);

  // Commits all pending changes, the first shard's last (so its record of
  // the run never gets ahead of the documents). IoError when Xapian cannot.
  Status Commit();

  // The database holding the metadata (the first shard).
  Xapian::WritableDatabase& database() { return db_; }

  // Closes every shard, releasing the write lock; nothing may be written
  // after. Uncommitted changes are lost.
  void Close();

 private:
  // The shard holding the documents of the file at `path`.
  Xapian::WritableDatabase& ShardFor(const std::string& path);

  Xapian::WritableDatabase db_;
  std::vector<Xapian::WritableDatabase> shards_;  // shards_[0] is db_
  Analyzer analyzer_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_INDEX_WRITER_H_

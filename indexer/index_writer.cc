#include "indexer/index_writer.h"

#include "common/index/database.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "common/index/document_fields.h"
#include "common/index/schema.h"
#include "common/index/shards.h"
#include "common/index/stored_text.h"
#include "common/index/term_builder.h"
#include "common/text/utf8.h"

namespace quarry::indexer {

namespace {

// Title words count this many times more than body words: a title is the
// document's own summary of itself.
constexpr Xapian::termcount kTitleWdfBoost = 3;

}  // namespace

Xapian::Document BuildDocument(Analyzer& analyzer, const CorpusEntry& entry,
                               uint64_t signature, const ExtractedDocument& doc) {
  Xapian::Document xdoc;
  uint32_t next = IndexText(analyzer, xdoc, doc.title, 1, {schema::kTitlePrefix, kTitleWdfBoost});
  next = IndexText(analyzer, xdoc, doc.body, next + schema::kBodyPositionGap, {});
  // Declared fields come after the body, each a gap apart, so that phrases
  // never join words of two fields.
  for (const TextField& field : kTextFields) {
    next = IndexText(analyzer, xdoc, doc.fields.*field.value, next + schema::kBodyPositionGap,
                     {field.prefix});
  }

  xdoc.add_boolean_term(schema::UniqueIdTerm(entry.path, doc.record_id));
  for (const std::string& term : schema::PathTerms(entry.path)) xdoc.add_boolean_term(term);
  if (auto ext = schema::ExtensionTerm(entry.path)) xdoc.add_boolean_term(*ext);

  xdoc.add_value(schema::kMtimeSlot, schema::EncodeTime(entry.mtime_ns));
  xdoc.add_value(schema::kSizeSlot, schema::EncodeUint64(entry.size));
  xdoc.add_value(schema::kSignatureSlot, schema::EncodeUint64(signature));
  xdoc.add_value(schema::kPathSlot, entry.path);
  xdoc.add_value(schema::kTitleSlot, doc.title);
  xdoc.add_value(schema::kEncodingSlot, doc.encoding);
  if (!doc.record_id.empty()) xdoc.add_value(schema::kRecordSlot, doc.record_id);
  xdoc.add_value(schema::kDateSlot,
                 schema::EncodeTime(doc.fields.date ? schema::SecondsToNs(*doc.fields.date)
                                                    : entry.mtime_ns));
  const ShownFields shown{entry.path,     doc.title,  doc.record_id,
                          entry.mtime_ns, entry.size, doc.fields};
  // An empty text needs neither a copy nor a marker.
  if (doc.text_in_file && !doc.body.empty()) {
    xdoc.set_data(DocumentData(shown, FileTextData(*doc.text_in_file)));
  } else {
    xdoc.set_data(
        DocumentData(shown, EncodeStoredText(TruncateUtf8(doc.body, schema::kMaxStoredTextBytes))));
  }
  return xdoc;
}

std::vector<BuiltDocument> BuildDocuments(Analyzer& analyzer, const CorpusEntry& entry,
                                          uint64_t signature,
                                          const std::vector<ExtractedDocument>& docs) {
  std::vector<BuiltDocument> built;
  built.reserve(docs.size());
  for (const ExtractedDocument& doc : docs) {
    built.push_back({schema::UniqueIdTerm(entry.path, doc.record_id),
                     BuildDocument(analyzer, entry, signature, doc)});
  }
  return built;
}

StatusOr<IndexSnapshot> LoadSnapshot(const Xapian::Database& db) {
  try {
    // Value streams are read in docid order without fetching documents,
    // which keeps a no-change rerun at a stat per file.
    struct Row {
      std::string path, record;
      int64_t mtime = 0;
      uint64_t size = 0, signature = 0;
    };
    std::map<Xapian::docid, Row> rows;
    for (auto it = db.valuestream_begin(schema::kPathSlot); it != db.valuestream_end(schema::kPathSlot); ++it) {
      rows[it.get_docid()].path = *it;
    }
    auto read_slot = [&](Xapian::valueno slot, auto&& assign) {
      for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        auto row = rows.find(it.get_docid());
        if (row != rows.end()) assign(row->second, *it);
      }
    };
    read_slot(schema::kMtimeSlot, [](Row& r, const std::string& v) { r.mtime = schema::DecodeTime(v); });
    read_slot(schema::kSizeSlot, [](Row& r, const std::string& v) { r.size = schema::DecodeUint64(v); });
    read_slot(schema::kSignatureSlot, [](Row& r, const std::string& v) { r.signature = schema::DecodeUint64(v); });
    read_slot(schema::kRecordSlot, [](Row& r, const std::string& v) { r.record = v; });

    IndexSnapshot snapshot;
    snapshot.reserve(rows.size());
    for (auto& [docid, row] : rows) {
      IndexedFile& file = snapshot[row.path];
      if (file.path.empty()) {
        file.path = row.path;
        file.mtime_ns = row.mtime;
        file.size = row.size;
        file.signature = row.signature;
      } else {
        // Records of one file may have been written by different runs; the
        // oldest time makes the file look changed, which is the safe side.
        file.mtime_ns = std::min(file.mtime_ns, row.mtime);
      }
      file.unique_terms.push_back(schema::UniqueIdTerm(row.path, row.record));
    }
    const std::string prefix(schema::kSkippedKeyPrefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
      IndexedFile file;
      if (!schema::DecodeSkipped(db.get_metadata(*it), &file.path, &file.mtime_ns, &file.size,
                                 &file.skip_reason)) {
        continue;
      }
      if (snapshot.count(file.path)) continue;  // indexed after all
      std::string path = file.path;
      snapshot.emplace(std::move(path), std::move(file));
    }
    return snapshot;
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read the index: " + e.get_description());
  }
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, Analyzer analyzer)
    : IndexWriter(std::vector<Xapian::WritableDatabase>{std::move(db)}, std::move(analyzer)) {}

IndexWriter::IndexWriter(std::vector<Xapian::WritableDatabase> shards, Analyzer analyzer)
    : db_(shards.front()), shards_(std::move(shards)), analyzer_(std::move(analyzer)) {}

Xapian::WritableDatabase& IndexWriter::ShardFor(const std::string& path) {
  if (shards_.size() == 1) return db_;
  return shards_[ShardOf(schema::UniqueIdTerm(path), shards_.size())];
}

Status IndexWriter::Write(const CorpusEntry& entry, uint64_t signature,
                          const std::vector<ExtractedDocument>& docs,
                          const IndexedFile* previous) {
  return Write(entry, BuildDocuments(analyzer_, entry, signature, docs), previous);
}

Status IndexWriter::Write(const CorpusEntry& entry, const std::vector<BuiltDocument>& docs,
                          const IndexedFile* previous) {
  try {
    Xapian::WritableDatabase& shard = ShardFor(entry.path);
    std::unordered_set<std::string_view> written;
    for (const BuiltDocument& doc : docs) {
      shard.replace_document(doc.unique_term, doc.document);
      written.insert(doc.unique_term);
    }
    if (previous != nullptr) {
      for (const std::string& id : previous->unique_terms) {
        if (!written.count(id)) shard.delete_document(id);
      }
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError(entry.path + ": cannot write to the index", e);
  }
}

Status IndexWriter::Touch(const CorpusEntry& entry, const IndexedFile& previous) {
  try {
    Xapian::WritableDatabase& shard = ShardFor(entry.path);
    for (const std::string& id : previous.unique_terms) {
      Xapian::PostingIterator it = shard.postlist_begin(id);
      if (it == shard.postlist_end(id)) continue;
      Xapian::docid docid = *it;
      Xapian::Document xdoc = shard.get_document(docid);
      xdoc.add_value(schema::kMtimeSlot, schema::EncodeTime(entry.mtime_ns));
      xdoc.add_value(schema::kSizeSlot, schema::EncodeUint64(entry.size));
      // The fields a result shows hold the time and size too (data written
      // before them, or damaged, is left as it is: the searcher reads the
      // value slots then). A document dated by its file follows its time.
      const std::string data = xdoc.get_data();
      StatusOr<SplitData> split = SplitDocumentData(data);
      const bool own_date = split.ok() && split->fields && split->fields->declared.date;
      if (!own_date) xdoc.add_value(schema::kDateSlot, schema::EncodeTime(entry.mtime_ns));
      if (split.ok() && split->fields) {
        ShownFields fields = std::move(*split->fields);
        fields.mtime_ns = entry.mtime_ns;
        fields.size = entry.size;
        xdoc.set_data(DocumentData(fields, split->text_data));
      }
      shard.replace_document(docid, xdoc);
    }
    if (!previous.skip_reason.empty()) {
      db_.set_metadata(schema::SkippedKey(entry.path),
                       schema::EncodeSkipped(entry.path, entry.mtime_ns, entry.size,
                                             previous.skip_reason));
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError(entry.path + ": cannot update the index", e);
  }
}

Status IndexWriter::Remove(const IndexedFile& indexed) {
  try {
    Xapian::WritableDatabase& shard = ShardFor(indexed.path);
    for (const std::string& id : indexed.unique_terms) shard.delete_document(id);
    if (!indexed.skip_reason.empty()) db_.set_metadata(schema::SkippedKey(indexed.path), "");
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError(indexed.path + ": cannot delete from the index", e);
  }
}

Status IndexWriter::RecordSkipped(const CorpusEntry& entry, const std::string& reason,
                                  const IndexedFile* previous) {
  try {
    if (previous != nullptr) {
      Xapian::WritableDatabase& shard = ShardFor(entry.path);
      for (const std::string& id : previous->unique_terms) shard.delete_document(id);
    }
    db_.set_metadata(schema::SkippedKey(entry.path),
                     schema::EncodeSkipped(entry.path, entry.mtime_ns, entry.size, reason));
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError(entry.path + ": cannot update the index", e);
  }
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  try {
    db_.set_metadata(key, value);
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError("cannot write index metadata", e);
  }
}

void IndexWriter::Close() {
  for (Xapian::WritableDatabase& shard : shards_) {
    try {
      shard.close();
    } catch (const Xapian::Error&) {
      // Closing releases what it can; there is nothing left to save.
    }
  }
}

Status IndexWriter::Commit() {
  try {
    for (size_t i = 1; i < shards_.size(); ++i) shards_[i].commit();
    db_.commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return XapianWriteError("commit failed", e);
  }
}

}  // namespace quarry::indexer

// File: indexer/extract/jsonl_extractor.h
// JSON Lines (.jsonl, .ndjson): one JSON object per line, each one document
// (a record), identified within its file by one of its fields. Search results
// show a record as path#id.
//
//   JsonlExtractor extractor({.id_field = "docno", .text_field = "body"});
//   StatusOr<std::vector<ExtractedDocument>> docs = extractor.Extract(path, content);
#ifndef QUARRY_INDEXER_EXTRACT_JSONL_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_JSONL_EXTRACTOR_H_

#include <string>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

// Which top-level field of each object gives what. Set with quarry-index's
// --jsonl-id-field / --jsonl-title-field / --jsonl-text-field.
struct JsonlFieldMapping {
  // The record id: a string or an integer, unique within the file. A record
  // without one is identified by its line number ("line-17").
  std::string id_field = "id";
  // The title; a record without one has an empty title.
  std::string title_field = "title";
  // The searchable text; a record without one holds only its title.
  std::string text_field = "text";
};

class JsonlExtractor : public Extractor {
 public:
  explicit JsonlExtractor(JsonlFieldMapping mapping = {}) : mapping_(std::move(mapping)) {}

  std::string_view name() const override { return "jsonl"; }

  // One document per non-blank line, in file order, with record_id set.
  // Field values that are not strings are used as their JSON text (numbers,
  // booleans), or joined with newlines (arrays of strings); null counts as
  // missing. DataLoss naming the line for a line that is not a JSON object
  // (invalid JSON or UTF-8, a truncated line), an id that is empty or not a
  // string/integer, or an id used twice in the file: the file is reported as
  // failed and what the index held for it is kept.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;

 private:
  JsonlFieldMapping mapping_;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_JSONL_EXTRACTOR_H_

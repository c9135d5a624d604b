// File: common/index/document_fields.h
// The fields a document declares about itself (its format's metadata: an
// office file's author and modification date, an HTML page's meta
// description), carried from the extractor through the index to the
// results. Extractors fill DocumentFields; index_writer indexes each text
// field under its prefix and stores the values with the fields a result
// shows (stored_text.h); the searcher reads `NAME:word` queries and JSON
// keys from kTextFields.
//
// Adding a text field: a member below, its prefix in schema.h, and a row in
// kTextFields. Nothing else needs to know about it: it is indexed,
// searchable as NAME:word, stored and shown in JSON from the table.
//
// On-disk format: a field's name is stored with its value in document data
// and its prefix in the terms; never rename one or change its prefix
// (that means reindexing). Rows are indexed in table order after the
// body, so a new row goes at the end.
#ifndef QUARRY_COMMON_INDEX_DOCUMENT_FIELDS_H_
#define QUARRY_COMMON_INDEX_DOCUMENT_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/index/schema.h"

namespace quarry {

struct DocumentFields {
  // Text fields, UTF-8, one line each; empty when the document has none.
  std::string description;  // HTML <meta name="description">
  std::string keywords;     // HTML <meta name="keywords">
  std::string author;       // the author(s) the document names, as written
  // The document's own date (an office file's recorded modification time,
  // a mail's Date header), seconds since the Unix epoch; nullopt when it
  // records none. date: and --sort date use it instead of the file's
  // modification time.
  std::optional<int64_t> date;

  bool operator==(const DocumentFields&) const = default;
};

// One text field of DocumentFields.
struct TextField {
  std::string_view name;    // query syntax `name:word`, JSON key, stored name
  std::string_view prefix;  // its positional terms (schema.h)
  std::string DocumentFields::*value;
};

// Every text field, in the order their words are indexed after the body.
inline constexpr TextField kTextFields[] = {
    {"description", schema::kDescriptionPrefix, &DocumentFields::description},
    {"keywords", schema::kKeywordsPrefix, &DocumentFields::keywords},
    {"author", schema::kAuthorPrefix, &DocumentFields::author},
};

// The text field named `name` (lower case, as typed in a query); nullptr
// when there is none.
inline const TextField* TextFieldNamed(std::string_view name) {
  for (const TextField& field : kTextFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// True when `fields` holds no value at all.
inline bool IsEmpty(const DocumentFields& fields) { return fields == DocumentFields{}; }

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_DOCUMENT_FIELDS_H_

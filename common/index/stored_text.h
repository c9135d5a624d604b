// File: common/index/stored_text.h
// The document data of the index: the fields a result shows and each
// document's extracted text, from which quarry-search cuts snippets (or
// how to read that text from the file). Part of the on-disk format (see
// schema.h); the indexer encodes, the searcher decodes, nothing else reads
// document data.
//
// Format: from schema version 3, the fields a result shows (ShownFields
// below) come first, then the text data; before, the text data alone.
// - The fields: the bytes 0x00 0x02; the path, the title and the record id,
//   each as its byte count (LEB128) and its bytes; then the modification
//   time and the size as their value slots encode them (8 bytes each).
//   From schema version 4, a document that declares fields of its own
//   (document_fields.h) starts with 0x00 0x03 instead, and the size is
//   followed by their number (LEB128) and each one's name and value as
//   counted strings: a text field under its kTextFields name, the date
//   under "date" as EncodeTime of it.
// - The text data, one of:
// - for a file whose text the searcher can read again from the file itself
//   (FileText below), no copy: the bytes 0x00 0x01 and the FileText letter;
// - else the text (UTF-8, at most schema::kMaxStoredTextBytes) as one
//   Zstandard frame that records its size, with a block ending every 16 KiB
//   of text (so the start of a long text decodes alone).
// Xapian would compress the text with zlib otherwise (glass
// compresses document data, and xapian-compact does so for every tag), and
// inflating each shown hit's text was then most of a search's time; a zstd
// frame decodes several times faster, and zlib leaves it alone because it
// no longer shrinks. Data that does not start with zstd's magic number is
// the plain text itself, as indexes written before this format hold it:
// valid UTF-8 never starts with those bytes (0x28 0xB5 ...), and no
// extracted text starts with U+0000 U+0001 or U+0000 U+0002 (text with
// NUL bytes is taken for binary and not indexed).
//
// Most of a folder of notes or documentation is plain text or lightweight
// markup that the searcher derives again from the file in microseconds:
// keeping a copy of it was 14.5 of the 96.8 MiB of the linux-doc index.
// The copy is kept for what cannot be derived cheaply or exactly (HTML,
// Markdown, PDF, JSON Lines records, compressed files, text that was not
// UTF-8), and for everything with quarry-index --store-text.
#ifndef QUARRY_COMMON_INDEX_STORED_TEXT_H_
#define QUARRY_COMMON_INDEX_STORED_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/index/document_fields.h"
#include "common/status.h"

namespace quarry {

// The document data for `text` (already capped to kMaxStoredTextBytes).
std::string EncodeStoredText(std::string_view text);

// The text `data` (a document's data) holds, or only its first `max_bytes`
// bytes (cut at a character boundary): decoding stops there. DataLoss when
// it is a zstd frame that does not decode (a damaged index).
StatusOr<std::string> DecodeStoredText(std::string_view data,
                                       size_t max_bytes = static_cast<size_t>(-1));

// How a document's text derives from its file's bytes, when the index
// holds no copy: the file as read (it is UTF-8), or its reST text
// (common/text/rst_text.h); the searcher reads it (searcher/rank/
// hit_text.h). On-disk format: never change a letter or what it means (a
// changed derivation gets a new letter).
enum class FileText : char { kAsIs = 't', kRst = 'r' };

// The document data of a document whose text is its file's, derived `how`.
std::string FileTextData(FileText how);

// How the text of document data `data` derives from the document's file;
// nullopt when `data` holds the text itself.
std::optional<FileText> FileTextOf(std::string_view data);

// What a result shows of its document, at the front of the document data
// so that one read of it gives a hit all it prints with its text: reading
// the value slots instead was five B-tree lookups per hit, 60 of the 100
// block reads of a search. The slots (schema.h) hold the same (the indexer
// updates both, also when it only records a new modification time) for
// sorting, filters and the indexer's bookkeeping.
struct ShownFields {
  std::string path;       // kPathSlot
  std::string title;      // kTitleSlot
  std::string record_id;  // kRecordSlot
  int64_t mtime_ns = 0;   // kMtimeSlot
  uint64_t size = 0;      // kSizeSlot
  // What the document declares about itself (none in data written before
  // schema version 4).
  DocumentFields declared{};
  bool operator==(const ShownFields&) const = default;
};

// The document data of a document with `fields` and text data `text_data`
// (EncodeStoredText or FileTextData).
std::string DocumentData(const ShownFields& fields, std::string_view text_data);

struct SplitData {
  // nullopt for data written before schema version 3: the fields are then
  // in the value slots only.
  std::optional<ShownFields> fields;
  std::string_view text_data;  // points into the data split
};

// The fields and the text data of document data `data`; DataLoss when its
// fields are cut short (a damaged index).
StatusOr<SplitData> SplitDocumentData(std::string_view data);
// (The split points into `data`: never split a temporary.)
StatusOr<SplitData> SplitDocumentData(std::string&& data) = delete;

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_STORED_TEXT_H_

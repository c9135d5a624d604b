// File: common/index/stored_text.h
// The document data of the index: each document's extracted text, from
// which quarry-search cuts snippets. Part of the on-disk format (see
// schema.h); the indexer encodes, the searcher decodes, nothing else reads
// document data.
//
// Format: the text (UTF-8, at most schema::kMaxStoredTextBytes) as one
// Zstandard frame that records its size, with a block ending every 16 KiB
// of text (so the start of a long text decodes alone). Xapian would compress it with zlib otherwise (glass
// compresses document data, and xapian-compact does so for every tag), and
// inflating each shown hit's text was then most of a search's time; a zstd
// frame decodes several times faster, and zlib leaves it alone because it
// no longer shrinks. Data that does not start with zstd's magic number is
// the plain text itself, as indexes written before this format hold it:
// valid UTF-8 never starts with those bytes (0x28 0xB5 ...).
#ifndef QUARRY_COMMON_INDEX_STORED_TEXT_H_
#define QUARRY_COMMON_INDEX_STORED_TEXT_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry {

// The document data for `text` (already capped to kMaxStoredTextBytes).
std::string EncodeStoredText(std::string_view text);

// The text `data` (a document's data) holds, or only its first `max_bytes`
// bytes (cut at a character boundary): decoding stops there. DataLoss when
// it is a zstd frame that does not decode (a damaged index).
StatusOr<std::string> DecodeStoredText(std::string_view data,
                                       size_t max_bytes = static_cast<size_t>(-1));

}  // namespace quarry

#endif  // QUARRY_COMMON_INDEX_STORED_TEXT_H_

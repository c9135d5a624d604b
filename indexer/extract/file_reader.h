// File: indexer/extract/file_reader.h
// Reads an entry's bytes for extraction, within the configured limits: the
// largest file read (which also caps what a compressed file may expand to)
// and the largest text kept per document. Memory stays bounded by these,
// whatever the corpus holds (a 1 GB file, a compression bomb).
#ifndef QUARRY_INDEXER_EXTRACT_FILE_READER_H_
#define QUARRY_INDEXER_EXTRACT_FILE_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "indexer/extract/extractor.h"

namespace quarry::indexer {

// The whole content of the regular file at `path`. Unsupported ("too large")
// when it holds more than `max_bytes`; PermissionDenied, NotFound (vanished)
// or IoError otherwise, each naming the path.
StatusOr<std::string> ReadFileContent(const std::string& path, uint64_t max_bytes);

// What an extractor reads for a file whose raw bytes are `raw`.
struct FormatContent {
  std::string bytes;        // decompressed when the file was compressed
  std::string format_path;  // the path whose name decides the format:
                            // "a/page.html" for "a/page.html.gz"
};

// Decompresses `raw` when `path` ends in .gz, .bz2, .xz or .zst (at most
// `max_bytes` of output; see Decompress() for the errors), else passes it on.
StatusOr<FormatContent> OpenFormatContent(const std::string& path, std::string raw,
                                          uint64_t max_bytes);

// Cuts each document's body to at most `max_bytes` (on a character
// boundary), so that one huge document cannot dominate memory or the index.
// A body cut so is no longer its file's whole text: its text_in_file goes.
void CapDocumentText(std::vector<ExtractedDocument>& docs, uint64_t max_bytes);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_FILE_READER_H_

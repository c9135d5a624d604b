// File: indexer/extract/extractor.h
// Stage 3 of the index flow: bytes of one entry -> documents of UTF-8 text and
// fields, not yet analyzed. One implementation per format; none knows Xapian.
#ifndef QUARRY_INDEXER_EXTRACT_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_EXTRACTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/index/document_fields.h"
#include "common/index/stored_text.h"
#include "common/status.h"

namespace quarry::indexer {

struct ExtractedDocument {
  std::string record_id;         // empty for a whole-file document
  std::string title;             // UTF-8, one line
  std::string body;              // UTF-8
  std::string encoding = "UTF-8";// the source encoding the text was decoded from
  // What the format declares about the document (author, date, HTML meta
  // description and keywords...): common/index/document_fields.h.
  DocumentFields fields;
  // Set when `body` derives from the bytes the extractor was given, as
  // FileText says, so that the index need not keep a copy of it (the
  // indexer clears it when those bytes are not the file's own, e.g.
  // decompressed).
  std::optional<FileText> text_in_file;
};

// Bounds the extractors of container formats (office files, e-books) keep
// to, from the indexer's limits.
struct ExtractLimits {
  // The most bytes the parts of one file may expand to in all
  // (--max-file-size): a zip bomb stops there.
  uint64_t max_expanded_bytes = 64ull << 20;
};

class Extractor {
 public:
  virtual ~Extractor() = default;

  // A short name for messages and --verbose ("text", "markdown", ...).
  virtual std::string_view name() const = 0;

  // Bumped when the same bytes give other documents (text, title, fields,
  // records). Indexes record it (ExtractorRegistry::Formats()), and a build
  // whose extractor has another version reads that extractor's files again,
  // once.
  virtual int version() const { return 1; }

  // Turns the content of the file at `path` into one or more documents.
  // Unsupported for content this extractor cannot read (e.g. binary data);
  // DataLoss for damaged content.
  virtual StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                           std::string_view content) const = 0;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_EXTRACTOR_H_

// File: indexer/extract/pdf_extractor.h
// PDF through poppler's C++ API: the text of every page and the Title of the
// document information. The only file that knows poppler.
#ifndef QUARRY_INDEXER_EXTRACT_PDF_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_PDF_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class PdfExtractor : public Extractor {
 public:
  // Silences poppler's own messages on stderr (process-wide): problems are
  // reported through the returned Status instead.
  PdfExtractor();

  std::string_view name() const override { return "pdf"; }
  // 2: author (Author) and date (ModDate, else CreationDate) from the
  // document information; without a Title, the first line only when it
  // reads as a title (title.h).
  int version() const override { return 2; }

  // Unsupported for an encrypted PDF (it needs a password) and for one with
  // no text layer (scanned images); DataLoss for a damaged one. These files
  // are skipped or reported by the caller, and never abort a run.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_PDF_EXTRACTOR_H_

// File: indexer/extract/odf_extractor.h
// OpenDocument files (LibreOffice's text documents, spreadsheets,
// presentations and drawings, and their templates) through libarchive
// (zip_package.h) and pugixml (xml_document.h), in reading order:
//  - text: its paragraphs and headings, tables row by row, footnotes where
//    they are cited, then the headers and footers of its page styles;
//    deleted (tracked) text left out;
//  - a spreadsheet: each sheet, its name on a line of its own, then its
//    rows, one line each, cells separated by tabs;
//  - a presentation or drawing: its pages in order, each with its notes.
// Title (dc:title), author (meta:initial-creator, else dc:creator) and
// date (dc:date, else meta:creation-date) come from meta.xml; without a
// title, the first paragraph styled Title, else the first heading, of a
// text, or the title of the first page that has one.
#ifndef QUARRY_INDEXER_EXTRACT_ODF_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_ODF_EXTRACTOR_H_

#include <cstdint>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class OdfExtractor : public Extractor {
 public:
  // Reads at most `max_expanded_bytes` of the package's XML parts.
  explicit OdfExtractor(uint64_t max_expanded_bytes) : max_expanded_bytes_(max_expanded_bytes) {}

  std::string_view name() const override { return "odf"; }

  // Unsupported for an encrypted (password-protected) file, for parts past
  // the size cap, and for a package without content.xml; DataLoss for a
  // damaged ZIP package or content part.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;

 private:
  uint64_t max_expanded_bytes_;
};

// The extensions of OpenDocument files: odt, ods, odp, odg and the
// templates ott, ots, otp, otg.
inline constexpr const char* kOdfExtensions[] = {"odt", "ods", "odp", "odg",
                                                 "ott", "ots", "otp", "otg"};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_ODF_EXTRACTOR_H_

// File: indexer/extract/ooxml_extractor.h
// Office Open XML (Word, Excel and PowerPoint files, and their macro and
// template variants) through libarchive (zip_package.h) and pugixml
// (xml_document.h), in reading order:
//  - a document: its body (paragraphs, tables row by row, text boxes),
//    then its footnotes, endnotes and comments, then its headers and
//    footers; deleted (tracked) text and field codes are left out;
//  - a workbook: each sheet in the workbook's order, its name on a line of
//    its own, then its rows, one line each, cells separated by tabs
//    (shared and inline strings resolved, numbers as written);
//  - a presentation: its slides in the presentation's own order (not the
//    order of the ZIP), each followed by its speaker notes.
// Title, author (dc:creator) and date (dcterms:modified, else
// dcterms:created) come from docProps/core.xml; without a title, the
// first paragraph styled Title (else the first Heading 1) of a document,
// or the title of the first slide that has one, is the title.
#ifndef QUARRY_INDEXER_EXTRACT_OOXML_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_OOXML_EXTRACTOR_H_

#include <cstdint>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class OoxmlExtractor : public Extractor {
 public:
  // Reads at most `max_expanded_bytes` of the package's XML parts.
  explicit OoxmlExtractor(uint64_t max_expanded_bytes) : max_expanded_bytes_(max_expanded_bytes) {}

  std::string_view name() const override { return "ooxml"; }

  // Unsupported ("encrypted") for a password-protected file (Office wraps
  // those in an OLE compound file) or a legacy binary one, for parts past
  // the size cap, and for a package without a Word, Excel or PowerPoint
  // part; DataLoss for a damaged ZIP package or a damaged main part.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;

 private:
  uint64_t max_expanded_bytes_;
};

// The extensions of Office Open XML files: docx, docm, dotx, dotm, xlsx,
// xlsm, xltx, xltm, pptx, pptm, potx, potm, ppsx, ppsm.
inline constexpr const char* kOoxmlExtensions[] = {
    "docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx",
    "xltm", "pptx", "pptm", "potx", "potm", "ppsx", "ppsm"};

// True when `content` starts like an OLE compound file (what Office writes
// for an encrypted document, and for .doc, .xls and .ppt).
bool IsOleCompoundFile(std::string_view content);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_OOXML_EXTRACTOR_H_

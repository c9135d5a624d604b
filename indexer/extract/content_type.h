// File: indexer/extract/content_type.h
// Type by content, for files whose extension does not say: libmagic's MIME
// type of the first bytes. The only file that knows libmagic.
#ifndef QUARRY_INDEXER_EXTRACT_CONTENT_TYPE_H_
#define QUARRY_INDEXER_EXTRACT_CONTENT_TYPE_H_

#include <memory>
#include <string>
#include <string_view>

namespace quarry::indexer {

class ContentTypeDetector {
 public:
  // Loads libmagic's database once. When it cannot be loaded, MimeType()
  // answers "" and callers fall back to their own checks.
  ContentTypeDetector();
  ~ContentTypeDetector();
  ContentTypeDetector(const ContentTypeDetector&) = delete;
  ContentTypeDetector& operator=(const ContentTypeDetector&) = delete;

  // The MIME type of content starting with `sample` ("text/html",
  // "application/pdf", "application/x-executable", ...); "" when unknown.
  // Not thread-safe: one detector per thread.
  std::string MimeType(std::string_view sample) const;

 private:
  struct Magic;
  std::unique_ptr<Magic> magic_;
};

// True for MIME types whose content reads as text: text/*, and the
// application/ types of text formats (JSON, XML, scripts).
bool IsTextMimeType(std::string_view mime);

// True for the MIME types that libmagic tells only from content opening
// with '<' (HTML, XHTML, SVG) or holding "%PDF-": the types
// OpensAsMarkupOrPdf() rules out.
bool IsMarkupOrPdfMimeType(std::string_view mime);

// False when `sample` is UTF-8 text (no NUL byte, valid but for a
// character cut at its end) whose first non-blank character is not '<'
// and which holds no "%PDF-": no HTML, XHTML, SVG or PDF document starts
// like that, so libmagic, at 1 to 2 ms a file, need not be asked. A text
// that only mentions "<html>" further on is text.
bool OpensAsMarkupOrPdf(std::string_view sample);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_CONTENT_TYPE_H_

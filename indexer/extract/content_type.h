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

// True for the types of markup (HTML, XHTML, SVG, XML) and PDF: the
// content types an extractor is chosen by, which MayBeMarkupOrPdf() rules
// out.
bool IsMarkupOrPdfMimeType(std::string_view mime);

// True for the types of ZIP packages (office files, e-books): their content
// holds NUL bytes from its first header on, so it is never taken for text.
bool IsZipPackageMimeType(std::string_view mime);

// False when `sample` (a file's first bytes) is UTF-8 text (no NUL byte,
// valid but for a character cut at its end) in which no line starts with
// '<' (after blanks, a no-break space or a byte-order mark) and which
// holds no "%PDF-". A markup document has tags at the start of some line:
// at its top, or after a header (a saved HTTP response, front matter, a
// warning printed before the page). Such text is read as plain text
// without asking libmagic, at 1 to 2 ms a file; libmagic would call some
// of it HTML (a README that says "write <html> then <body>", an HTML
// fragment such as "Hello <b>world</b>" without a tag at a line start),
// which is text to its reader.
bool MayBeMarkupOrPdf(std::string_view sample);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_CONTENT_TYPE_H_

#include "indexer/extract/content_type.h"

#include <magic.h>

#include "common/text/utf8.h"

namespace quarry::indexer {

struct ContentTypeDetector::Magic {
  magic_t cookie = nullptr;
  ~Magic() {
    if (cookie != nullptr) magic_close(cookie);
  }
};

ContentTypeDetector::ContentTypeDetector() : magic_(std::make_unique<Magic>()) {
  // MAGIC_NO_CHECK_COMPRESS: compressed files are opened by file_reader, not
  // looked into here; MAGIC_ERROR: a damaged database is reported, not guessed.
  magic_->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
  if (magic_->cookie != nullptr && magic_load(magic_->cookie, nullptr) != 0) {
    magic_close(magic_->cookie);
    magic_->cookie = nullptr;
  }
}

ContentTypeDetector::~ContentTypeDetector() = default;

std::string ContentTypeDetector::MimeType(std::string_view sample) const {
  if (magic_->cookie == nullptr) return {};
  const char* type = magic_buffer(magic_->cookie, sample.data(), sample.size());
  return type == nullptr ? std::string() : std::string(type);
}

bool IsTextMimeType(std::string_view mime) {
  if (mime.substr(0, 5) == "text/") return true;
  for (std::string_view text_type :
       {"application/json", "application/xml", "application/javascript", "application/x-ndjson",
        "application/x-sh", "application/x-shellscript", "application/x-perl",
        "application/x-ruby", "application/x-php", "application/x-awk", "application/sql",
        "application/x-wine-extension-ini", "application/csv", "application/x-subrip"}) {
    if (mime == text_type) return true;
  }
  return false;
}

bool IsMarkupOrPdfMimeType(std::string_view mime) {
  for (std::string_view type : {"text/html", "application/xhtml+xml", "image/svg+xml",
                                "application/xml", "text/xml", "application/pdf"}) {
    if (mime == type) return true;
  }
  return false;
}

bool IsZipPackageMimeType(std::string_view mime) {
  return mime == "application/zip" || mime == "application/epub+zip" ||
         mime.starts_with("application/vnd.openxmlformats-officedocument.") ||
         mime.starts_with("application/vnd.oasis.opendocument.") ||
         mime.starts_with("application/vnd.ms-word.") || mime.starts_with("application/vnd.ms-excel.") ||
         mime.starts_with("application/vnd.ms-powerpoint.");
}

bool MayBeMarkupOrPdf(std::string_view sample) {
  if (sample.find('\0') != std::string_view::npos || !IsValidUtf8Sample(sample)) return true;
  if (sample.find("%PDF-") != std::string_view::npos) return true;
  std::string_view text = sample;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  for (size_t line = 0; line < text.size();) {
    size_t i = line;
    for (;;) {
      if (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                              text[i] == '\f' || text[i] == '\v')) {
        ++i;
      } else if (text.substr(i, 2) == "\xC2\xA0") {  // U+00A0, no-break space
        i += 2;
      } else {
        break;
      }
    }
    if (i < text.size() && text[i] == '<') return true;
    const size_t end = text.find('\n', i);
    if (end == std::string_view::npos) break;
    line = end + 1;
  }
  return false;
}

}  // namespace quarry::indexer

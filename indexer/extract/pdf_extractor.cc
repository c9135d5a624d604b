#include "indexer/extract/pdf_extractor.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>

#include "common/text/utf8.h"
#include "indexer/extract/document_date.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

void IgnorePopplerMessage(const std::string&, void*) {}

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string_view view(bytes.data(), bytes.size());
  return IsValidUtf8(view) ? std::string(view) : SanitizeUtf8(view);
}

bool HasVisibleText(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

}  // namespace

PdfExtractor::PdfExtractor() { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); }

StatusOr<std::vector<ExtractedDocument>> PdfExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  const std::string name(path);
  if (content.size() > static_cast<size_t>(INT_MAX)) {
    return UnsupportedError(name + ": too large for the PDF reader");
  }
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(content.data(), static_cast<int>(content.size())));
  if (pdf == nullptr) return DataLossError(name + ": damaged PDF (poppler cannot read it)");
  if (pdf->is_locked()) return UnsupportedError(name + ": encrypted PDF (needs a password)");

  ExtractedDocument doc;
  for (int i = 0; i < pdf->pages(); ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (page == nullptr) continue;
    std::string text = ToUtf8(page->text());
    if (text.empty()) continue;
    if (!doc.body.empty()) doc.body += '\n';
    doc.body += text;
  }
  if (!HasVisibleText(doc.body)) {
    return UnsupportedError(name + ": PDF without a text layer (" + std::to_string(pdf->pages()) +
                            " pages of images?)");
  }
  doc.title = TextTitle(ToUtf8(pdf->info_key("Title")));
  if (doc.title.empty()) doc.title = FirstLineTitle(doc.body);
  doc.fields.author = OneLine(ToUtf8(pdf->info_key("Author")));
  doc.fields.date = ParsePdfDate(ToUtf8(pdf->info_key("ModDate")));
  if (!doc.fields.date) doc.fields.date = ParsePdfDate(ToUtf8(pdf->info_key("CreationDate")));
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

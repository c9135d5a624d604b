#include "indexer/extract/man_extractor.h"

#include "indexer/extract/decompressor.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/roff_text.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

// "mount" and "8" for ".../man8/mount.8.gz"; "openssl" and "1ssl" for
// "openssl.1ssl"; the name alone when the file has no section suffix.
void NameOfFile(std::string_view path, std::string* name, std::string* section) {
  path = WithoutCompressionSuffix(path);
  std::string_view file = path.substr(path.rfind('/') + 1);
  const size_t dot = file.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && dot + 1 < file.size() && file[dot + 1] >= '1' &&
      file[dot + 1] <= '9') {
    *section = std::string(file.substr(dot + 1));
    file = file.substr(0, dot);
  }
  *name = std::string(file);
}

}  // namespace

std::string ManPageTitle(std::string_view name, std::string_view section,
                         std::string_view description) {
  std::string title(name);
  if (!section.empty()) title.append("(").append(section).append(")");
  if (!description.empty()) title.append(" \u2014 ").append(description);
  return OneLine(title);
}

StatusOr<std::vector<ExtractedDocument>> ManExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  RoffPage page = ConvertRoff(decoded.text);
  ExtractedDocument doc;
  doc.encoding = std::move(decoded.encoding);
  std::string file_name, file_section;
  NameOfFile(path, &file_name, &file_section);
  if (!page.included_page.empty() && page.text.empty()) {
    // ".so man1/gzip.1": this name shows another page.
    doc.title = ManPageTitle(file_name, file_section, {});
    doc.body = file_name + ": see " + page.included_page;
  } else {
    doc.title = ManPageTitle(page.name.empty() ? file_name : page.name,
                             page.section.empty() ? file_section : page.section, page.description);
    doc.body = std::move(page.text);
  }
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

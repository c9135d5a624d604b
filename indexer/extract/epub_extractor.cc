#include "indexer/extract/epub_extractor.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/text/ascii.h"
#include "indexer/extract/document_date.h"
#include "indexer/extract/text_collector.h"
#include "indexer/extract/xml_document.h"
#include "indexer/extract/zip_package.h"

namespace quarry::indexer {

namespace {

using XmlPtr = std::unique_ptr<pugi::xml_document>;

constexpr std::string_view kContainer = "META-INF/container.xml";
constexpr std::string_view kEncryption = "META-INF/encryption.xml";

// Members an e-book's text can be in: its metadata and its (X)HTML.
bool IsTextMember(std::string_view member) {
  for (std::string_view ext : {".xml", ".opf", ".xhtml", ".html", ".htm", ".xht"}) {
    if (EndsWithIgnoringAsciiCase(member, ext)) return true;
  }
  return false;
}

// The members META-INF/encryption.xml lists as encrypted; fonts obfuscated
// to stop their reuse are not (their text is not the book's).
std::set<std::string> EncryptedMembers(const ZipPackage& package, std::string_view path) {
  std::set<std::string> encrypted;
  const std::string* bytes = package.Find(kEncryption);
  if (bytes == nullptr) return encrypted;
  StatusOr<XmlPtr> xml = ParseXml(path, kEncryption, *bytes);
  if (!xml.ok()) return encrypted;
  for (pugi::xml_node data : (*xml)->document_element().children()) {
    if (LocalName(data) != "EncryptedData") continue;
    const std::string_view method = Attribute(Child(data, "EncryptionMethod"), "Algorithm");
    if (method.find("embedding") != std::string_view::npos ||
        method.find("pdf/enc#RC") != std::string_view::npos) {
      continue;
    }
    const std::string_view uri = Attribute(Child(Child(data, "CipherData"), "CipherReference"), "URI");
    encrypted.insert(ResolvePackagePath("", uri));
  }
  return encrypted;
}

// Title, author and date from the OPF's <metadata>.
void ReadMetadata(const pugi::xml_node& metadata, ExtractedDocument& doc) {
  std::optional<int64_t> modified;
  for (pugi::xml_node field : metadata.children()) {
    const std::string_view name = LocalName(field);
    const std::string value = OneLine(field.child_value());
    if (value.empty()) continue;
    if (name == "title" && doc.title.empty()) {
      doc.title = value;
    } else if (name == "creator") {
      if (!doc.fields.author.empty()) doc.fields.author += ", ";
      doc.fields.author += value;
    } else if (name == "date" && !doc.fields.date) {
      doc.fields.date = ParseIsoDate(value);
    } else if (name == "meta" && Attribute(field, "property") == "dcterms:modified" && !modified) {
      modified = ParseIsoDate(value);
    }
  }
  if (!doc.fields.date) doc.fields.date = modified;
}

}  // namespace

StatusOr<std::vector<ExtractedDocument>> EpubExtractor::Extract(std::string_view path,
                                                                std::string_view content) const {
  const std::string name(path);
  QUARRY_ASSIGN_OR_RETURN(ZipPackage package,
                          ZipPackage::Read(path, content, IsTextMember, max_expanded_bytes_));
  const std::string* container = package.Find(kContainer);
  if (container == nullptr) return UnsupportedError(name + ": no " + std::string(kContainer) + " (not an EPUB)");
  QUARRY_ASSIGN_OR_RETURN(XmlPtr container_xml, ParseXml(path, kContainer, *container));
  const std::string opf_path =
      ResolvePackagePath("", Attribute(FindElement(*container_xml, "rootfile"), "full-path"));
  const std::string* opf = package.Find(opf_path);
  if (opf == nullptr) return UnsupportedError(name + ": the package document " + opf_path + " is missing");
  QUARRY_ASSIGN_OR_RETURN(XmlPtr opf_xml, ParseXml(path, opf_path, *opf));
  const pugi::xml_node root = opf_xml->document_element();

  // The chapters: the spine's items, found in the manifest.
  const std::string folder(PackageFolder(opf_path));
  std::map<std::string, std::string, std::less<>> hrefs;  // id -> member
  for (pugi::xml_node item : Child(root, "manifest").children()) {
    if (LocalName(item) != "item") continue;
    hrefs[std::string(Attribute(item, "id"))] = ResolvePackagePath(folder, Attribute(item, "href"));
  }
  std::vector<std::string> chapters;
  for (pugi::xml_node ref : Child(root, "spine").children()) {
    if (LocalName(ref) != "itemref") continue;
    auto it = hrefs.find(Attribute(ref, "idref"));
    if (it != hrefs.end()) chapters.push_back(it->second);
  }
  const std::set<std::string> encrypted = EncryptedMembers(package, path);
  for (const std::string& chapter : chapters) {
    if (encrypted.count(chapter)) {
      return UnsupportedError(name + ": encrypted (DRM-protected) e-book");
    }
  }

  ExtractedDocument doc;
  TextCollector text;
  std::string first_chapter_title;
  for (const std::string& chapter : chapters) {
    const std::string* bytes = package.Find(chapter);
    if (bytes == nullptr) continue;
    StatusOr<std::vector<ExtractedDocument>> page = html_.Extract(name + "#" + chapter, *bytes);
    if (!page.ok() || page->empty()) continue;
    if (first_chapter_title.empty()) first_chapter_title = page->front().title;
    text.BreakParagraph();
    text.AddVerbatim(page->front().body);
  }
  ReadMetadata(Child(root, "metadata"), doc);
  if (doc.title.empty()) doc.title = std::move(first_chapter_title);
  doc.body = text.Take();
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

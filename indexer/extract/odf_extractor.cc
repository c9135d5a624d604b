#include "indexer/extract/odf_extractor.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

#include "indexer/extract/document_date.h"
#include "indexer/extract/text_collector.h"
#include "indexer/extract/xml_document.h"
#include "indexer/extract/zip_package.h"

namespace quarry::indexer {

namespace {

using XmlPtr = std::unique_ptr<pugi::xml_document>;

// What a table is: part of a text, or a sheet of a spreadsheet (named on a
// line of its own).
enum class Tables { kInText, kSheets };

// The text of OpenDocument markup: paragraphs and headings (<text:p>,
// <text:h>), spaces and tabs written as elements, table cells and rows,
// and the first title-styled paragraph, heading and page title seen.
class OdfText {
 public:
  OdfText(TextCollector& text, Tables tables) : out_(&text), main_(text), tables_(tables) {}

  // Collects the text under `root`; the footnotes and endnotes, written
  // where they are cited, come after it.
  void Collect(const pugi::xml_node& root) {
    WalkXml(
        root, [&](const pugi::xml_node& node) { return Enter(node); },
        [&](const pugi::xml_node& node) { Leave(node); });
    std::string notes = notes_.Take();
    if (notes.empty()) return;
    main_.BreakParagraph();
    main_.AddVerbatim(notes);
  }

  std::string first_title, first_heading, first_page_title;

 private:
  bool Enter(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (in_paragraph_ > 0) {
        out_->AddText(node.value());
        if (paragraph_target_ != nullptr) paragraph_ += node.value();
        if (in_title_frame_) first_page_title += node.value();
      }
      return false;
    }
    if (node.type() != pugi::node_element) return false;
    const std::string_view name = LocalName(node);
    // Deleted text of tracked changes, the citation mark of a note (its
    // body follows), and sheets' and pages' non-text: none is read.
    // Fields whose value is the reader's (page numbers) are not either.
    if (name == "tracked-changes" || name == "note-citation" || name == "sequence-decls" ||
        name == "forms" || name == "scripts" || name == "page-number" || name == "page-count") {
      return false;
    }
    if (name == "note-body") {
      out_ = &notes_;
      out_->Break();
    }
    if (name == "p" || name == "h") {
      if (in_paragraph_++ == 0) StartParagraph(node, name);
    } else if (name == "s") {
      const int count = std::atoi(std::string(Attribute(node, "c")).c_str());
      out_->AddVerbatim(std::string(std::clamp(count, 1, 64), ' '));
    } else if (name == "table-cell") {
      ++in_cell_;
    } else if (name == "tab") {
      out_->AddVerbatim("\t");
    } else if (name == "line-break") {
      out_->Break();
    } else if (name == "table" && !Attribute(node, "name").empty() && in_paragraph_ == 0 &&
               tables_ == Tables::kSheets) {
      out_->BreakParagraph();
      out_->AddText(Attribute(node, "name"));
      out_->Break();
    } else if (name == "page") {
      out_->BreakParagraph();
    } else if (name == "frame" && first_page_title.empty() && Attribute(node, "class") == "title") {
      in_title_frame_ = true;
    }
    return true;
  }

  void Leave(const pugi::xml_node& node) {
    const std::string_view name = LocalName(node);
    if (name == "p" || name == "h") {
      // A cell's paragraphs stay on its row's line.
      if (in_cell_ > 0) {
        out_->AddText(" ");
      } else {
        out_->Break();
      }
      if (--in_paragraph_ == 0) EndParagraph();
    } else if (name == "note-body") {
      out_ = &main_;
    } else if (name == "table-cell") {
      --in_cell_;
      out_->EndCell();
    } else if (name == "table-row") {
      out_->Break();
    } else if (name == "frame" && in_title_frame_) {
      in_title_frame_ = false;
      first_page_title = OneLine(first_page_title);
    }
  }

  // A paragraph styled Title, or a heading, is captured until one of each
  // is found.
  void StartParagraph(const pugi::xml_node& node, std::string_view name) {
    paragraph_.clear();
    paragraph_target_ = nullptr;
    if (name == "p" && first_title.empty() && Attribute(node, "style-name") == "Title") {
      paragraph_target_ = &first_title;
    } else if (name == "h" && first_heading.empty()) {
      paragraph_target_ = &first_heading;
    }
  }

  void EndParagraph() {
    if (paragraph_target_ == nullptr) return;
    *paragraph_target_ = OneLine(paragraph_);
    paragraph_target_ = nullptr;
  }

  TextCollector* out_;  // main_, or notes_ inside a note
  TextCollector& main_;
  TextCollector notes_;
  const Tables tables_;
  int in_paragraph_ = 0;
  int in_cell_ = 0;
  bool in_title_frame_ = false;
  std::string* paragraph_target_ = nullptr;
  std::string paragraph_;
};

bool IsEncrypted(const ZipPackage& package, std::string_view path) {
  const std::string* manifest = package.Find("META-INF/manifest.xml");
  if (manifest == nullptr) return false;
  StatusOr<XmlPtr> xml = ParseXml(path, "META-INF/manifest.xml", *manifest);
  return xml.ok() && FindElement(**xml, "encryption-data");
}

// Title, author and date from meta.xml.
void ReadMeta(const ZipPackage& package, std::string_view path, ExtractedDocument& doc) {
  const std::string* meta = package.Find("meta.xml");
  if (meta == nullptr) return;
  StatusOr<XmlPtr> xml = ParseXml(path, "meta.xml", *meta);
  if (!xml.ok()) return;
  const pugi::xml_node fields = FindElement(**xml, "meta");
  std::string title = OneLine(Child(fields, "title").child_value());
  if (!title.empty()) doc.title = std::move(title);
  for (const char* who : {"initial-creator", "creator"}) {
    if (doc.fields.author.empty()) doc.fields.author = OneLine(Child(fields, who).child_value());
  }
  for (const char* when : {"date", "creation-date"}) {
    if (!doc.fields.date) doc.fields.date = ParseIsoDate(Child(fields, when).child_value());
  }
}

// The headers and footers of the page styles in styles.xml.
void AppendHeadersAndFooters(const ZipPackage& package, std::string_view path, TextCollector& text) {
  const std::string* styles = package.Find("styles.xml");
  if (styles == nullptr) return;
  StatusOr<XmlPtr> xml = ParseXml(path, "styles.xml", *styles);
  if (!xml.ok()) return;
  for (pugi::xml_node page : FindElement(**xml, "master-styles").children()) {
    if (LocalName(page) != "master-page") continue;
    for (pugi::xml_node part : page.children()) {
      const std::string_view name = LocalName(part);
      if (name != "header" && name != "footer") continue;
      text.BreakParagraph();
      OdfText part_text(text, Tables::kInText);
      part_text.Collect(part);
    }
  }
}

}  // namespace

StatusOr<std::vector<ExtractedDocument>> OdfExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  const std::string name(path);
  QUARRY_ASSIGN_OR_RETURN(ZipPackage package,
                          ZipPackage::Read(path, content,
                                           [](std::string_view member) {
                                             return member == "content.xml" || member == "meta.xml" ||
                                                    member == "styles.xml" ||
                                                    member == "META-INF/manifest.xml";
                                           },
                                           max_expanded_bytes_));
  // An encrypted package keeps its manifest in the clear and its parts
  // encrypted (not as ZIP encryption): they would read as damaged XML.
  if (IsEncrypted(package, path)) {
    return UnsupportedError(name + ": encrypted (password-protected) OpenDocument file");
  }
  const std::string* content_xml = package.Find("content.xml");
  if (content_xml == nullptr) return UnsupportedError(name + ": no content.xml in the package");
  QUARRY_ASSIGN_OR_RETURN(XmlPtr xml, ParseXml(path, "content.xml", *content_xml));

  ExtractedDocument doc;
  TextCollector text;
  const pugi::xml_node body = FindElement(*xml, "body");
  OdfText odf_text(text, Child(body, "spreadsheet") ? Tables::kSheets : Tables::kInText);
  odf_text.Collect(body);
  doc.title = !odf_text.first_title.empty()     ? odf_text.first_title
              : !odf_text.first_heading.empty() ? odf_text.first_heading
                                                : odf_text.first_page_title;
  if (Child(body, "text")) AppendHeadersAndFooters(package, path, text);
  doc.body = text.Take();
  ReadMeta(package, path, doc);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

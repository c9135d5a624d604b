#include "indexer/extract/ooxml_extractor.h"

#include <algorithm>
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

// One relationship of a part (OPC): what it is and the member it points to.
struct Relationship {
  std::string type;    // the last segment of its type URI: "officeDocument", "slide", ...
  std::string target;  // the member, resolved against the part's folder
};

// The relationships of `part` ("" for the package's own, _rels/.rels), by
// id; none when it has no relationship part or that part is damaged.
std::map<std::string, Relationship> RelationshipsOf(const ZipPackage& package, std::string_view path,
                                                    std::string_view part) {
  std::map<std::string, Relationship> out;
  const std::string folder(PackageFolder(part));
  const std::string rels_name = folder + "_rels/" + std::string(part.substr(folder.size())) + ".rels";
  const std::string* rels = package.FindNoCase(rels_name);
  if (rels == nullptr) return out;
  StatusOr<XmlPtr> xml = ParseXml(path, rels_name, *rels);
  if (!xml.ok()) return out;
  pugi::xml_node root = (*xml)->document_element();
  for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (LocalName(r) != "Relationship" || Attribute(r, "TargetMode") == "External") continue;
    std::string_view type = Attribute(r, "Type");
    const size_t slash = type.rfind('/');
    if (slash != std::string_view::npos) type = type.substr(slash + 1);
    out[std::string(Attribute(r, "Id"))] = {std::string(type),
                                            ResolvePackagePath(folder, Attribute(r, "Target"))};
  }
  return out;
}

// The relationship id an element refers to: its "r:id" (any prefix; an
// element may also have an "id" of its own, as <p:sldId> does).
std::string RelationshipId(const pugi::xml_node& node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    const size_t colon = name.find(':');
    if (colon != std::string_view::npos && name.substr(colon + 1) == "id") return a.value();
  }
  return {};
}

// The targets of `part`'s relationships of type `type`, in the order of
// their ids' numbers ("rId2" before "rId10").
std::vector<std::string> TargetsOfType(const std::map<std::string, Relationship>& rels,
                                       std::string_view type) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& [id, rel] : rels) {
    if (rel.type == type) found.emplace_back(id, rel.target);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  std::vector<std::string> targets;
  for (auto& [id, target] : found) targets.push_back(std::move(target));
  return targets;
}

// A part of the package, parsed; nullptr when it is missing. DataLoss when
// it is damaged.
StatusOr<XmlPtr> ParsePart(const ZipPackage& package, std::string_view path, std::string_view part) {
  const std::string* bytes = package.FindNoCase(part);
  if (bytes == nullptr) return XmlPtr();
  return ParseXml(path, part, *bytes);
}

// The text of a part's XML (WordprocessingML, SpreadsheetML strings or
// DrawingML): the text of its <t> elements, with line ends after
// paragraphs, breaks and table rows, and tabs between cells.
class PartText {
 public:
  explicit PartText(TextCollector& text) : text_(text) {}

  void Collect(const pugi::xml_node& root) {
    WalkXml(
        root, [&](const pugi::xml_node& node) { return Enter(node); },
        [&](const pugi::xml_node& node) { Leave(node); });
  }

  // For a document: the style ids of paragraphs that are a title or a
  // first-level heading, and the first such paragraph's text.
  std::set<std::string> title_styles, heading_styles;
  std::string first_title, first_heading;

 private:
  bool Enter(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (in_text_ > 0) {
        text_.AddText(node.value());
        if (capture_) paragraph_ += node.value();
      }
      return false;
    }
    if (node.type() != pugi::node_element) return false;
    const std::string_view name = LocalName(node);
    // Deleted (tracked) text, field codes, the fallback copy of content
    // that also comes as its preferred form, phonetic guides, fields
    // (slide numbers, dates): none is text of the document.
    if (name == "delText" || name == "instrText" || name == "Fallback" || name == "rPh" ||
        name == "fld" || name == "delInstrText") {
      return false;
    }
    if (name == "t") ++in_text_;
    if (name == "tc") ++in_cell_;
    if (name == "tab") text_.AddVerbatim("\t");
    if (name == "br" || name == "cr") text_.Break();
    if (name == "p") StartParagraph(node);
    return true;
  }

  void Leave(const pugi::xml_node& node) {
    const std::string_view name = LocalName(node);
    if (name == "t") --in_text_;
    if (name == "p") {
      // A cell's paragraphs stay on its row's line.
      if (in_cell_ > 0) {
        text_.AddText(" ");
      } else {
        text_.Break();
      }
      EndParagraph();
    }
    if (name == "tc") {
      --in_cell_;
      text_.EndCell();
    }
    if (name == "tr") text_.Break();
  }

  // A Word paragraph styled as a title or heading is captured, until one of
  // each kind is found.
  void StartParagraph(const pugi::xml_node& p) {
    capture_ = false;
    paragraph_.clear();
    pugi::xml_node style = Child(Child(p, "pPr"), "pStyle");
    if (!style) return;
    const std::string id(Attribute(style, "val"));
    if (first_title.empty() && title_styles.count(id)) capture_ = kind_title_ = true;
    if (first_heading.empty() && heading_styles.count(id)) capture_ = true, kind_title_ = false;
  }

  void EndParagraph() {
    if (!capture_) return;
    capture_ = false;
    std::string line = OneLine(paragraph_);
    if (line.empty()) return;
    (kind_title_ ? first_title : first_heading) = std::move(line);
  }

  TextCollector& text_;
  int in_text_ = 0;
  int in_cell_ = 0;
  bool capture_ = false, kind_title_ = false;
  std::string paragraph_;
};

// Word's style ids of paragraphs named "Title" and "heading 1" in
// styles.xml (ids are localized, names are not); pandoc's and Word's
// English ids when there is no styles part.
void ReadHeadingStyles(const ZipPackage& package, std::string_view path, std::string_view styles_part,
                       PartText& part_text) {
  part_text.title_styles = {"Title"};
  part_text.heading_styles = {"Heading1"};
  StatusOr<XmlPtr> styles = ParsePart(package, path, styles_part);
  if (!styles.ok() || *styles == nullptr) return;
  for (pugi::xml_node s : (*styles)->document_element().children()) {
    if (LocalName(s) != "style") continue;
    const std::string name = AsciiLower(Attribute(Child(s, "name"), "val"));
    const std::string id(Attribute(s, "styleId"));
    if (name == "title") part_text.title_styles.insert(id);
    if (name == "heading 1") part_text.heading_styles.insert(id);
  }
}

// Appends the text of each part in `parts` (ignoring missing or damaged
// ones: they are the document's extras), a paragraph apart.
void AppendParts(const ZipPackage& package, std::string_view path,
                 const std::vector<std::string>& parts, TextCollector& text) {
  for (const std::string& part : parts) {
    StatusOr<XmlPtr> xml = ParsePart(package, path, part);
    if (!xml.ok() || *xml == nullptr) continue;
    text.BreakParagraph();
    PartText part_text(text);
    part_text.Collect(**xml);
  }
}

Status ReadDocument(const ZipPackage& package, std::string_view path, std::string_view main_part,
                    const pugi::xml_document& main, ExtractedDocument& doc) {
  const auto rels = RelationshipsOf(package, path, main_part);
  TextCollector text;
  PartText body(text);
  const std::vector<std::string> styles = TargetsOfType(rels, "styles");
  ReadHeadingStyles(package, path, styles.empty() ? std::string() : styles.front(), body);
  body.Collect(main);
  doc.title = body.first_title.empty() ? body.first_heading : body.first_title;
  for (const char* extra : {"footnotes", "endnotes", "comments", "header", "footer"}) {
    AppendParts(package, path, TargetsOfType(rels, extra), text);
  }
  doc.body = text.Take();
  return Status::Ok();
}

// The text of a shared string or inline string (<si>, <is>): its runs.
std::string StringItemText(const pugi::xml_node& item) {
  TextCollector text;
  PartText part_text(text);
  part_text.Collect(item);
  return text.Take();
}

Status ReadWorkbook(const ZipPackage& package, std::string_view path, std::string_view main_part,
                    const pugi::xml_document& main, ExtractedDocument& doc) {
  const auto rels = RelationshipsOf(package, path, main_part);
  std::vector<std::string> shared;
  for (const std::string& part : TargetsOfType(rels, "sharedStrings")) {
    QUARRY_ASSIGN_OR_RETURN(XmlPtr strings, ParsePart(package, path, part));
    if (strings == nullptr) continue;
    for (pugi::xml_node si : strings->document_element().children()) {
      if (LocalName(si) == "si") shared.push_back(StringItemText(si));
    }
  }
  TextCollector text;
  for (pugi::xml_node sheet : Child(main.document_element(), "sheets").children()) {
    if (LocalName(sheet) != "sheet") continue;
    auto rel = rels.find(RelationshipId(sheet));
    if (rel == rels.end()) continue;
    QUARRY_ASSIGN_OR_RETURN(XmlPtr cells, ParsePart(package, path, rel->second.target));
    text.BreakParagraph();
    text.AddText(Attribute(sheet, "name"));
    text.Break();
    if (cells == nullptr) continue;
    for (pugi::xml_node row : Child(cells->document_element(), "sheetData").children()) {
      if (LocalName(row) != "row") continue;
      for (pugi::xml_node c : row.children()) {
        if (LocalName(c) != "c") continue;
        const std::string_view type = Attribute(c, "t");
        std::string value;
        if (type == "inlineStr") {
          value = StringItemText(Child(c, "is"));
        } else if (type == "s") {
          const std::string_view index = Child(c, "v").child_value();
          char* end = nullptr;
          const unsigned long i = std::strtoul(std::string(index).c_str(), &end, 10);
          if (!index.empty() && i < shared.size()) value = shared[i];
        } else {
          value = OneLine(Child(c, "v").child_value());  // numbers, formula results, booleans
        }
        if (value.empty()) continue;
        text.AddText(value);
        text.EndCell();
      }
      text.Break();
    }
  }
  doc.body = text.Take();
  return Status::Ok();
}

// The text of a slide's title placeholder; "" when it has none.
std::string SlideTitle(const pugi::xml_node& slide) {
  pugi::xml_node tree = Child(Child(slide, "cSld"), "spTree");
  for (pugi::xml_node shape : tree.children()) {
    if (LocalName(shape) != "sp") continue;
    const std::string_view type = Attribute(Child(Child(Child(shape, "nvSpPr"), "nvPr"), "ph"), "type");
    if (type != "title" && type != "ctrTitle") continue;
    TextCollector text;
    PartText part_text(text);
    part_text.Collect(Child(shape, "txBody"));
    return OneLine(text.Take());
  }
  return {};
}

Status ReadPresentation(const ZipPackage& package, std::string_view path, std::string_view main_part,
                        const pugi::xml_document& main, ExtractedDocument& doc) {
  const auto rels = RelationshipsOf(package, path, main_part);
  TextCollector text;
  std::string first_title;
  for (pugi::xml_node id : Child(main.document_element(), "sldIdLst").children()) {
    if (LocalName(id) != "sldId") continue;
    auto rel = rels.find(RelationshipId(id));
    if (rel == rels.end()) continue;
    QUARRY_ASSIGN_OR_RETURN(XmlPtr slide, ParsePart(package, path, rel->second.target));
    if (slide == nullptr) continue;
    if (first_title.empty()) first_title = SlideTitle(slide->document_element());
    text.BreakParagraph();
    PartText part_text(text);
    part_text.Collect(*slide);
    AppendParts(package, path,
                TargetsOfType(RelationshipsOf(package, path, rel->second.target), "notesSlide"),
                text);
  }
  doc.title = std::move(first_title);
  doc.body = text.Take();
  return Status::Ok();
}

// Title, author and date from the core properties part.
void ReadCoreProperties(const ZipPackage& package, std::string_view path,
                        const std::map<std::string, Relationship>& package_rels,
                        ExtractedDocument& doc) {
  std::vector<std::string> parts = TargetsOfType(package_rels, "core-properties");
  if (parts.empty()) parts.push_back("docProps/core.xml");
  StatusOr<XmlPtr> core = ParsePart(package, path, parts.front());
  if (!core.ok() || *core == nullptr) return;
  const pugi::xml_node root = (*core)->document_element();
  std::string title = OneLine(Child(root, "title").child_value());
  if (!title.empty()) doc.title = std::move(title);
  doc.fields.author = OneLine(Child(root, "creator").child_value());
  for (const char* when : {"modified", "created"}) {
    if (!doc.fields.date) doc.fields.date = ParseIsoDate(Child(root, when).child_value());
  }
}

}  // namespace

bool IsOleCompoundFile(std::string_view content) {
  return content.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

StatusOr<std::vector<ExtractedDocument>> OoxmlExtractor::Extract(std::string_view path,
                                                                 std::string_view content) const {
  const std::string name(path);
  if (IsOleCompoundFile(content)) {
    return UnsupportedError(name +
                            ": encrypted (password-protected) Office file, or a legacy binary one");
  }
  // The XML parts and their relationships; never the media.
  QUARRY_ASSIGN_OR_RETURN(
      ZipPackage package,
      ZipPackage::Read(path, content,
                       [](std::string_view member) {
                         return EndsWithIgnoringAsciiCase(member, ".xml") ||
                                EndsWithIgnoringAsciiCase(member, ".rels");
                       },
                       max_expanded_bytes_));
  const auto package_rels = RelationshipsOf(package, path, "");
  std::vector<std::string> mains = TargetsOfType(package_rels, "officeDocument");
  if (mains.empty()) {
    return UnsupportedError(name + ": no Word, Excel or PowerPoint part in the package");
  }
  const std::string& main_part = mains.front();
  QUARRY_ASSIGN_OR_RETURN(XmlPtr main, ParsePart(package, path, main_part));
  if (main == nullptr) return DataLossError(name + ": the package's main part " + main_part + " is missing");

  ExtractedDocument doc;
  const std::string_view kind = LocalName(main->document_element());
  if (kind == "document") {
    QUARRY_RETURN_IF_ERROR(ReadDocument(package, path, main_part, *main, doc));
  } else if (kind == "workbook") {
    QUARRY_RETURN_IF_ERROR(ReadWorkbook(package, path, main_part, *main, doc));
  } else if (kind == "presentation") {
    QUARRY_RETURN_IF_ERROR(ReadPresentation(package, path, main_part, *main, doc));
  } else {
    return UnsupportedError(name + ": not a Word, Excel or PowerPoint package (" +
                            std::string(kind) + ")");
  }
  ReadCoreProperties(package, path, package_rels, doc);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

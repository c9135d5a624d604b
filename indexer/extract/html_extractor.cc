#include "indexer/extract/html_extractor.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "common/text/ascii.h"
#include "indexer/extract/decompressor.h"
#include "indexer/extract/document_date.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

// HTML5's prescan looks for a charset declaration in this many bytes.
constexpr size_t kCharsetPrescanBytes = 1024;

// The value after "charset" (and "=", spaces, an optional quote) in `tag`.
std::string CharsetIn(std::string_view tag) {
  size_t at = tag.find("charset");
  if (at == std::string_view::npos) return {};
  size_t i = at + 7;
  while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n')) ++i;
  if (i >= tag.size() || tag[i] != '=') return {};
  ++i;
  while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '"' || tag[i] == '\'')) ++i;
  size_t end = i;
  while (end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[end])) ||
                              std::strchr("-_.:", tag[end]) != nullptr)) {
    ++end;
  }
  return std::string(tag.substr(i, end - i));
}

bool IsInvisible(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD:  // <title> and <meta> are read as fields
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

// Elements that do not start a new line of text.
bool IsInline(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_KBD:
    case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_S: case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_U: case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR: case GUMBO_TAG_FONT: case GUMBO_TAG_TT: case GUMBO_TAG_BIG:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_LABEL: case GUMBO_TAG_INS: case GUMBO_TAG_DEL:
    case GUMBO_TAG_ACRONYM: case GUMBO_TAG_NOBR: case GUMBO_TAG_RUBY: case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
      return true;
    default:
      return false;
  }
}

void CollectText(const GumboNode* node, TextCollector& text) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      text.AddText(node->v.text.text);
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
    case GUMBO_NODE_DOCUMENT:
      break;
    default:  // comments
      return;
  }
  const GumboVector* children;
  if (node->type == GUMBO_NODE_DOCUMENT) {
    children = &node->v.document.children;
  } else {
    const GumboElement& element = node->v.element;
    if (node->type == GUMBO_NODE_TEMPLATE || IsInvisible(element.tag) ||
        gumbo_get_attribute(&element.attributes, "hidden") != nullptr) {
      return;
    }
    if (element.tag == GUMBO_TAG_BR || !IsInline(element.tag)) text.Break();
    children = &element.children;
  }
  for (unsigned i = 0; i < children->length; ++i) {
    CollectText(static_cast<const GumboNode*>(children->data[i]), text);
  }
  if (node->type == GUMBO_NODE_ELEMENT && !IsInline(node->v.element.tag)) text.Break();
}

std::string VisibleText(const GumboNode* node) {
  TextCollector text;
  CollectText(node, text);
  std::string s = text.Take();
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// What the <head> (and the first <h1>) say about the document.
struct HeadFields {
  std::string title, h1, description, keywords, author;
  // The dates <meta> tags give, by kDateNames: the first is preferred.
  std::string dates[4];
};

// <meta name> values that date a page, the most specific first.
constexpr std::string_view kDateNames[] = {"dcterms.modified", "dcterms.date", "date", "dc.date"};

void CollectHeadFields(const GumboNode* node, HeadFields& fields) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_TITLE:
      if (fields.title.empty()) fields.title = VisibleText(node);
      return;
    case GUMBO_TAG_H1:
      if (fields.h1.empty()) fields.h1 = VisibleText(node);
      return;
    case GUMBO_TAG_META: {
      const GumboAttribute* name = gumbo_get_attribute(&element.attributes, "name");
      const GumboAttribute* content = gumbo_get_attribute(&element.attributes, "content");
      if (name == nullptr || content == nullptr) return;
      std::string key = AsciiLower(name->value);
      if (key == "description" && fields.description.empty()) fields.description = content->value;
      if (key == "keywords" && fields.keywords.empty()) fields.keywords = content->value;
      if (key == "author" && fields.author.empty()) fields.author = content->value;
      for (size_t i = 0; i < std::size(kDateNames); ++i) {
        if (key == kDateNames[i] && fields.dates[i].empty()) fields.dates[i] = content->value;
      }
      return;
    }
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:  // an SVG <title> names a drawing, not the page
      return;
    default:
      break;
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    CollectHeadFields(static_cast<const GumboNode*>(element.children.data[i]), fields);
  }
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

// SVG elements whose text a drawing shows (text, tspan, textPath: gumbo
// knows them only by name) or declares (title, desc), and foreignObject,
// whose HTML it shows.
bool IsSvgTextElement(const GumboElement& element) {
  switch (element.tag) {
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_DESC:
    case GUMBO_TAG_FOREIGNOBJECT:
      return true;
    case GUMBO_TAG_UNKNOWN: {
      GumboStringPiece name = element.original_tag;
      gumbo_tag_from_original_text(&name);
      const std::string lower = AsciiLower(std::string_view(name.data, name.length));
      return lower == "text" || lower == "tspan" || lower == "textpath";
    }
    default:
      return false;
  }
}

// A drawing without a <title> is named by its file: "TreeLevel" for
// ".../TreeLevel.svg" (or ".svg.gz"); its text is labels, not a heading.
std::string DrawingName(std::string_view path) {
  path = WithoutCompressionSuffix(path);
  std::string_view name = path.substr(path.rfind('/') + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && EqualsIgnoringAsciiCase(name.substr(dot), ".svg"))
    name = name.substr(0, dot);
  return std::string(name);
}

// The text of SVG text elements under `node`, one line each; the first
// <title> becomes `title`.
void CollectSvgText(const GumboNode* node, bool in_text, TextCollector& text, std::string& title) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
      node->type == GUMBO_NODE_WHITESPACE) {
    if (in_text) text.AddText(node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector* children = &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_STYLE) return;
    const bool starts_text = !in_text && IsSvgTextElement(element);
    if (starts_text && element.tag == GUMBO_TAG_TITLE && title.empty()) title = VisibleText(node);
    in_text = in_text || starts_text;
    if (starts_text) text.Break();
    children = &element.children;
  }
  for (unsigned i = 0; i < children->length; ++i) {
    CollectSvgText(static_cast<const GumboNode*>(children->data[i]), in_text, text, title);
  }
}

}  // namespace

std::string DeclaredHtmlCharset(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (content.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (content.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  std::string head = AsciiLower(content.substr(0, kCharsetPrescanBytes));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    size_t end = head.find('>', at);
    std::string charset = CharsetIn(std::string_view(head).substr(at, end == std::string::npos
                                                                           ? std::string::npos
                                                                           : end - at));
    if (!charset.empty()) return charset;
  }
  return {};
}

StatusOr<std::vector<ExtractedDocument>> HtmlExtractor::Extract(std::string_view path,
                                                                std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded,
                          DecodeTextContent(path, content, DeclaredHtmlCharset(content)));
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(gumbo_parse_with_options(
      &kGumboDefaultOptions, decoded.text.data(), decoded.text.size()));
  if (output == nullptr) return InternalError(std::string(path) + ": the HTML parser failed");

  ExtractedDocument doc;
  HeadFields fields;
  CollectHeadFields(output->root, fields);
  doc.title = OneLine(fields.title.empty() ? fields.h1 : fields.title);
  doc.fields.description = OneLine(fields.description);
  doc.fields.keywords = OneLine(fields.keywords);
  doc.fields.author = OneLine(fields.author);
  for (const std::string& date : fields.dates) {
    if (doc.fields.date) break;
    if (!date.empty()) doc.fields.date = ParseIsoDate(date);
  }
  TextCollector text;
  CollectText(output->root, text);
  doc.body = text.Take();
  doc.encoding = std::move(decoded.encoding);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

StatusOr<std::vector<ExtractedDocument>> SvgExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded,
                          DecodeTextContent(path, content, DeclaredHtmlCharset(content)));
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, decoded.text.data(), decoded.text.size()));
  if (output == nullptr) return InternalError(std::string(path) + ": the SVG parser failed");
  ExtractedDocument doc;
  TextCollector text;
  std::string title;
  CollectSvgText(output->root, false, text, title);
  doc.body = text.Take();
  doc.title = OneLine(title);
  if (doc.title.empty()) doc.title = DrawingName(path);
  doc.encoding = std::move(decoded.encoding);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

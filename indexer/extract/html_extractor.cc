#include "indexer/extract/html_extractor.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "common/text/utf8.h"

namespace quarry::indexer {

namespace {

// HTML5's prescan looks for a charset declaration in this many bytes.
constexpr size_t kCharsetPrescanBytes = 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Utf16ToUtf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> uint32_t {
    auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0);
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;  // an unpaired surrogate
    }
    AppendUtf8(out, cp);
  }
  return out;
}

// windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, and browsers
// decode both labels as windows-1252 (WHATWG Encoding).
std::string Windows1252ToUtf8(std::string_view bytes) {
  static constexpr uint16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    AppendUtf8(out, b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : b);
  }
  return out;
}

bool IsLatin1Label(const std::string& charset) {
  return charset == "iso-8859-1" || charset == "latin1" || charset == "latin-1" ||
         charset == "windows-1252" || charset == "cp1252" || charset == "us-ascii" ||
         charset == "ascii" || charset == "iso8859-1";
}

struct Decoded {
  std::string text;      // UTF-8
  std::string encoding;  // what it was decoded from
};

// The document as UTF-8, which gumbo requires. Encodings other than UTF-8,
// UTF-16 and Latin-1 are decoded as UTF-8 with invalid bytes replaced.
Decoded DecodeHtml(std::string_view content, const std::string& charset) {
  if (charset == "utf-16le" || charset == "utf-16be") {
    return {Utf16ToUtf8(content.substr(2), charset == "utf-16be"), charset == "utf-16be" ? "UTF-16BE" : "UTF-16LE"};
  }
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  if (IsValidUtf8(content)) {
    // Also when the page claims Latin-1: an editor re-saved it as UTF-8
    // without updating the tag, and its bytes are the truth.
    return {std::string(content), "UTF-8"};
  }
  if (IsLatin1Label(charset)) return {Windows1252ToUtf8(content), "windows-1252"};
  return {SanitizeUtf8(content), "UTF-8"};
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Collects visible text with whitespace collapsed as a browser renders it:
// runs of spaces become one, block elements start a new line.
class TextCollector {
 public:
  void AddText(std::string_view text) {
    for (char c : text) {
      if (IsSpace(c)) {
        pending_space_ = true;
      } else {
        if (!out_.empty() && out_.back() != '\n' && pending_space_) out_ += ' ';
        pending_space_ = false;
        out_ += c;
      }
    }
  }
  void Break() {
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
    pending_space_ = false;
  }
  std::string Take() {
    while (!out_.empty() && out_.back() == '\n') out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

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
  std::string title, h1, description, keywords;
};

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
      std::string key = Lower(name->value);
      if (key == "description" && fields.description.empty()) fields.description = content->value;
      if (key == "keywords" && fields.keywords.empty()) fields.keywords = content->value;
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

// Meta values may hold newlines and runs of spaces; a field is one line.
std::string OneLine(std::string_view s) {
  TextCollector text;
  text.AddText(s);
  return text.Take();
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

std::string DeclaredHtmlCharset(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (content.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (content.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  std::string head = Lower(content.substr(0, kCharsetPrescanBytes));
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
  std::string charset = DeclaredHtmlCharset(content);
  bool utf16 = charset.rfind("utf-16", 0) == 0;
  if (!utf16 && std::memchr(content.data(), '\0', content.size()) != nullptr) {
    return UnsupportedError(std::string(path) + ": binary content (NUL bytes)");
  }
  Decoded decoded = DecodeHtml(content, charset);
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(gumbo_parse_with_options(
      &kGumboDefaultOptions, decoded.text.data(), decoded.text.size()));
  if (output == nullptr) return InternalError(std::string(path) + ": the HTML parser failed");

  ExtractedDocument doc;
  HeadFields fields;
  CollectHeadFields(output->root, fields);
  doc.title = OneLine(fields.title.empty() ? fields.h1 : fields.title);
  doc.description = OneLine(fields.description);
  doc.keywords = OneLine(fields.keywords);
  TextCollector text;
  CollectText(output->root, text);
  doc.body = text.Take();
  doc.encoding = decoded.encoding;
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

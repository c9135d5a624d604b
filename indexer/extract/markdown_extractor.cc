#include "indexer/extract/markdown_extractor.h"

#include <cmark.h>

#include <cstring>
#include <memory>

#include "indexer/extract/document_date.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/text_collector.h"
#include "indexer/extract/yaml_extractor.h"

namespace quarry::indexer {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

// Raw HTML inside Markdown: its text without the tags.
void AppendWithoutTags(std::string_view html, std::string& out) {
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
      out += ' ';
    } else if (!in_tag) {
      out += c;
    }
  }
}

bool IsBlock(cmark_node_type type) {
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM ||
         type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST ||
         type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK ||
         type == CMARK_NODE_THEMATIC_BREAK;
}

void EndLine(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

// The YAML front matter of a Markdown text (pandoc's, Jekyll's, Hugo's):
// "---" on the first line, up to a line "---" or "..." within the first
// kMaxFrontMatterLines; empty when there is none. `*rest` is the Markdown
// after it.
constexpr int kMaxFrontMatterLines = 200;

std::string_view FrontMatter(std::string_view text, std::string_view* rest) {
  *rest = text;
  size_t pos = 0;
  std::string_view line;
  if (!NextLine(text, &pos, &line) || (line != "---" && line != "---\r")) return {};
  const size_t start = pos;
  for (int n = 0; n < kMaxFrontMatterLines && NextLine(text, &pos, &line); ++n) {
    if (line == "---" || line == "..." || line == "---\r" || line == "...\r") {
      *rest = text.substr(pos);
      return text.substr(start, pos - start);
    }
  }
  return {};
}

}  // namespace

StatusOr<std::vector<ExtractedDocument>> MarkdownExtractor::Extract(
    std::string_view path, std::string_view raw) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, raw));
  std::string_view markdown;
  const std::string_view front = FrontMatter(decoded.text, &markdown);
  std::unique_ptr<cmark_node, NodeDeleter> root(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  if (root == nullptr) return InternalError(std::string(path) + ": the Markdown parser failed");
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(root.get()));

  ExtractedDocument doc;
  doc.encoding = decoded.encoding;
  std::string& body = doc.body;
  // The first heading's text is collected into the title as well.
  bool in_first_heading = false, seen_heading = false;
  size_t heading_start = 0;
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    cmark_node_type type = cmark_node_get_type(node);
    const char* literal = cmark_node_get_literal(node);
    if (ev == CMARK_EVENT_ENTER) {
      if (IsBlock(type)) EndLine(body);
      if (type == CMARK_NODE_HEADING && !seen_heading) {
        in_first_heading = seen_heading = true;
        heading_start = body.size();
      }
      switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          if (literal != nullptr) body += literal;
          break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          if (literal != nullptr) AppendWithoutTags(literal, body);
          break;
        case CMARK_NODE_SOFTBREAK:
          body += ' ';
          break;
        case CMARK_NODE_LINEBREAK:
          body += '\n';
          break;
        default:
          break;
      }
    } else {
      if (type == CMARK_NODE_HEADING && in_first_heading) {
        in_first_heading = false;
        doc.title = TextTitle(std::string_view(body).substr(heading_start));
      }
      if (IsBlock(type)) EndLine(body);
    }
  }
  while (!body.empty() && body.back() == '\n') body.pop_back();
  if (!seen_heading) doc.title = FirstLineTitle(body);
  if (!front.empty()) {
    if (std::string title = YamlTitle(front); !title.empty()) doc.title = std::move(title);
    doc.fields.author = OneLine(TopLevelYamlValue(front, "author"));
    doc.fields.date = ParseIsoDate(TopLevelYamlValue(front, "date"));
  }
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

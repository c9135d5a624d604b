#include "indexer/extract/plain_text_extractor.h"

#include <cstring>

#include "common/text/encoding.h"
#include "common/text/utf8.h"
#include "indexer/extract/title.h"

namespace quarry::indexer {

namespace {

// A first line longer than this is a paragraph, not a title: it is cut at
// its first sentence end, or else at a word boundary, and marked with "…".
constexpr size_t kMaxTitleBytes = 120;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsUnderline(std::string_view line) {
  line = Trim(line);
  if (line.size() < 3) return false;
  char c = line[0];
  if (std::strchr("=-~^*+#\"'`:.", c) == nullptr) return false;
  for (char x : line) {
    if (x != c) return false;
  }
  return true;
}

// `line` without an Emacs mode line ("GNU NEWS   -*- outline -*-").
std::string_view WithoutModeLine(std::string_view line) {
  const size_t start = line.find("-*-");
  if (start == std::string_view::npos) return line;
  const size_t end = line.find("-*-", start + 3);
  if (end == std::string_view::npos) return line;
  return Trim(line.substr(0, start)).empty() ? Trim(line.substr(end + 3)) : Trim(line.substr(0, start));
}

std::string CleanTitle(std::string_view line) {
  std::string_view t = Trim(WithoutModeLine(line));
  // Strip the "#" marks of a Markdown heading, and any closing ones.
  size_t hashes = 0;
  while (hashes < t.size() && t[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes <= 6 && (hashes == t.size() || t[hashes] == ' ')) {
    t = Trim(t.substr(hashes));
    while (!t.empty() && t.back() == '#') t.remove_suffix(1);
    t = Trim(t);
  }
  std::string title;
  if (t.size() <= kMaxTitleBytes) {
    title = std::string(t);
  } else {
    std::string_view head = TruncateUtf8(t, kMaxTitleBytes);
    size_t sentence = head.find(". ");
    size_t space = head.rfind(' ');
    if (sentence != std::string_view::npos && sentence >= 20) {
      title = std::string(head.substr(0, sentence + 1));
    } else {
      title = std::string(space != std::string_view::npos && space >= 20 ? head.substr(0, space) : head);
      title += "\xE2\x80\xA6";  // U+2026
    }
  }
  for (char& c : title) {
    if (c == '\t') c = ' ';
  }
  return title;
}

}  // namespace

bool NextLine(std::string_view text, size_t* pos, std::string_view* line) {
  if (*pos >= text.size()) return false;
  size_t nl = text.find('\n', *pos);
  if (nl == std::string_view::npos) nl = text.size();
  *line = text.substr(*pos, nl - *pos);
  *pos = nl + 1;
  return true;
}

std::string TextTitle(std::string_view text) {
  // A byte-order mark is not part of the title.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  for (std::string_view line; NextLine(text, &pos, &line);) {
    // Blank lines and reST overlines ("=====") come before the title, and
    // so does a license tag ("# SPDX-License-Identifier: GPL-2.0"), which
    // heads many files of a source tree and names none of them.
    if (Trim(WithoutModeLine(line)).empty() || IsUnderline(line) ||
        line.find("SPDX-License-Identifier:") != std::string_view::npos) {
      continue;
    }
    return CleanTitle(line);
  }
  return {};
}

std::string FirstLineTitle(std::string_view text) {
  std::string title = TextTitle(text);
  return ReadsAsTitle(title) ? title : std::string();
}

bool LooksLikeText(std::string_view content) {
  if (LooksLikeWideText(content)) return true;
  if (std::memchr(content.data(), '\0', content.size()) != nullptr) return false;
  if (IsValidUtf8Sample(content)) return true;
  // A legacy encoding: text has line breaks and tabs but almost no other
  // control codes, which binary formats are full of.
  size_t controls = 0;
  for (unsigned char c : content) {
    controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  return controls * 100 <= content.size();
}

StatusOr<DecodedText> DecodeTextContent(std::string_view path, std::string_view content,
                                        std::string_view declared_charset) {
  if (!LooksLikeWideText(content) &&
      std::memchr(content.data(), '\0', content.size()) != nullptr) {
    return UnsupportedError(std::string(path) + ": binary content (NUL bytes)");
  }
  DecodeOptions options;
  options.declared_charset = declared_charset;
  return DecodeText(content, options);
}

ExtractedDocument TextDocument(DecodedText decoded, std::string_view content) {
  ExtractedDocument doc;
  if (decoded.text == content) doc.text_in_file = FileText::kAsIs;
  doc.body = std::move(decoded.text);
  doc.encoding = std::move(decoded.encoding);
  return doc;
}

StatusOr<std::vector<ExtractedDocument>> PlainTextExtractor::Extract(
    std::string_view path, std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  ExtractedDocument doc = TextDocument(std::move(decoded), content);
  doc.title = FirstLineTitle(doc.body);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

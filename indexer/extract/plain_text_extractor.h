// File: indexer/extract/plain_text_extractor.h
// Plain text, Markdown and reStructuredText read as text: the title is the
// first heading (Markdown "#", reST underlined) or else the first line.
#ifndef QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_

#include "common/text/encoding.h"
#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class PlainTextExtractor : public Extractor {
 public:
  std::string_view name() const override { return "text"; }
  // 2: the first line is the title only when it reads as one (title.h).
  int version() const override { return 2; }

  // Decodes the content from its detected encoding (common/text/encoding.h)
  // and records that encoding in ExtractedDocument::encoding. Unsupported
  // when the content holds NUL bytes and is not UTF-16/32 (binary); invalid
  // sequences are replaced by U+FFFD, never rejected.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

// Reads the line starting at `*pos` of `text` into `*line` (without its
// "\n") and moves `*pos` past it; false when `*pos` is at the end.
//   for (size_t pos = 0; std::string_view line; NextLine(text, &pos, &line);) ...
bool NextLine(std::string_view text, size_t* pos, std::string_view* line);

// The title of a text: the first Markdown ATX heading or reST underlined
// heading when one comes before other text, else the first non-blank line
// (an Emacs mode line "-*- text -*-" is no line of its own, nor part of
// one); trimmed and cut to a readable length.
std::string TextTitle(std::string_view text);

// TextTitle(text) when it reads as a title (title.h ReadsAsTitle), else
// "": the document is then titled by its file.
std::string FirstLineTitle(std::string_view text);

// The text of a file in a text format (plain, Markdown, reST, HTML),
// decoded to UTF-8 from its encoding as common/text/encoding.h detects it;
// `declared_charset` is a charset the format itself declares (an HTML meta
// tag), empty when none. Unsupported ("binary content") when the content
// holds NUL bytes and is not UTF-16/32.
StatusOr<DecodedText> DecodeTextContent(std::string_view path, std::string_view content,
                                        std::string_view declared_charset = {});

// The document of a text file read as text: `decoded` (DecodeTextContent
// of `content`) is its body, with its encoding; when the text is the
// file's bytes as they are, the index need keep no copy (text_in_file).
// No title.
ExtractedDocument TextDocument(DecodedText decoded, std::string_view content);

// True when `content` (the first bytes of a file) looks like text in some
// encoding: UTF-16/32, or no NUL byte and either valid UTF-8 (a multi-byte
// character cut at the end of the sample is allowed) or bytes that decode
// to text with hardly any control characters.
bool LooksLikeText(std::string_view content);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_PLAIN_TEXT_EXTRACTOR_H_

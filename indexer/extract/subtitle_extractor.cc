#include "indexer/extract/subtitle_extractor.h"

#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "00:00:01,000 --> 00:00:04,000" (and WebVTT's settings after it).
bool IsTiming(std::string_view line) { return line.find("-->") != std::string_view::npos; }

// A line's text without tags: <i>...</i>, <c.yellow>, <00:01.000>, {\an8}.
std::string WithoutTags(std::string_view line) {
  std::string out;
  char closer = 0;
  for (char c : line) {
    if (closer != 0) {
      if (c == closer) closer = 0;
      continue;
    }
    if (c == '<') closer = '>';
    else if (c == '{') closer = '}';
    else out += c;
  }
  return out;
}

}  // namespace

StatusOr<std::vector<ExtractedDocument>> SubtitleExtractor::Extract(std::string_view path,
                                                                    std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  TextCollector text;
  // WebVTT blocks that are no dialogue: the header, NOTE and STYLE.
  bool skipping_block = false;
  size_t pos = 0;
  bool first = true;
  for (std::string_view raw; NextLine(decoded.text, &pos, &raw); first = false) {
    const std::string_view line = Trim(raw);
    if (line.empty()) {
      skipping_block = false;
      text.Break();
      continue;
    }
    if (skipping_block) continue;
    if ((first && line.starts_with("WEBVTT")) || line.starts_with("NOTE") || line == "STYLE" ||
        line == "REGION") {
      skipping_block = true;
      continue;
    }
    if (AllDigits(line) || IsTiming(line)) continue;
    text.AddText(WithoutTags(line));
    text.Break();
  }
  ExtractedDocument doc;
  doc.body = text.Take();
  doc.encoding = std::move(decoded.encoding);
  std::vector<ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return docs;
}

}  // namespace quarry::indexer

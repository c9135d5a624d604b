// File: indexer/extract/subtitle_extractor.h
// Subtitles (SubRip .srt, WebVTT .vtt): the lines spoken, without cue
// numbers, timings, WebVTT headers, NOTE and STYLE blocks, or formatting
// tags (<i>, <c.yellow>, {\an8}); titled by the file ("film.en.srt
// (subs)"), since no line of dialogue names the film.
#ifndef QUARRY_INDEXER_EXTRACT_SUBTITLE_EXTRACTOR_H_
#define QUARRY_INDEXER_EXTRACT_SUBTITLE_EXTRACTOR_H_

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

class SubtitleExtractor : public Extractor {
 public:
  std::string_view name() const override { return "subtitles"; }

  // Decodes the content as plain text is decoded (subtitles are often in
  // a legacy encoding). Unsupported for binary content.
  StatusOr<std::vector<ExtractedDocument>> Extract(std::string_view path,
                                                   std::string_view content) const override;
};

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_SUBTITLE_EXTRACTOR_H_

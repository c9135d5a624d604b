// File: common/text/analysis_config.h
// The settings that decide how text becomes terms. The indexer records them in
// the database metadata and the searcher reads them back, so documents and
// queries are always analyzed alike.
#ifndef QUARRY_COMMON_TEXT_ANALYSIS_CONFIG_H_
#define QUARRY_COMMON_TEXT_ANALYSIS_CONFIG_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry {

struct AnalysisConfig {
  // Bump when the meaning of the terms changes (new normalization rules, new
  // term kinds). On-disk format: a database recorded with another version is
  // refused by the searcher and rebuilt by the indexer.
  // 2: compound words with parts, CJK/Thai n-grams, stop words unstemmed,
  //    more diacritic folding (æ œ ø ł, Arabic/Hebrew points).
  static constexpr int kVersion = 2;

  // A Snowball stemmer name as Xapian knows it ("english", "french", ...),
  // or "none" for no stemming. Default: english.
  std::string language = "english";

  // Fold accents on Latin, Greek and Cyrillic letters (café == cafe).
  bool fold_diacritics = true;

  bool operator==(const AnalysisConfig&) const = default;
};

// "version=1;language=english;fold_diacritics=1": the metadata form.
std::string SerializeAnalysisConfig(const AnalysisConfig& config);

// Parses the metadata form. FailedPrecondition when the version is one this
// build does not know; DataLoss when the text is not of that form.
StatusOr<AnalysisConfig> ParseAnalysisConfig(std::string_view text);

// The language and folding settings of metadata written by any analysis
// version, for carrying them over when an index from another version is
// rebuilt. DataLoss when the text is not of the metadata form.
StatusOr<AnalysisConfig> ParseAnalysisSettingsOfAnyVersion(std::string_view text);

// Human-readable one-liner for --status and error messages.
std::string DescribeAnalysisConfig(const AnalysisConfig& config);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_ANALYSIS_CONFIG_H_

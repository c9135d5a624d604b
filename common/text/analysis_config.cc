#include "common/text/analysis_config.h"

#include <map>

namespace quarry {

std::string SerializeAnalysisConfig(const AnalysisConfig& config) {
  return "version=" + std::to_string(AnalysisConfig::kVersion) +
         ";language=" + config.language +
         ";fold_diacritics=" + (config.fold_diacritics ? "1" : "0");
}

namespace {

using Fields = std::map<std::string, std::string, std::less<>>;

StatusOr<Fields> ParseFields(std::string_view text) {
  Fields fields;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return DataLossError("analysis settings are unreadable: '" + std::string(text) + "'");
    }
    fields[std::string(item.substr(0, eq))] = std::string(item.substr(eq + 1));
    start = end + 1;
  }
  return fields;
}

AnalysisConfig ConfigFromFields(const Fields& fields) {
  AnalysisConfig config;
  if (auto it = fields.find("language"); it != fields.end()) config.language = it->second;
  if (auto it = fields.find("fold_diacritics"); it != fields.end()) {
    config.fold_diacritics = it->second != "0";
  }
  return config;
}

}  // namespace

StatusOr<AnalysisConfig> ParseAnalysisSettingsOfAnyVersion(std::string_view text) {
  QUARRY_ASSIGN_OR_RETURN(Fields fields, ParseFields(text));
  return ConfigFromFields(fields);
}

StatusOr<AnalysisConfig> ParseAnalysisConfig(std::string_view text) {
  QUARRY_ASSIGN_OR_RETURN(Fields fields, ParseFields(text));
  auto version = fields.find("version");
  if (version == fields.end()) {
    return DataLossError("analysis settings carry no version: '" + std::string(text) + "'");
  }
  if (version->second != std::to_string(AnalysisConfig::kVersion)) {
    return FailedPreconditionError("index written with analysis version " + version->second +
                                   ", this build knows version " +
                                   std::to_string(AnalysisConfig::kVersion) +
                                   "; rebuild it with quarry-index");
  }
  return ConfigFromFields(fields);
}

std::string DescribeAnalysisConfig(const AnalysisConfig& config) {
  return "language " + config.language + ", diacritic folding " +
         (config.fold_diacritics ? "on" : "off");
}

}  // namespace quarry

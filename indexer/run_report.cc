#include "indexer/run_report.h"

#include <cstdio>

namespace quarry::indexer {

void RunReport::Fate(const std::string& action, const std::string& path,
                     const std::string& reason) {
  if (verbosity_ != Verbosity::kVerbose) return;
  progress_.Clear();
  diagnostics_.Note(action + " " + path + (reason.empty() ? "" : " (" + reason + ")"));
}

void RunReport::Skipped(const std::string& path, const std::string& reason) {
  ++counts_.skipped;
  Fate("skip", path, reason);
}

void RunReport::Failed(const Status& status) {
  ++counts_.failed;
  progress_.Clear();
  diagnostics_.Error(status);
}

void RunReport::Note(const std::string& message) {
  if (verbosity_ == Verbosity::kQuiet) return;
  progress_.Clear();
  diagnostics_.Note(message);
}

void RunReport::Warning(const std::string& message) {
  progress_.Clear();
  diagnostics_.Warning(message);
}

std::string RunReport::CountsText() const {
  return "added " + std::to_string(counts_.added) + ", updated " + std::to_string(counts_.updated) +
         ", unchanged " + std::to_string(counts_.unchanged) + ", removed " +
         std::to_string(counts_.removed) + ", skipped " + std::to_string(counts_.skipped) +
         ", failed " + std::to_string(counts_.failed);
}

std::string RunReport::SummaryLine(double seconds) const {
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  return CountsText() + " in " + elapsed + " s";
}

}  // namespace quarry::indexer

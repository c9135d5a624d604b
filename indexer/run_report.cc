#include "indexer/run_report.h"

namespace quarry::indexer {

std::string CountsText(const RunCounts& counts) {
  return "added " + std::to_string(counts.added) + ", updated " + std::to_string(counts.updated) +
         ", unchanged " + std::to_string(counts.unchanged) + ", removed " +
         std::to_string(counts.removed) + ", skipped " + std::to_string(counts.skipped) +
         ", failed " + std::to_string(counts.failed);
}

void RunReport::Skipped(const std::string& path, const std::string& reason) {
  ++counts_.skipped;
  observer_->OnFate("skip", path, reason);
}

void RunReport::Failed(const Status& status) {
  ++counts_.failed;
  observer_->OnFailure(status);
}

}  // namespace quarry::indexer

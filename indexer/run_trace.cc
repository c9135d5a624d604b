#include "indexer/run_trace.h"

#include <unistd.h>

#include <cmath>

#include "common/index/schema.h"

namespace quarry::indexer {

namespace {

int64_t NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string DescribeRunSettings(const IndexerConfig& config) {
  uint64_t size = config.max_file_bytes;
  std::string size_text = size % (1 << 20) == 0 ? std::to_string(size >> 20) + "M"
                          : size % (1 << 10) == 0 ? std::to_string(size >> 10) + "K"
                                                  : std::to_string(size);
  std::string text = "batch-size " + std::to_string(config.batch_size) + ", max-file-size " +
                     size_text + ", max-delete-share " +
                     std::to_string(std::lround(config.max_delete_share * 100)) + "%";
  text += config.walk.symlinks == SymlinkPolicy::kAlways        ? ", symlinks followed"
          : config.walk.symlinks == SymlinkPolicy::kWithinRoots ? ", symlinks followed within the folders"
                                                                : ", symlinks not followed";
  text += config.walk.include_hidden ? ", hidden files included" : ", hidden files excluded";
  if (config.store_text.value_or(false)) text += ", every text stored";
  for (const std::string& glob : config.walk.exclude_globs) text += ", exclude " + glob;
  for (const std::string& ext : config.walk.include_extensions) text += ", include-ext " + ext;
  return text;
}

Status RecordRun(const LastRun& run, IndexWriter& writer) {
  return writer.SetMetadata(std::string(schema::kLastRunKey), EncodeLastRun(run));
}

void RunTrace::Begin(const std::string& folder, const std::vector<std::string>& roots,
                     const AnalysisConfig& analysis, size_t shards) {
  folder_ = folder;
  record_.state = RunRecord::State::kRunning;
  record_.pid = ::getpid();
  record_.started_unix_seconds = NowUnixSeconds();
  record_.roots = roots;
  record_.analysis = SerializeAnalysisConfig(analysis);
  record_.shards = shards;
  (void)WriteRunRecord(folder_, record_);
}

LastRun RunTrace::Finish(RunRecord::State state, const std::string& result,
                         const RunReport& report, const IndexerConfig& config) {
  record_.state = state;
  record_.run.finished_unix_seconds = NowUnixSeconds();
  record_.run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  record_.run.result = result;
  record_.run.counts = report.CountsText();
  record_.run.settings = DescribeRunSettings(config);
  return record_.run;
}

LastRun RunTrace::FinishApplied(ApplyOutcome applied, const RunReport& report,
                                const IndexerConfig& config) {
  const RunCounts& counts = report.counts();
  const std::string result = applied == ApplyOutcome::kInterrupted ? "interrupted"
                             : counts.failed > 0 ? "done, " + std::to_string(counts.failed) + " files failed"
                                                 : "done";
  return Finish(applied == ApplyOutcome::kInterrupted ? RunRecord::State::kInterrupted
                                                      : RunRecord::State::kDone,
                result, report, config);
}

void RunTrace::Write() const {
  if (!folder_.empty()) (void)WriteRunRecord(folder_, record_);
}

}  // namespace quarry::indexer

// File: indexer/options.h
// quarry-index's command line and --config file -> a validated IndexerConfig.
// The only place the indexer touches Boost.ProgramOptions.
#ifndef QUARRY_INDEXER_OPTIONS_H_
#define QUARRY_INDEXER_OPTIONS_H_

#include <string>

#include "common/status.h"
#include "indexer/indexer_config.h"
#include "indexer/terminal_report.h"
#include "indexer/watch_loop.h"

namespace quarry::indexer {

struct IndexerInvocation {
  enum class Action { kIndex, kWatch, kStatus, kCheck, kCompact, kHelp, kVersion };
  Action action = Action::kIndex;
  IndexerConfig config;
  // Print the plan and stop, without taking the lock (kIndex).
  bool dry_run = false;
  Verbosity verbosity = Verbosity::kNormal;
  // kWatch: how batches are made. Tests set smaller limits than the
  // kernel's through the environment (QUARRY_WATCH_TEST_MAX_WATCHES,
  // QUARRY_WATCH_TEST_QUEUED_EVENTS, QUARRY_WATCH_TEST_WALK_EVERY_MS).
  WatchSettings watch;
  std::string help_text;  // filled for kHelp
};

// InvalidArgument (with a one-line message) for a usage error.
StatusOr<IndexerInvocation> ParseIndexerOptions(int argc, const char* const argv[]);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_OPTIONS_H_

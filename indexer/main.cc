// quarry-index: parse options, run the index flow, map the result to an exit code.
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

#include <unistd.h>

#include "common/cli/diagnostics.h"
#include "common/cli/exit_code.h"
#include "common/cli/interrupt.h"
#include "indexer/options.h"
#include "indexer/pipeline.h"
#include "indexer/status_printer.h"

#ifndef QUARRY_VERSION
#define QUARRY_VERSION "unknown"
#endif

namespace {

quarry::ExitCode Run(int argc, char** argv) {
  using namespace quarry;
  using namespace quarry::indexer;
  Diagnostics diagnostics("quarry-index");
  StatusOr<IndexerInvocation> invocation = ParseIndexerOptions(argc, argv);
  if (!invocation.ok()) {
    diagnostics.Error(invocation.status().message() + "\ntry 'quarry-index --help'");
    return ExitCode::kError;
  }
  if (invocation->action == IndexerInvocation::Action::kHelp) {
    std::cout << invocation->help_text;
    return ExitCode::kOk;
  }
  if (invocation->action == IndexerInvocation::Action::kVersion) {
    std::cout << "quarry-index " << QUARRY_VERSION << "\n";
    return ExitCode::kOk;
  }
  const IndexerConfig& config = invocation->config;
  if (invocation->action == IndexerInvocation::Action::kStatus) {
    Status status = PrintIndexStatus(config.db_path, std::cout);
    if (!status.ok()) diagnostics.Error(status);
    return status.ok() ? ExitCode::kOk : ExitCode::kError;
  }
  InstallInterruptHandlers();
  RunReport report(diagnostics, config.verbosity);
  if (::isatty(STDERR_FILENO)) report.EnableProgress();
  auto start = std::chrono::steady_clock::now();
  StatusOr<RunOutcome> outcome = IndexCorpus(config, report, std::cout, InterruptRequested);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.progress().Clear();
  if (!outcome.ok()) {
    if (outcome.status().code() == StatusCode::kLocked) {
      diagnostics.Error(outcome.status().message() +
                        (config.lock_wait.count() == 0
                             ? "; try again later, or wait for it with --wait SECONDS"
                             : ""));
      return ExitCode::kLocked;
    }
    diagnostics.Error(outcome.status());
    return ExitCode::kError;
  }
  if (*outcome == RunOutcome::kDryRun) return ExitCode::kOk;
  if (*outcome == RunOutcome::kInterrupted) {
    diagnostics.Note(std::string("interrupted by ") + InterruptSignalName() +
                     ": what was done is committed; the next run finishes the job");
  }
  // The summary line ends every run, except with --quiet (cron mails only errors).
  if (config.verbosity != Verbosity::kQuiet) {
    std::cout << "quarry-index: " << report.SummaryLine(seconds) << std::endl;
  }
  if (*outcome == RunOutcome::kInterrupted) return ExitCode::kInterrupted;
  return report.counts().failed > 0 ? ExitCode::kNoHitsOrPartial : ExitCode::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return quarry::ToInt(Run(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quarry-index: internal error: %s\n", e.what());
    return quarry::ToInt(quarry::ExitCode::kError);
  }
}

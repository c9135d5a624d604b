// quarry-index: parse options, plan and apply the index run, map the result to an exit code.
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

#include <sys/stat.h>
#include <unistd.h>

#include "common/cli/diagnostics.h"
#include "common/cli/exit_code.h"
#include "common/cli/interrupt.h"
#include "common/index/index_check.h"
#include "common/index/index_folder.h"
#include "indexer/options.h"
#include "indexer/pipeline.h"
#include "indexer/status_printer.h"
#include "indexer/terminal_report.h"
#include "indexer/watch_log.h"

#ifndef QUARRY_VERSION
#define QUARRY_VERSION "unknown"
#endif

namespace {

using namespace quarry;
using namespace quarry::indexer;

ExitCode Check(const IndexerConfig& config, Diagnostics& diagnostics) {
  StatusOr<IndexCheck> check = CheckIndex(config.db_path, LockWait{config.lock_wait, nullptr});
  if (!check.ok()) {
    diagnostics.Error(check.status());
    return check.status().code() == StatusCode::kLocked ? ExitCode::kLocked : ExitCode::kError;
  }
  PrintIndexCheck(config.db_path, *check, std::cout);
  return check->sound() ? ExitCode::kOk : ExitCode::kError;
}

ExitCode Compact(const IndexerInvocation& invocation, Diagnostics& diagnostics) {
  const IndexerConfig& config = invocation.config;
  TerminalReport terminal(diagnostics, invocation.verbosity);
  RunReport report(terminal);
  auto start = std::chrono::steady_clock::now();
  StatusOr<CompactionResult> result =
      CompactIndex(config.db_path, LockWait{config.lock_wait, nullptr}, report);
  if (!result.ok()) {
    diagnostics.Error(result.status());
    return result.status().code() == StatusCode::kLocked ? ExitCode::kLocked : ExitCode::kError;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (invocation.verbosity != Verbosity::kQuiet) {
    std::printf("quarry-index: compacted %s from %.1f MB to %.1f MB in %.2f s\n",
                config.db_path.c_str(), result->bytes_before / 1e6, result->bytes_after / 1e6,
                seconds);
  }
  return ExitCode::kOk;
}

// A run that could not complete: the message, with what to do, and the code.
ExitCode Failed(const Status& status, const IndexerConfig& config, Diagnostics& diagnostics) {
  if (status.code() == StatusCode::kLocked) {
    diagnostics.Error(status.message() + (config.lock_wait.count() == 0
                                              ? "; try again later, or wait for it with --wait SECONDS"
                                              : ""));
    return ExitCode::kLocked;
  }
  if (status.code() == StatusCode::kNoSpace) {
    diagnostics.Error(status.message() + "; free some space there and run "
                      "quarry-index again: it continues from what was kept");
    return ExitCode::kError;
  }
  diagnostics.Error(status);
  return ExitCode::kError;
}

// --watch: runs until SIGTERM or SIGINT, which end it with exit 0 (its
// normal end, as a service's); 2 when it cannot go on.
ExitCode Watch(const IndexerInvocation& invocation, Diagnostics& diagnostics) {
  InstallInterruptHandlers();
  WatchLog log(diagnostics, invocation.verbosity);
  Status watched = RunWatch(invocation.config, invocation.watch, log, log, InterruptRequested);
  if (!watched.ok()) return Failed(watched, invocation.config, diagnostics);
  if (invocation.verbosity != Verbosity::kQuiet) {
    diagnostics.Note(std::string("stopped by ") + InterruptSignalName() +
                     ": every change applied is committed");
  }
  return ExitCode::kOk;
}

ExitCode Index(const IndexerInvocation& invocation, Diagnostics& diagnostics) {
  const IndexerConfig& config = invocation.config;
  InstallInterruptHandlers();
  TerminalReport terminal(diagnostics, invocation.verbosity);
  if (::isatty(STDERR_FILENO)) terminal.EnableProgress();
  RunReport report(terminal);
  auto start = std::chrono::steady_clock::now();
  StatusOr<IndexPlan> plan = PlanIndexRun(config, report);
  StatusOr<RunOutcome> outcome = plan.status();
  if (plan.ok() && invocation.dry_run) {
    terminal.ClearProgress();
    PrintPlan(*plan, std::cout);
    return ExitCode::kOk;
  }
  if (plan.ok()) {
    // Files Xapian makes get no more access than the index's folder gives.
    ::umask(UmaskFor(plan->access));
    outcome = ApplyIndexRun(*plan, report, InterruptRequested);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  terminal.ClearProgress();
  if (!outcome.ok()) return Failed(outcome.status(), config, diagnostics);
  if (*outcome == RunOutcome::kInterrupted) {
    diagnostics.Note(std::string("interrupted by ") + InterruptSignalName() +
                     ": what was done is committed; the next run finishes the job");
  }
  // The summary line ends every run, except with --quiet (cron mails only errors).
  if (invocation.verbosity != Verbosity::kQuiet) {
    std::cout << "quarry-index: " << TerminalReport::SummaryLine(report.counts(), seconds)
              << std::endl;
  }
  if (*outcome == RunOutcome::kInterrupted) return ExitCode::kInterrupted;
  return report.counts().failed > 0 ? ExitCode::kNoHitsOrPartial : ExitCode::kOk;
}

ExitCode Run(int argc, char** argv) {
  Diagnostics diagnostics("quarry-index");
  StatusOr<IndexerInvocation> invocation = ParseIndexerOptions(argc, argv);
  if (!invocation.ok()) {
    diagnostics.Error(invocation.status().message() + "\ntry 'quarry-index --help'");
    return ExitCode::kError;
  }
  switch (invocation->action) {
    case IndexerInvocation::Action::kHelp:
      std::cout << invocation->help_text;
      return ExitCode::kOk;
    case IndexerInvocation::Action::kVersion:
      std::cout << "quarry-index " << QUARRY_VERSION << "\n";
      return ExitCode::kOk;
    case IndexerInvocation::Action::kStatus: {
      Status status = PrintIndexStatus(invocation->config.db_path, std::cout);
      if (!status.ok()) diagnostics.Error(status);
      return status.ok() ? ExitCode::kOk : ExitCode::kError;
    }
    case IndexerInvocation::Action::kCheck:
      return Check(invocation->config, diagnostics);
    case IndexerInvocation::Action::kCompact:
      return Compact(*invocation, diagnostics);
    case IndexerInvocation::Action::kWatch:
      return Watch(*invocation, diagnostics);
    case IndexerInvocation::Action::kIndex:
      break;
  }
  return Index(*invocation, diagnostics);
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

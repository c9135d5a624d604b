// quarry-index: parse options, run the index flow, map the result to an exit code.
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

#include "common/cli/diagnostics.h"
#include "common/cli/exit_code.h"
#include "indexer/options.h"
#include "indexer/pipeline.h"

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
  RunReport report(diagnostics, config.verbosity);
  auto start = std::chrono::steady_clock::now();
  Status status = IndexCorpus(config, report, std::cout);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!status.ok()) {
    diagnostics.Error(status);
    return status.code() == StatusCode::kLocked ? ExitCode::kLocked : ExitCode::kError;
  }
  if (!config.dry_run && config.verbosity != Verbosity::kQuiet) {
    std::cout << "quarry-index: " << report.SummaryLine(seconds) << std::endl;
  }
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

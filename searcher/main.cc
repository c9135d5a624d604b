// quarry-search: parse options, search (search_command.h: open the index,
// Searcher::Search, print), exit with the code that makes.
#include <malloc.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include "common/cli/diagnostics.h"
#include "common/cli/exit_code.h"
#include "searcher/options.h"
#include "searcher/search_command.h"

#ifndef QUARRY_VERSION
#define QUARRY_VERSION "unknown"
#endif

namespace {

quarry::ExitCode Run(int argc, char** argv) {
  using namespace quarry;
  using namespace quarry::searcher;
  Diagnostics diagnostics("quarry-search");
  StatusOr<SearchInvocation> invocation = ParseSearchOptions(argc, argv, isatty(STDOUT_FILENO));
  if (!invocation.ok()) {
    diagnostics.Error(invocation.status().message() + "\ntry 'quarry-search --help'");
    return ExitCode::kError;
  }
  if (invocation->action == SearchInvocation::Action::kHelp) {
    std::cout << invocation->help_text;
    return ExitCode::kOk;
  }
  if (invocation->action == SearchInvocation::Action::kVersion) {
    std::cout << "quarry-search " << QUARRY_VERSION << "\n";
    return ExitCode::kOk;
  }
  ExitCode code = RunSearchCommand(invocation->command, std::cout, diagnostics);
  std::cout.flush();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe (quarry-search ... | head -1) ends the output quietly.
  std::signal(SIGPIPE, SIG_DFL);
  // A search reads each shown hit's stored text (up to 1 MiB) into a fresh
  // string. Served from one heap that is never trimmed, each text reuses
  // the pages of the one before instead of faulting in new ones.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  try {
    return quarry::ToInt(Run(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quarry-search: internal error: %s\n", e.what());
    return quarry::ToInt(quarry::ExitCode::kError);
  }
}

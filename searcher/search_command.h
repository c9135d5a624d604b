// File: searcher/search_command.h
// quarry-search once its command line is read: open the index, search,
// print the page on stdout, notes and warnings on stderr, and say which
// exit code that makes. The terminal's side of the flow: the core
// (searcher.h) returns data, this decides how a terminal shows it.
#ifndef QUARRY_SEARCHER_SEARCH_COMMAND_H_
#define QUARRY_SEARCHER_SEARCH_COMMAND_H_

#include <ostream>

#include "common/cli/diagnostics.h"
#include "common/cli/exit_code.h"
#include "searcher/render/printer.h"
#include "searcher/search_request.h"
#include "searcher/searcher_options.h"

namespace quarry::searcher {

// Everything one quarry-search run asks for, split by lifetime: what opens
// the index, what the query asks, and how the terminal prints the page.
struct SearchCommand {
  SearcherOptions index;
  SearchRequest request;
  PrinterOptions printer;
};

// Runs `command`: the page on `out`; the page's notices, the "did you
// mean" of --format paths (whose stdout stays paths) and errors on
// `diagnostics`. kOk with at least one hit (for a count only, at least one
// matching document), kNoHitsOrPartial with none, kError when the index
// cannot be opened or the search fails.
ExitCode RunSearchCommand(const SearchCommand& command, std::ostream& out, Diagnostics& diagnostics);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_COMMAND_H_

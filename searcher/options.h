// File: searcher/options.h
// quarry-search's command line -> a validated SearchCommand (what opens the
// index, what the query asks, how the page is printed). The only place the
// searcher touches Boost.ProgramOptions.
#ifndef QUARRY_SEARCHER_OPTIONS_H_
#define QUARRY_SEARCHER_OPTIONS_H_

#include <string>

#include "common/status.h"
#include "searcher/search_command.h"

namespace quarry::searcher {

struct SearchInvocation {
  enum class Action { kSearch, kHelp, kVersion };
  Action action = Action::kSearch;
  SearchCommand command;
  std::string help_text;
};

// `stdout_is_terminal` decides --color auto. InvalidArgument for a usage
// error, including an empty query. The common command lines (query words
// and the usual options, in full) are read without Boost, which costs a
// short search a measurable share of its time; `common_without_boost`
// false reads every command line with Boost (for tests that compare the
// two readings).
StatusOr<SearchInvocation> ParseSearchOptions(int argc, const char* const argv[],
                                              bool stdout_is_terminal,
                                              bool common_without_boost = true);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_OPTIONS_H_

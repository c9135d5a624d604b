#include "searcher/options.h"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "common/index/database.h"

namespace quarry::searcher {

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "Usage: quarry-search [OPTIONS] QUERY...\n"
    "Search the index for QUERY and print the best documents with a snippet.\n"
    "\n"
    "Query syntax:\n"
    "  meta acquisition      documents with all the words rank first, then some\n"
    "  \"exact phrase\"        the words next to each other, in order\n"
    "  a AND b, a OR b, a NOT b, (a OR b) c   operators in capitals; OR binds\n"
    "                        loosest, then AND/NOT, then words side by side\n"
    "  +word  -word          must / must not contain (also +\"phrase\", -(a b))\n"
    "  a NEAR b, a NEAR/3 b  within 10 (or 3) words of each other\n"
    "  acqui*                words starting with acqui (the 100 most frequent)\n"
    "  title:word  title:\"a phrase\"   in the title\n"
    "  path:notes/           under a folder (relative to the current folder or\n"
    "                        an indexed one; path:notes/ba matches a name prefix)\n"
    "  ext:md                by extension\n"
    "  date:2025-01-01..2025-06-30  date:2025-03  date:..2024  date:7d (12h, 2w, 3m, 1y)\n"
    "                        by modification time, local time\n"
    "A query of filters only (ext:md path:notes/) lists documents newest first.\n"
    "A query with no lower-case letter a-z (pasted in capitals) has no operators:\n"
    "AND, OR, NOT and NEAR are words there, as with --plain. A query whose syntax\n"
    "cannot be read (an unbalanced quote, a dangling AND) is searched as plain\n"
    "words, with a note on stderr. Put -- before a query that starts with '-':\n"
    "  quarry-search -- -draft notes\n";

po::options_description Describe() {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("db", po::value<std::vector<std::string>>()->value_name("PATH"),
       "database location (default: $QUARRY_DB, else\n$XDG_DATA_HOME/quarry/index, else ~/.local/share/quarry/index);\n"
       "a database, a sharded index folder or a stub file;\nrepeat to search several as one")
      ("shard-timeout", po::value<unsigned>()->value_name("MS")->default_value(5000),
       "give up on a remote shard that takes longer than MS\nmilliseconds to answer (0: wait forever)")
      ("shard-connect-timeout", po::value<unsigned>()->value_name("MS")->default_value(2000),
       "give up connecting to a remote shard after MS\nmilliseconds (0: wait forever)")
      ("require-all-shards", "fail (exit 2) when a shard cannot be reached,\ninstead of answering from the others")
      ("limit,n", po::value<size_t>()->value_name("N")->default_value(10), "show N results")
      ("offset", po::value<size_t>()->value_name("N")->default_value(0), "skip the first N results")
      ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
       "text, json (one object) or paths (one per line)")
      ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
       "highlight with ANSI colours: auto (when stdout is a terminal and\nNO_COLOR is unset), always or never")
      ("sort", po::value<std::string>()->value_name("ORDER")->default_value("relevance"),
       "relevance, or date (newest first)")
      ("snippet-length", po::value<size_t>()->value_name("BYTES")->default_value(240),
       "length of the snippet shown per result (0: none)")
      ("plain", "read the query as plain words: no operators, quotes or fields")
      ("explain", "show how each query term weighs in each score (tf, document\nlength, idf)")
      ("no-expand", "search a long query exactly as written: no words added from\nits best matches (pseudo-relevance feedback)")
      ("query", po::value<std::vector<std::string>>(), "the query words");
  return options;
}

StatusOr<OutputFormat> ParseFormat(const std::string& name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "paths") return OutputFormat::kPaths;
  return InvalidArgumentError("--format takes text, json or paths, not '" + name + "'");
}

StatusOr<SortOrder> ParseSort(const std::string& name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "date") return SortOrder::kDate;
  return InvalidArgumentError("--sort takes relevance or date, not '" + name + "'");
}

StatusOr<bool> ParseColor(const std::string& when, bool stdout_is_terminal) {
  if (when == "always") return true;
  if (when == "never") return false;
  if (when == "auto") {
    const char* no_color = std::getenv("NO_COLOR");
    return stdout_is_terminal && (no_color == nullptr || *no_color == '\0');
  }
  return InvalidArgumentError("--color takes auto, always or never, not '" + when + "'");
}

StatusOr<SearchRequest> BuildRequest(const po::variables_map& vm, bool stdout_is_terminal) {
  SearchRequest request;
  std::vector<std::string> dbs;
  if (vm.count("db")) dbs = vm["db"].as<std::vector<std::string>>();
  if (dbs.empty()) dbs.emplace_back();
  for (const std::string& db : dbs) request.db_paths.push_back(ResolveDatabasePath(db));
  request.shards.answer_timeout_ms = vm["shard-timeout"].as<unsigned>();
  request.shards.connect_timeout_ms = vm["shard-connect-timeout"].as<unsigned>();
  request.require_all_shards = vm.count("require-all-shards") > 0;
  if (vm.count("query")) {
    for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
      if (!request.query.empty()) request.query += ' ';
      request.query += word;
    }
  }
  if (request.query.find_first_not_of(" \t\n") == std::string::npos) {
    return InvalidArgumentError("empty query: give some words to search for");
  }
  request.page.limit = vm["limit"].as<size_t>();
  request.page.offset = vm["offset"].as<size_t>();
  QUARRY_ASSIGN_OR_RETURN(request.page.sort, ParseSort(vm["sort"].as<std::string>()));
  request.plain = vm.count("plain") > 0;
  request.explain = vm.count("explain") > 0;
  request.expand = vm.count("no-expand") == 0;
  QUARRY_ASSIGN_OR_RETURN(request.printer.format, ParseFormat(vm["format"].as<std::string>()));
  QUARRY_ASSIGN_OR_RETURN(request.printer.color,
                          ParseColor(vm["color"].as<std::string>(), stdout_is_terminal));
  std::error_code ec;
  request.printer.cwd = std::filesystem::current_path(ec).string();
  request.snippet.max_bytes = vm["snippet-length"].as<size_t>();
  return request;
}

}  // namespace

StatusOr<SearchInvocation> ParseSearchOptions(int argc, const char* const argv[],
                                              bool stdout_is_terminal) {
  po::options_description options = Describe();
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  SearchInvocation invocation;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return InvalidArgumentError(e.what());
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << kUsage << "\n" << options
         << "\nExit status: 0 at least one result, 1 no results, 2 error (bad usage,\n"
            "empty query, missing or unreadable index).\n";
    invocation.action = SearchInvocation::Action::kHelp;
    invocation.help_text = help.str();
    return invocation;
  }
  if (vm.count("version")) {
    invocation.action = SearchInvocation::Action::kVersion;
    return invocation;
  }
  QUARRY_ASSIGN_OR_RETURN(invocation.request, BuildRequest(vm, stdout_is_terminal));
  return invocation;
}

}  // namespace quarry::searcher

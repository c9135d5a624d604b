#include "searcher/options.h"

#include <unistd.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string_view>

#include "common/index/database.h"
#include "common/index/document_fields.h"

namespace quarry::searcher {

namespace po = boost::program_options;

namespace {

constexpr const char* kUsageStart =
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
    "  title:word  title:\"a phrase\"   in the title\n";
// (Here: the fields documents declare, from kTextFields.)
constexpr const char* kUsageEnd =
    "  path:notes/           under a folder (relative to the current folder or\n"
    "                        an indexed one; path:notes/ba matches a name prefix)\n"
    "  ext:md                by extension\n"
    "  date:2025-01-01..2025-06-30  date:2025-03  date:..2024  date:7d (12h, 2w, 3m, 1y)\n"
    "                        by the document's date (its own, as an office file\n"
    "                        or a page records it, else its file's modification\n"
    "                        time), local time\n"
    "A query of filters only (ext:md path:notes/) lists documents newest first.\n"
    "A query with no lower-case letter a-z (pasted in capitals) has no operators:\n"
    "AND, OR, NOT and NEAR are words there, as with --plain. A query whose syntax\n"
    "cannot be read (an unbalanced quote, a dangling AND) is searched as plain\n"
    "words, with a note on stderr. Put -- before a query that starts with '-':\n"
    "  quarry-search -- -draft notes\n";

// The usage text, with a line for the text fields documents declare
// ("  author:word  description:word ...   in a field the document declares").
std::string Usage() {
  std::string fields = "  ";
  for (const TextField& field : kTextFields) fields.append(field.name).append(":word  ");
  fields += " in a field the document declares\n";
  return std::string(kUsageStart) + fields + kUsageEnd;
}

// Defaults, shared by Boost's description and the plain parser below.
constexpr unsigned kDefaultShardTimeoutMs = 5000;
constexpr unsigned kDefaultShardConnectTimeoutMs = 2000;
constexpr size_t kDefaultLimit = 10;
constexpr size_t kDefaultSnippetBytes = 240;

// The command line's values before they are checked and interpreted, with
// the defaults of the options not given.
struct RawOptions {
  std::vector<std::string> db;
  unsigned shard_timeout_ms = kDefaultShardTimeoutMs;
  unsigned shard_connect_timeout_ms = kDefaultShardConnectTimeoutMs;
  bool require_all_shards = false;
  size_t limit = kDefaultLimit;
  size_t offset = 0;
  std::string format = "text";
  std::string color = "auto";
  std::string sort = "relevance";
  size_t snippet_length = kDefaultSnippetBytes;
  bool plain = false;
  bool explain = false;
  bool no_expand = false;
  std::vector<std::string> query;
};

po::options_description Describe() {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("db", po::value<std::vector<std::string>>()->value_name("PATH"),
       "database location (default: $QUARRY_DB, else\n$XDG_DATA_HOME/quarry/index, else ~/.local/share/quarry/index);\n"
       "a database, a sharded index folder or a stub file;\nrepeat to search several as one")
      ("shard-timeout", po::value<unsigned>()->value_name("MS")->default_value(kDefaultShardTimeoutMs),
       "give up on a remote shard that takes longer than MS\nmilliseconds to answer (0: wait forever)")
      ("shard-connect-timeout", po::value<unsigned>()->value_name("MS")->default_value(kDefaultShardConnectTimeoutMs),
       "give up connecting to a remote shard after MS\nmilliseconds (0: wait forever)")
      ("require-all-shards", "fail (exit 2) when a shard cannot be reached,\ninstead of answering from the others")
      ("limit,n", po::value<size_t>()->value_name("N")->default_value(kDefaultLimit), "show N results")
      ("offset", po::value<size_t>()->value_name("N")->default_value(0), "skip the first N results")
      ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
       "text, json (one object) or paths (one per line)")
      ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
       "highlight with ANSI colours: auto (when stdout is a terminal and\nNO_COLOR is unset), always or never")
      ("sort", po::value<std::string>()->value_name("ORDER")->default_value("relevance"),
       "relevance, or date (newest first)")
      ("snippet-length", po::value<size_t>()->value_name("BYTES")->default_value(kDefaultSnippetBytes),
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

RawOptions FromVariables(const po::variables_map& vm) {
  RawOptions raw;
  if (vm.count("db")) raw.db = vm["db"].as<std::vector<std::string>>();
  raw.shard_timeout_ms = vm["shard-timeout"].as<unsigned>();
  raw.shard_connect_timeout_ms = vm["shard-connect-timeout"].as<unsigned>();
  raw.require_all_shards = vm.count("require-all-shards") > 0;
  raw.limit = vm["limit"].as<size_t>();
  raw.offset = vm["offset"].as<size_t>();
  raw.format = vm["format"].as<std::string>();
  raw.color = vm["color"].as<std::string>();
  raw.sort = vm["sort"].as<std::string>();
  raw.snippet_length = vm["snippet-length"].as<size_t>();
  raw.plain = vm.count("plain") > 0;
  raw.explain = vm.count("explain") > 0;
  raw.no_expand = vm.count("no-expand") > 0;
  if (vm.count("query")) raw.query = vm["query"].as<std::vector<std::string>>();
  return raw;
}

// The common command lines read without Boost.ProgramOptions, whose set-up
// (describing every option) costs a search process about 0.05-0.1 ms:
// query words, and the options below each given once (--db any number of
// times), written in full with their value as the next argument. nullopt
// for anything else (--help, --opt=value, -n5, abbreviations, "--", a
// value that starts with '-' or is empty, a number that is not plain
// digits), which Boost then reads, errors included. Both readings of the
// same command line give the same request (tests/unit/searcher/
// options_test.cc).
std::optional<RawOptions> ReadCommonCommandLine(int argc, const char* const argv[]) {
  RawOptions raw;
  std::vector<std::string_view> seen;
  const auto once = [&](std::string_view name) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) return false;
    seen.push_back(name);
    return true;
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.empty()) return std::nullopt;
    if (arg[0] != '-') {
      raw.query.emplace_back(arg);
      continue;
    }
    bool* flag = arg == "--plain"       ? &raw.plain
                 : arg == "--explain"   ? &raw.explain
                 : arg == "--no-expand" ? &raw.no_expand
                                        : nullptr;
    if (flag != nullptr) {
      if (!once(arg)) return std::nullopt;
      *flag = true;
      continue;
    }
    std::string* text = nullptr;
    size_t* number = nullptr;
    std::string_view name = arg;
    if (arg == "--db") {
      name = {};  // may repeat
    } else if (arg == "--format") {
      text = &raw.format;
    } else if (arg == "--color") {
      text = &raw.color;
    } else if (arg == "--sort") {
      text = &raw.sort;
    } else if (arg == "--limit" || arg == "-n") {
      number = &raw.limit;
      name = "--limit";
    } else if (arg == "--offset") {
      number = &raw.offset;
    } else if (arg == "--snippet-length") {
      number = &raw.snippet_length;
    } else {
      return std::nullopt;
    }
    if (!name.empty() && !once(name)) return std::nullopt;
    if (i + 1 >= argc) return std::nullopt;
    std::string_view value = argv[++i];
    if (value.empty() || value[0] == '-') return std::nullopt;
    if (number != nullptr) {
      if (value.size() > 9 || value.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
      }
      *number = std::stoul(std::string(value));
    } else if (text != nullptr) {
      *text = std::string(value);
    } else {
      raw.db.emplace_back(value);
    }
  }
  return raw;
}

StatusOr<SearchRequest> BuildRequest(const RawOptions& raw, bool stdout_is_terminal) {
  SearchRequest request;
  std::vector<std::string> dbs = raw.db;
  if (dbs.empty()) dbs.emplace_back();
  for (const std::string& db : dbs) request.db_paths.push_back(ResolveDatabasePath(db));
  request.shards.answer_timeout_ms = raw.shard_timeout_ms;
  request.shards.connect_timeout_ms = raw.shard_connect_timeout_ms;
  request.require_all_shards = raw.require_all_shards;
  for (const std::string& word : raw.query) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }
  if (request.query.find_first_not_of(" \t\n") == std::string::npos) {
    return InvalidArgumentError("empty query: give some words to search for");
  }
  request.page.limit = raw.limit;
  request.page.offset = raw.offset;
  QUARRY_ASSIGN_OR_RETURN(request.page.sort, ParseSort(raw.sort));
  request.plain = raw.plain;
  request.explain = raw.explain;
  request.expand = !raw.no_expand;
  QUARRY_ASSIGN_OR_RETURN(request.printer.format, ParseFormat(raw.format));
  QUARRY_ASSIGN_OR_RETURN(request.printer.color, ParseColor(raw.color, stdout_is_terminal));
  // getcwd, not std::filesystem: its first use costs a fresh process 30 to
  // 45 us, and nothing else in a plain search needs it.
  if (char* cwd = ::getcwd(nullptr, 0)) {
    request.printer.cwd = cwd;
    std::free(cwd);
  }
  request.snippet.max_bytes = raw.snippet_length;
  return request;
}

}  // namespace

StatusOr<SearchInvocation> ParseSearchOptions(int argc, const char* const argv[],
                                              bool stdout_is_terminal, bool common_without_boost) {
  SearchInvocation invocation;
  if (common_without_boost) {
    if (std::optional<RawOptions> raw = ReadCommonCommandLine(argc, argv)) {
      QUARRY_ASSIGN_OR_RETURN(invocation.request, BuildRequest(*raw, stdout_is_terminal));
      return invocation;
    }
  }
  po::options_description options = Describe();
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return InvalidArgumentError(e.what());
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << Usage() << "\n" << options
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
  QUARRY_ASSIGN_OR_RETURN(invocation.request, BuildRequest(FromVariables(vm), stdout_is_terminal));
  return invocation;
}

}  // namespace quarry::searcher

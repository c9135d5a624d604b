#include "searcher/options.h"

#include <unistd.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string_view>

#include "common/cli/whole_number.h"
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

// Defaults, shared by Boost's description and the plain parser below, as
// text (numbers stay text until BuildCommand checks them). They are the
// core's own (ShardOpenOptions, SearchRequest), checked at compile time.
constexpr const char* kShardTimeoutText = "5000";
constexpr const char* kShardConnectTimeoutText = "2000";
constexpr const char* kLimitText = "10";
constexpr const char* kSnippetBytesText = "240";

constexpr uint64_t DigitsValue(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
  return value;
}
static_assert(DigitsValue(kShardTimeoutText) == ShardOpenOptions::kDefaultAnswerTimeoutMs);
static_assert(DigitsValue(kShardConnectTimeoutText) == ShardOpenOptions::kDefaultConnectTimeoutMs);
static_assert(DigitsValue(kLimitText) == kDefaultPageLimit);
static_assert(DigitsValue(kSnippetBytesText) == kDefaultSnippetBytes);

// The ranges of the numeric options (README, "Options"). A timeout of 0
// waits forever; past a day is a mistake. A snippet longer than the text
// the index keeps for it (1 MiB) shows nothing more.
constexpr uint64_t kMaxTimeoutMs = 24 * 3600 * 1000;
constexpr uint64_t kMaxSnippetBytes = 1 << 20;

// The command line's values before they are checked and interpreted, with
// the defaults of the options not given. Numbers stay text until
// BuildCommand checks them, so that both readings below refuse the same.
struct RawOptions {
  std::vector<std::string> db;
  std::string shard_timeout_ms = kShardTimeoutText;
  std::string shard_connect_timeout_ms = kShardConnectTimeoutText;
  bool require_all_shards = false;
  std::string limit = kLimitText;
  std::string offset = "0";
  std::string format = "text";
  bool null = false;
  std::string color = "auto";
  std::string sort = "relevance";
  std::string snippet_length = kSnippetBytesText;
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
      ("shard-timeout", po::value<std::string>()->value_name("MS")->default_value(kShardTimeoutText),
       "give up on a remote shard that takes longer than MS\nmilliseconds to answer (0: wait forever; at most a day)")
      ("shard-connect-timeout", po::value<std::string>()->value_name("MS")->default_value(kShardConnectTimeoutText),
       "give up connecting to a remote shard after MS\nmilliseconds (0: wait forever; at most a day)")
      ("require-all-shards", "fail (exit 2) when a shard cannot be reached,\ninstead of answering from the others")
      ("limit,n", po::value<std::string>()->value_name("N")->default_value(kLimitText),
       "show N results (0: only count them)")
      ("offset", po::value<std::string>()->value_name("N")->default_value("0"), "skip the first N results")
      ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
       "text, json (one object) or paths (one per line)")
      ("null,0", "with --format paths: end each path with a NUL byte instead of a newline (for xargs -0)")
      ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
       "highlight with ANSI colours: auto (when stdout is a terminal and\nNO_COLOR is unset), always or never")
      ("sort", po::value<std::string>()->value_name("ORDER")->default_value("relevance"),
       "relevance, or date (newest first)")
      ("snippet-length", po::value<std::string>()->value_name("BYTES")->default_value(kSnippetBytesText),
       "length of the snippet shown per result (0: none; at most 1 MiB)")
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
  raw.shard_timeout_ms = vm["shard-timeout"].as<std::string>();
  raw.shard_connect_timeout_ms = vm["shard-connect-timeout"].as<std::string>();
  raw.require_all_shards = vm.count("require-all-shards") > 0;
  raw.limit = vm["limit"].as<std::string>();
  raw.offset = vm["offset"].as<std::string>();
  raw.format = vm["format"].as<std::string>();
  raw.null = vm.count("null") > 0;
  raw.color = vm["color"].as<std::string>();
  raw.sort = vm["sort"].as<std::string>();
  raw.snippet_length = vm["snippet-length"].as<std::string>();
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
// value that starts with '-' or is empty), which Boost then reads, errors
// included. Both readings of the
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
    bool* flag = arg == "--plain"                  ? &raw.plain
                 : arg == "--explain"              ? &raw.explain
                 : arg == "--no-expand"            ? &raw.no_expand
                 : arg == "--null" || arg == "-0"  ? &raw.null
                                                   : nullptr;
    if (flag != nullptr) {
      if (!once(arg == "-0" ? "--null" : arg)) return std::nullopt;
      *flag = true;
      continue;
    }
    std::string* text = nullptr;
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
      text = &raw.limit;
      name = "--limit";
    } else if (arg == "--offset") {
      text = &raw.offset;
    } else if (arg == "--snippet-length") {
      text = &raw.snippet_length;
    } else {
      return std::nullopt;
    }
    if (!name.empty() && !once(name)) return std::nullopt;
    if (i + 1 >= argc) return std::nullopt;
    std::string_view value = argv[++i];
    if (value.empty() || value[0] == '-') return std::nullopt;
    if (text != nullptr) {
      *text = std::string(value);
    } else {
      raw.db.emplace_back(value);
    }
  }
  return raw;
}

StatusOr<SearchCommand> BuildCommand(const RawOptions& raw, bool stdout_is_terminal) {
  SearchCommand command;
  SearcherOptions& index = command.index;
  std::vector<std::string> dbs = raw.db;
  if (dbs.empty()) dbs.emplace_back();
  for (const std::string& db : dbs) index.db_paths.push_back(ResolveDatabasePath(db));
  QUARRY_ASSIGN_OR_RETURN(index.shards.answer_timeout_ms,
                          ParseWholeNumber("--shard-timeout", raw.shard_timeout_ms, 0, kMaxTimeoutMs));
  QUARRY_ASSIGN_OR_RETURN(
      index.shards.connect_timeout_ms,
      ParseWholeNumber("--shard-connect-timeout", raw.shard_connect_timeout_ms, 0, kMaxTimeoutMs));
  index.require_all_shards = raw.require_all_shards;

  SearchRequest& request = command.request;
  for (const std::string& word : raw.query) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }
  if (request.query.find_first_not_of(" \t\n") == std::string::npos) {
    return InvalidArgumentError("empty query: give some words to search for");
  }
  // --limit 0 asks only for the count (README, "Options").
  QUARRY_ASSIGN_OR_RETURN(request.limit, ParseWholeNumber("--limit", raw.limit, 0, kMaxPageLimit));
  QUARRY_ASSIGN_OR_RETURN(request.offset, ParseWholeNumber("--offset", raw.offset, 0, kMaxPageOffset));
  QUARRY_ASSIGN_OR_RETURN(request.sort, ParseSort(raw.sort));
  request.plain = raw.plain;
  request.explain = raw.explain;
  request.expand = !raw.no_expand;

  PrinterOptions& printer = command.printer;
  QUARRY_ASSIGN_OR_RETURN(printer.format, ParseFormat(raw.format));
  if (raw.null && printer.format != OutputFormat::kPaths) {
    return InvalidArgumentError("--null (-0) separates the paths of --format paths; add --format paths");
  }
  printer.null_separated = raw.null;
  QUARRY_ASSIGN_OR_RETURN(printer.color, ParseColor(raw.color, stdout_is_terminal));
  // getcwd, not std::filesystem: its first use costs a fresh process 30 to
  // 45 us, and nothing else in a plain search needs it.
  if (char* cwd = ::getcwd(nullptr, 0)) {
    printer.cwd = cwd;
    std::free(cwd);
  }
  QUARRY_ASSIGN_OR_RETURN(size_t snippet_bytes,
                          ParseWholeNumber("--snippet-length", raw.snippet_length, 0, kMaxSnippetBytes));
  // What the format shows decides what the query asks for: paths need no
  // snippet (and so no text), JSON lists each hit's matched words.
  request.path_base = printer.cwd;
  request.snippet_bytes = printer.format == OutputFormat::kPaths ? 0 : snippet_bytes;
  request.matched_terms = printer.format == OutputFormat::kJson;
  request.declared_fields = printer.format == OutputFormat::kJson;
  return command;
}

}  // namespace

StatusOr<SearchInvocation> ParseSearchOptions(int argc, const char* const argv[],
                                              bool stdout_is_terminal, bool common_without_boost) {
  SearchInvocation invocation;
  if (common_without_boost) {
    if (std::optional<RawOptions> raw = ReadCommonCommandLine(argc, argv)) {
      QUARRY_ASSIGN_OR_RETURN(invocation.command, BuildCommand(*raw, stdout_is_terminal));
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
         << "\nExit status: 0 at least one result (with -n 0: at least one match),\n"
            "1 no results, 2 error (bad usage, empty query, missing or unreadable index).\n";
    invocation.action = SearchInvocation::Action::kHelp;
    invocation.help_text = help.str();
    return invocation;
  }
  if (vm.count("version")) {
    invocation.action = SearchInvocation::Action::kVersion;
    return invocation;
  }
  QUARRY_ASSIGN_OR_RETURN(invocation.command, BuildCommand(FromVariables(vm), stdout_is_terminal));
  return invocation;
}

}  // namespace quarry::searcher

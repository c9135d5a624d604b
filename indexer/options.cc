#include "indexer/options.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "common/cli/byte_size.h"
#include "common/cli/whole_number.h"
#include "common/index/database.h"
#include "common/index/shards.h"

namespace quarry::indexer {

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "Usage: quarry-index [OPTIONS] [FOLDER...]\n"
    "Index the files under each FOLDER into a Xapian database, or bring an\n"
    "existing index up to date (without FOLDER: the folders it already holds).\n";

po::options_description Describe() {
  po::options_description general("Options");
  general.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("config", po::value<std::string>()->value_name("FILE"),
       "read options from FILE (same names as below, 'name = value' lines;\n"
       "'root = FOLDER' lines give folders); the command line wins")
      ("db", po::value<std::string>()->value_name("PATH"),
       "database location (default: $QUARRY_DB, else\n$XDG_DATA_HOME/quarry/index, else ~/.local/share/quarry/index)")
      ("root", po::value<std::vector<std::string>>()->value_name("FOLDER"), "a folder to index (repeatable; same as a FOLDER argument)")
      ("language", po::value<std::string>()->value_name("NAME"),
       "stemming language: a Snowball name (english, french, ...) or ISO code (en, fr), or none;\n"
       "default: what the index records, english for a new one; a change rebuilds the index")
      ("diacritics", po::value<std::string>()->value_name("fold|keep"),
       "fold accents (cafe finds café; default) or keep them distinct; a change rebuilds the index")
      ("exclude", po::value<std::vector<std::string>>()->value_name("GLOB"),
       "skip files and folders whose name or relative path matches GLOB (repeatable)")
      ("include-ext", po::value<std::vector<std::string>>()->value_name("EXT"),
       "index only files with this extension (repeatable, e.g. md)")
      ("max-file-size", po::value<std::string>()->value_name("SIZE")->default_value("64M"),
       "skip files larger than SIZE (e.g. 512K, 64M, 1G), and compressed files that expand to more")
      ("max-text-size", po::value<std::string>()->value_name("SIZE")->default_value("16M"),
       "index at most SIZE of extracted text per document")
      ("store-text", po::value<std::string>()->value_name("yes|no"),
       "yes: keep a copy of every document's text in the index for snippets, also of plain text, "
       "YAML and reST files, which quarry-search otherwise reads from the files themselves. "
       "Default: what the index records (no for a new index); a change reads every file again")
      ("follow-symlinks", po::bool_switch(),
       "follow symbolic links (off by default), wherever they lead: a link\n"
       "to /etc indexes what it holds")
      ("follow-symlinks-inside", po::bool_switch(),
       "follow only the symbolic links whose target lies within the folders\nindexed")
      ("access", po::value<std::string>()->value_name("private|group|public"),
       "who may read the index (it holds the text of every file it read):\n"
       "private (the default for a new index: folder 0700), group (0750) or\n"
       "public (0755); an existing index keeps its folder's mode unless given")
      ("hidden", po::bool_switch(), "index hidden files and folders (.git, .hg, .svn stay excluded)")
      ("jsonl-id-field", po::value<std::string>()->value_name("NAME")->default_value("id"),
       "field of each JSON Lines record (.jsonl, .ndjson) holding its id")
      ("jsonl-title-field", po::value<std::string>()->value_name("NAME")->default_value("title"),
       "field of each JSON Lines record holding its title")
      ("jsonl-text-field", po::value<std::string>()->value_name("NAME")->default_value("text"),
       "field of each JSON Lines record holding its text")
      ("shards", po::value<std::string>()->value_name("N"),
       "split the index into N shard databases in the folder --db, each file\n"
       "in the shard its path hashes to (default: as the index is, 1 for a\n"
       "new one); changing N rebuilds the index")
      ("batch-size", po::value<std::string>()->value_name("N")->default_value("1000"),
       "commit every N documents (1 to 100000)")
      ("jobs,j", po::value<std::string>()->value_name("N"),
       "read, extract and analyze files on N threads feeding the one writer\n"
       "(default: the number of cores); the index is the same for any N")
      ("wait", po::value<std::string>()->value_name("SECONDS"),
       "if another quarry-index holds the lock, wait up to SECONDS for it\n(default: exit at once with status 3)")
      ("max-delete-share", po::value<std::string>()->value_name("PERCENT")->default_value("20%"),
       "refuse a run that would delete more than PERCENT of the indexed files")
      ("allow-mass-delete", po::bool_switch(), "run even if it deletes more than --max-delete-share")
      ("dry-run,n", po::bool_switch(), "print what would be added, updated and deleted, then stop")
      ("watch", po::bool_switch(),
       "bring the index up to date, then keep it so as files change (inotify): changes are "
       "applied in batches about 0.3 s after they settle, one line each on stderr; SIGTERM or "
       "Ctrl-C stops it (exit 0)")
      ("status", po::bool_switch(), "print what the index holds (documents, folders, last run,\nsettings) and exit")
      ("check", po::bool_switch(), "check that the index is sound (Xapian's own check of every\n"
       "table) and exit: 0 sound, 2 damaged")
      ("compact", po::bool_switch(), "compact the index now (searches go on) and exit")
      ("auto-compact", po::value<std::string>()->value_name("PERCENT|off")->default_value("25%"),
       "compact the index at the end of a run once updates have grown it PERCENT\n"
       "past the size of a compact copy (searches go on); off: never")
      ("rebuild", po::bool_switch(), "rebuild the index from its folders beside it, the old copy\n"
       "kept aside (PATH.old-DATE) once the new one is whole: the way back\n"
       "from a damaged index")
      ("quiet,q", po::bool_switch(), "print only errors")
      ("verbose,v", po::bool_switch(), "print each file's fate");
  return general;
}

// The ranges of the numeric options (README, "Indexing"). More than
// 100,000 documents a batch would hold too many in memory; a file or text
// is read whole into memory, so sizes stop at 4G.
constexpr uint64_t kMaxBatchSize = 100000;
constexpr uint64_t kMaxJobs = 256;
constexpr uint64_t kMaxSize = 4ull << 30;
constexpr double kMaxWaitSeconds = 7 * 24 * 3600;

// "12" or "12.5": plain digits with an optional fraction (no sign,
// exponent, hexadecimal, "nan" or "inf", which strtod would take).
std::optional<double> PlainDecimal(const std::string& text) {
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || !digits(whole) || !digits(fraction) || whole.size() > 15) return std::nullopt;
  return std::strtod(text.c_str(), nullptr);
}

// "20%", "20" or "12.5%" -> 0.2, 0.2, 0.125, for `option`, which takes 0
// to `most` percent.
StatusOr<double> ParsePercent(std::string text, const std::string& option, double most) {
  const std::string given = text;
  if (!text.empty() && text.back() == '%') text.pop_back();
  std::optional<double> percent = PlainDecimal(text);
  if (!percent || *percent > most) {
    char range[80];
    std::snprintf(range, sizeof range, "a percentage from 0 to %g, e.g. 20%%", most);
    return InvalidArgumentError(option + " takes " + range + ", not '" + given + "'");
  }
  return *percent / 100;
}

StatusOr<std::chrono::milliseconds> ParseWait(const std::string& text) {
  std::optional<double> seconds = PlainDecimal(text);
  if (!seconds || *seconds > kMaxWaitSeconds) {
    return InvalidArgumentError("--wait takes a number of seconds from 0 to " +
                                std::to_string(static_cast<int64_t>(kMaxWaitSeconds)) + " (a week), not '" + text + "'");
  }
  return std::chrono::milliseconds(static_cast<int64_t>(*seconds * 1000));
}

// A size option from 1 byte to kMaxSize, e.g. "64M".
StatusOr<uint64_t> ParseSizeOption(const char* option, const std::string& text) {
  StatusOr<uint64_t> bytes = ParseByteSize(text);
  if (!bytes.ok() || *bytes == 0 || *bytes > kMaxSize) {
    return InvalidArgumentError(std::string(option) + " takes a size from 1 byte to 4G, e.g. 64M, not '" + text + "'");
  }
  return bytes;
}

template <typename T>
std::optional<T> Get(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  return vm[name].as<T>();
}

StatusOr<IndexerConfig> BuildConfig(const po::variables_map& vm) {
  IndexerConfig config;
  config.db_path = ResolveDatabasePath(Get<std::string>(vm, "db"));
  if (auto roots = Get<std::vector<std::string>>(vm, "root")) config.roots = *roots;
  config.language = Get<std::string>(vm, "language");
  if (auto diacritics = Get<std::string>(vm, "diacritics")) {
    if (*diacritics != "fold" && *diacritics != "keep") {
      return InvalidArgumentError("--diacritics takes fold or keep, not '" + *diacritics + "'");
    }
    config.fold_diacritics = *diacritics == "fold";
  }
  if (auto globs = Get<std::vector<std::string>>(vm, "exclude")) config.walk.exclude_globs = *globs;
  if (auto exts = Get<std::vector<std::string>>(vm, "include-ext")) {
    for (std::string ext : *exts) {
      if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      config.walk.include_extensions.push_back(ext);
    }
  }
  QUARRY_ASSIGN_OR_RETURN(config.max_file_bytes,
                          ParseSizeOption("--max-file-size", vm["max-file-size"].as<std::string>()));
  QUARRY_ASSIGN_OR_RETURN(config.max_text_bytes,
                          ParseSizeOption("--max-text-size", vm["max-text-size"].as<std::string>()));
  if (auto store = Get<std::string>(vm, "store-text")) {
    if (*store != "yes" && *store != "no") {
      return InvalidArgumentError("--store-text takes yes or no, not '" + *store + "'");
    }
    config.store_text = *store == "yes";
  }
  if (vm["follow-symlinks"].as<bool>() && vm["follow-symlinks-inside"].as<bool>()) {
    return InvalidArgumentError("--follow-symlinks and --follow-symlinks-inside cannot be used together");
  }
  if (vm["follow-symlinks"].as<bool>()) config.walk.symlinks = SymlinkPolicy::kAlways;
  if (vm["follow-symlinks-inside"].as<bool>()) config.walk.symlinks = SymlinkPolicy::kWithinRoots;
  if (auto access = Get<std::string>(vm, "access")) {
    QUARRY_ASSIGN_OR_RETURN(config.access, ParseIndexAccess(*access));
  }
  config.rebuild = vm["rebuild"].as<bool>();
  if (const std::string auto_compact = vm["auto-compact"].as<std::string>(); auto_compact == "off") {
    config.max_growth = 0;
  } else {
    StatusOr<double> share = ParsePercent(auto_compact, "--auto-compact", 1000);
    if (!share.ok()) return share.status();
    config.max_growth = 1 + *share;
  }
  config.walk.include_hidden = vm["hidden"].as<bool>();
  config.jsonl.id_field = vm["jsonl-id-field"].as<std::string>();
  config.jsonl.title_field = vm["jsonl-title-field"].as<std::string>();
  config.jsonl.text_field = vm["jsonl-text-field"].as<std::string>();
  for (const std::string* field :
       {&config.jsonl.id_field, &config.jsonl.title_field, &config.jsonl.text_field}) {
    if (field->empty()) return InvalidArgumentError("--jsonl-*-field names cannot be empty");
  }
  if (auto shards = Get<std::string>(vm, "shards")) {
    QUARRY_ASSIGN_OR_RETURN(config.shards, ParseWholeNumber("--shards", *shards, 1, kMaxShards));
  }
  QUARRY_ASSIGN_OR_RETURN(config.batch_size,
                          ParseWholeNumber("--batch-size", vm["batch-size"].as<std::string>(), 1, kMaxBatchSize));
  config.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (auto jobs = Get<std::string>(vm, "jobs")) {
    QUARRY_ASSIGN_OR_RETURN(config.jobs, ParseWholeNumber("--jobs", *jobs, 1, kMaxJobs));
  }
  if (auto wait = Get<std::string>(vm, "wait")) {
    QUARRY_ASSIGN_OR_RETURN(config.lock_wait, ParseWait(*wait));
  }
  QUARRY_ASSIGN_OR_RETURN(config.max_delete_share,
                          ParsePercent(vm["max-delete-share"].as<std::string>(),
                                       "--max-delete-share", 100));
  config.allow_mass_delete = vm["allow-mass-delete"].as<bool>();
  return config;
}

// A number from the environment variable `name`, if set; for tests.
std::optional<size_t> TestLimit(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return static_cast<size_t>(std::strtoull(value, nullptr, 10));
}

// --watch's settings: the defaults, with the smaller limits tests set.
WatchSettings WatchSettingsWithTestLimits() {
  WatchSettings settings;
  if (auto watches = TestLimit("QUARRY_WATCH_TEST_MAX_WATCHES")) settings.limits.max_watches = *watches;
  if (auto events = TestLimit("QUARRY_WATCH_TEST_QUEUED_EVENTS")) settings.limits.queued_events = *events;
  if (auto every = TestLimit("QUARRY_WATCH_TEST_WALK_EVERY_MS")) {
    settings.blind_walk_every = std::chrono::milliseconds(*every);
  }
  return settings;
}

}  // namespace

StatusOr<IndexerInvocation> ParseIndexerOptions(int argc, const char* const argv[]) {
  po::options_description options = Describe();
  po::positional_options_description positional;
  positional.add("root", -1);
  IndexerInvocation invocation;
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    if (vm.count("config")) {
      const std::string& file = vm["config"].as<std::string>();
      std::ifstream in(file);
      if (!in) return InvalidArgumentError("cannot read config file " + file);
      po::store(po::parse_config_file(in, options), vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return InvalidArgumentError(e.what());
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << kUsage << "\n" << options
         << "\nExit status: 0 done; 1 done, but some files failed or a folder is missing;\n"
            "2 error (--db is not an index, the index is damaged, the disk is full: what\n"
            "was written is kept); 3 the index is locked by another quarry-index;\n"
            "4 interrupted (what was done is kept; the next run finishes the job).\n"
            "With --watch: 0 stopped by SIGTERM or SIGINT; 2 the first run failed, or the\n"
            "index was found damaged.\n";
    invocation.action = IndexerInvocation::Action::kHelp;
    invocation.help_text = help.str();
    return invocation;
  }
  if (vm.count("version")) {
    invocation.action = IndexerInvocation::Action::kVersion;
    return invocation;
  }
  QUARRY_ASSIGN_OR_RETURN(invocation.config, BuildConfig(vm));
  if (vm["quiet"].as<bool>() && vm["verbose"].as<bool>()) {
    return InvalidArgumentError("--quiet and --verbose cannot be used together");
  }
  if (vm["quiet"].as<bool>()) invocation.verbosity = Verbosity::kQuiet;
  if (vm["verbose"].as<bool>()) invocation.verbosity = Verbosity::kVerbose;
  invocation.dry_run = vm["dry-run"].as<bool>();
  const int actions = vm["status"].as<bool>() + vm["check"].as<bool>() + vm["compact"].as<bool>() +
                      (vm["rebuild"].as<bool>() || invocation.dry_run);
  if (actions > 1) {
    return InvalidArgumentError(
        "--status, --check, --compact and a run (--rebuild, --dry-run) cannot be combined");
  }
  if (vm["compact"].as<bool>()) invocation.action = IndexerInvocation::Action::kCompact;
  if (vm["watch"].as<bool>()) {
    if (invocation.dry_run || vm["status"].as<bool>() || vm["check"].as<bool>() ||
        vm["compact"].as<bool>()) {
      return InvalidArgumentError(
          "--watch cannot be combined with --dry-run, --status, --check or --compact");
    }
    invocation.action = IndexerInvocation::Action::kWatch;
    invocation.watch = WatchSettingsWithTestLimits();
  }
  if (vm["status"].as<bool>()) invocation.action = IndexerInvocation::Action::kStatus;
  if (vm["check"].as<bool>()) invocation.action = IndexerInvocation::Action::kCheck;
  return invocation;
}

}  // namespace quarry::indexer

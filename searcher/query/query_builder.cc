#include "searcher/query/query_builder.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "common/index/schema.h"
#include "common/index/term_builder.h"
#include "searcher/rank/ranking_config.h"

namespace quarry::searcher {

namespace {

using Q = Xapian::Query;

// A list in first-seen order without repeats, with an index of what it
// holds: a query of a thousand words checks each word in constant time.
class UniqueList {
 public:
  explicit UniqueList(std::vector<std::string>& list) : list_(list), index_(list.begin(), list.end()) {}
  void Add(const std::string& value) {
    if (index_.insert(value).second) list_.push_back(value);
  }

 private:
  std::vector<std::string>& list_;
  std::unordered_set<std::string> index_;
};

Q Join(Q::op op, const std::vector<Q>& parts) {
  if (parts.size() == 1) return parts[0];
  return Q(op, parts.begin(), parts.end());
}

// A filter restricts without scoring.
Q Unweighted(const Q& q) { return Q(Q::OP_SCALE_WEIGHT, q, 0.0); }

// The items of one sequence, sorted by role.
struct Parts {
  std::vector<Q> required;    // +item, title:word
  std::vector<Q> optional;    // plain items: natural language
  std::vector<Q> excluded;    // -item
  std::map<Field, std::vector<Q>> filters;  // OR within a field, AND across
  // Every optional item is a plain word (no phrase, wildcard or nesting).
  bool plain_words_only = true;
};

class Builder {
 public:
  Builder(Analyzer& analyzer, const QueryContext& context, BuiltQuery& out)
      : analyzer_(analyzer),
        context_(context),
        out_(out),
        stems_(out.stems),
        prefixes_(out.prefixes),
        labels_(out.labels) {}

  Status Top(const QueryNode& root) {
    if (root.kind != NodeKind::kSequence || root.modifier != Modifier::kNone) {
      std::optional<Q> q = Build(root);
      if (!q) return NothingToSearch();
      out_.tiers.push_back(*q);
      out_.tier_names.push_back("the query");
    } else {
      QUARRY_RETURN_IF_ERROR(TopSequence(root));
    }
    out_.filter_only = scored_ == 0;
    return Status::Ok();
  }

 private:
  static Status NothingToSearch() {
    return InvalidArgumentError("the query has no words or filters to search for");
  }

  // Natural language at the top: all the optional items first, then some.
  Status TopSequence(const QueryNode& seq) {
    QUARRY_ASSIGN_OR_RETURN(Parts parts, Split(seq));
    std::vector<Q> all = parts.required;
    all.insert(all.end(), parts.optional.begin(), parts.optional.end());
    if (all.empty()) {
      if (parts.filters.empty() && parts.excluded.empty()) return NothingToSearch();
      if (parts.filters.empty()) {
        return InvalidArgumentError("the query only excludes; add a word or a filter to search for");
      }
      out_.tiers.push_back(Restrict(Unweighted(Filters(parts)), parts));
      out_.tier_names.push_back("the filters");
      return Status::Ok();
    }
    if (parts.optional.size() > ranking::kMaxTieredWords) {
      // A long query: one ranked OR (with every required item).
      Q any = Join(Q::OP_OR, parts.optional);
      if (!parts.required.empty()) any = Q(Q::OP_AND_MAYBE, Join(Q::OP_AND, parts.required), any);
      out_.tiers.push_back(Restrict(any, parts));
      out_.tier_names.push_back("any of the words");
      out_.expandable = Expandable(parts);
      return Status::Ok();
    }
    out_.tiers.push_back(Restrict(Join(Q::OP_AND, all), parts));
    out_.expandable = Expandable(parts);
    // Then the documents with only some of the optional words (and every
    // required one), ranked by those they have.
    const bool relaxable = parts.optional.size() > 1 || (!parts.required.empty() && !parts.optional.empty());
    out_.tier_names.push_back(relaxable ? "all the words" : "the query");
    if (relaxable) {
      Q some = Join(Q::OP_OR, parts.optional);
      if (!parts.required.empty()) some = Q(Q::OP_AND_MAYBE, Join(Q::OP_AND, parts.required), some);
      out_.tiers.push_back(Restrict(Q(Q::OP_AND_NOT, some, Join(Q::OP_AND, parts.optional)), parts));
      out_.tier_names.push_back("some of the words");
    }
    return Status::Ok();
  }

  // Plain words only, at least ranking::kFeedbackMinWords of them:
  // pseudo-relevance feedback may add words (searcher/rank/feedback.h).
  static bool Expandable(const Parts& parts) {
    return parts.plain_words_only && parts.required.empty() && parts.excluded.empty() &&
           parts.filters.empty() && parts.optional.size() >= ranking::kFeedbackMinWords;
  }

  // `q` within the sequence's filters and without its exclusions.
  Q Restrict(Q q, const Parts& parts) {
    if (!parts.filters.empty() && !(parts.required.empty() && parts.optional.empty())) {
      q = Q(Q::OP_FILTER, q, Filters(parts));
    }
    if (!parts.excluded.empty()) q = Q(Q::OP_AND_NOT, q, Join(Q::OP_OR, parts.excluded));
    return q;
  }

  static Q Filters(const Parts& parts) {
    std::vector<Q> fields;
    for (const auto& [field, alternatives] : parts.filters) fields.push_back(Join(Q::OP_OR, alternatives));
    return Join(Q::OP_AND, fields);
  }

  StatusOr<Parts> Split(const QueryNode& seq) {
    Parts parts;
    // Each optional item's position, by its query: "run running" is one word.
    std::unordered_map<std::string, size_t> seen;
    std::vector<Xapian::termcount> repeats;  // per optional item
    std::vector<bool> stop;                  // per optional item
    for (const QueryNode& item : seq.children) {
      std::optional<Q> q = Build(item);
      if (!q) continue;  // punctuation only: nothing to search for
      if (item.modifier == Modifier::kExcluded) {
        parts.excluded.push_back(*q);
      } else if (item.kind == NodeKind::kFilter) {
        parts.filters[item.field].push_back(*q);
      } else if (item.modifier == Modifier::kRequired || item.field == Field::kTitle ||
                 item.field == Field::kDeclared) {
        parts.required.push_back(*q);
      } else {
        auto [again, fresh] = seen.emplace(q->get_description(), parts.optional.size());
        if (!fresh) {
          ++repeats[again->second];
          continue;
        }
        parts.optional.push_back(*q);
        if (!IsPlainWord(item)) parts.plain_words_only = false;
        repeats.push_back(1);
        stop.push_back(IsStopWord(item));
      }
    }
    WeighRepeats(parts.optional, repeats, out_.repeated_terms);
    DropStopWords(parts, stop);
    return parts;
  }

  // A word repeated in a long query (a pasted paragraph) weighs more, as
  // BM25's query-frequency factor says (ranking::kBm25K3).
  static void WeighRepeats(std::vector<Q>& optional, const std::vector<Xapian::termcount>& repeats,
                           std::map<std::string, Xapian::termcount>& repeated_terms) {
    for (size_t i = 0; i < optional.size(); ++i) {
      if (repeats[i] < 2 || optional[i].get_type() != Q::LEAF_TERM) continue;
      const std::string term = *optional[i].get_terms_begin();
      optional[i] = Q(term, repeats[i]);
      repeated_terms[term] = repeats[i];
    }
  }

  // Typed as a word or words with no syntax: not quoted, no field, no
  // wildcard.
  static bool IsPlainWord(const QueryNode& item) {
    return item.kind == NodeKind::kText && !item.quoted && !item.wildcard && item.field == Field::kAny;
  }

  // A plain word that is a function word.
  bool IsStopWord(const QueryNode& item) {
    if (!IsPlainWord(item)) return false;
    std::vector<Token> tokens = analyzer_.Tokenize(item.text);
    return tokens.size() == 1 && analyzer_.IsQueryStopWord(tokens[0].term);
  }

  // Function words are dropped from the optional words unless nothing else
  // would be searched for ("to be or not to be").
  static void DropStopWords(Parts& parts, const std::vector<bool>& stop) {
    bool others = !parts.required.empty() ||
                  std::find(stop.begin(), stop.end(), false) != stop.end();
    if (!others) return;
    std::vector<Q> kept;
    for (size_t i = 0; i < parts.optional.size(); ++i) {
      if (!stop[i]) kept.push_back(parts.optional[i]);
    }
    parts.optional = std::move(kept);
  }

  // Any node, nested: a sequence is its optional items OR-ed (ranked by how
  // many match) with its required items ANDed. nullopt: nothing to match.
  std::optional<Q> Build(const QueryNode& node) {
    const bool negative = node.modifier == Modifier::kExcluded || excluded_depth_ > 0;
    if (node.modifier == Modifier::kExcluded) ++excluded_depth_;
    std::optional<Q> q = BuildPositive(node, negative);
    if (node.modifier == Modifier::kExcluded) --excluded_depth_;
    return q;
  }

  std::optional<Q> BuildPositive(const QueryNode& node, bool negative) {
    switch (node.kind) {
      case NodeKind::kText: return Text(node, negative);
      case NodeKind::kNear: return Near(node, negative);
      case NodeKind::kFilter: return Filter(node);
      case NodeKind::kSequence: return NestedSequence(node);
      case NodeKind::kAnd:
      case NodeKind::kOr: {
        std::vector<Q> parts;
        for (const QueryNode& child : node.children) {
          if (std::optional<Q> q = Build(child)) parts.push_back(*q);
        }
        if (parts.empty()) return std::nullopt;
        return Join(node.kind == NodeKind::kAnd ? Q::OP_AND : Q::OP_OR, parts);
      }
      case NodeKind::kAndNot: {
        std::optional<Q> left = Build(node.children[0]);
        std::vector<Q> unwanted;
        ++excluded_depth_;
        for (size_t i = 1; i < node.children.size(); ++i) {
          if (std::optional<Q> q = Build(node.children[i])) unwanted.push_back(*q);
        }
        --excluded_depth_;
        if (!left || unwanted.empty()) return left;
        return Q(Q::OP_AND_NOT, *left, Join(Q::OP_OR, unwanted));
      }
    }
    return std::nullopt;
  }

  std::optional<Q> NestedSequence(const QueryNode& seq) {
    StatusOr<Parts> split = Split(seq);
    if (!split.ok()) return std::nullopt;
    Parts& parts = *split;
    std::optional<Q> q;
    if (!parts.required.empty() && !parts.optional.empty()) {
      q = Q(Q::OP_AND_MAYBE, Join(Q::OP_AND, parts.required), Join(Q::OP_OR, parts.optional));
    } else if (!parts.required.empty()) {
      q = Join(Q::OP_AND, parts.required);
    } else if (!parts.optional.empty()) {
      q = Join(Q::OP_OR, parts.optional);
    } else if (!parts.filters.empty()) {
      q = Unweighted(Filters(parts));
    } else {
      return std::nullopt;  // only exclusions: nothing to match on its own
    }
    return Restrict(*q, parts);
  }

  // The prefix of the field a text node or NEAR searches; empty for all text.
  static std::string_view PrefixOf(const QueryNode& node) {
    if (node.field == Field::kTitle) return schema::kTitlePrefix;
    if (node.field == Field::kDeclared && node.declared != nullptr) return node.declared->prefix;
    return {};
  }

  std::optional<Q> Text(const QueryNode& node, bool negative) {
    if (cut_) return std::nullopt;
    std::vector<Token> tokens = analyzer_.Tokenize(node.text);
    if (tokens.empty()) return std::nullopt;
    const bool wildcard = node.wildcard && tokens.size() == 1;
    const size_t words = wildcard ? context_.max_wildcard_terms : tokens.size();
    if (words <= Room()) {
      words_ += words;
    } else if (wildcard || Room() == 0) {
      LeaveOutFrom(node.begin);
      return std::nullopt;
    } else {
      // A phrase that does not fit is cut to the words that do, so a query
      // that is one long phrase still searches its start.
      const size_t rest = node.text_begin + tokens[Room()].begin;
      tokens.resize(Room());
      words_ += tokens.size();
      LeaveOutFrom(rest);
    }
    std::string_view prefix = PrefixOf(node);
    if (!negative) {
      ++scored_;
      for (const Token& token : tokens) stems_.Add(analyzer_.Stem(token.term));
    }
    if (node.wildcard && tokens.size() == 1) {
      if (!negative) prefixes_.Add(tokens[0].term);
      CheckExpansion(node, tokens[0], prefix);
      return WildcardQuery(tokens[0], context_.max_wildcard_terms, prefix);
    }
    Q q = tokens.size() == 1 && !node.quoted ? WordQuery(analyzer_, tokens[0], prefix)
                                             : PhraseQuery(analyzer_, tokens, prefix);
    if (!negative) {
      Label(q, tokens);
      if (tokens.size() == 1 && !node.quoted && !node.wildcard && node.field == Field::kAny) {
        out_.plain_words.push_back({tokens[0].term, node.text_begin, node.text_begin + node.text.size()});
      }
    }
    return q;
  }

  std::optional<Q> Near(const QueryNode& node, bool negative) {
    if (cut_) return std::nullopt;
    std::vector<Token> tokens;
    std::optional<size_t> rest;  // where the words that do not fit start
    for (const QueryNode& child : node.children) {
      std::vector<Token> words = analyzer_.Tokenize(child.text);
      if (tokens.size() + words.size() > Room()) {
        rest = child.begin;
        break;
      }
      for (Token& token : words) tokens.push_back(std::move(token));
    }
    words_ += tokens.size();
    if (rest) LeaveOutFrom(*rest);
    if (tokens.empty()) return std::nullopt;
    Q q = NearQuery(analyzer_, tokens, node.distance, PrefixOf(node));
    if (!negative) {
      ++scored_;
      for (const Token& token : tokens) stems_.Add(analyzer_.Stem(token.term));
      Label(q, tokens);
    }
    return q;
  }

  // Words the query may still search (context_.max_query_words).
  size_t Room() const { return context_.max_query_words - std::min(words_, context_.max_query_words); }

  // The word bound is reached at byte `begin` of the query: what follows
  // is left out (every later item too), with one note.
  void LeaveOutFrom(size_t begin) {
    cut_ = true;
    out_.notes.push_back("the query has more than " + std::to_string(context_.max_query_words) +
                         " words (a wildcard counts as " + std::to_string(context_.max_wildcard_terms) +
                         "): searching its first " + std::to_string(words_) + "; the rest, from character " +
                         std::to_string(begin + 1) + ", is left out");
  }

  // Records which query word each index term of `q` stands for.
  void Label(const Q& q, const std::vector<Token>& tokens) {
    std::vector<std::string> terms(q.get_terms_begin(), q.get_terms_end());
    for (size_t i = 0; i < terms.size(); ++i) {
      const std::string& label = terms.size() == tokens.size() ? tokens[i].term : tokens[0].term;
      out_.term_labels.emplace(terms[i], label);
      labels_.Add(label);
    }
  }

  void CheckExpansion(const QueryNode& node, const Token& token, std::string_view prefix) {
    if (context_.db == nullptr) return;
    std::string start = WildcardTermPrefix(token, prefix);
    uint32_t count = 0;
    for (auto it = context_.db->allterms_begin(start); it != context_.db->allterms_end(start); ++it) {
      if (++count > context_.max_wildcard_terms) {
        out_.notes.push_back(std::string("'") + node.text + "*' matches more than " +
                             std::to_string(context_.max_wildcard_terms) + " words; using the " +
                             std::to_string(context_.max_wildcard_terms) + " most frequent");
        return;
      }
    }
  }

  std::optional<Q> Filter(const QueryNode& node) {
    switch (node.field) {
      case Field::kExt: {
        std::optional<std::string> term = schema::ExtensionTermOf(node.text);
        return term ? Q(*term) : Q();
      }
      case Field::kDate: return DateFilter(node.time);
      case Field::kPath: return PathFilter(node.text);
      case Field::kAny:
      case Field::kTitle:
      case Field::kDeclared: break;
    }
    return std::nullopt;
  }

  // Documents whose date (kDateSlot) is in `range`; a document written
  // before schema version 4 has no such slot and is dated by its file's
  // modification time.
  static Q DateFilter(const TimeRange& range) {
    const auto in_range = [&](schema::Slot slot) {
      if (range.from_ns && range.to_ns) {
        return Q(Q::OP_VALUE_RANGE, slot, schema::EncodeTime(*range.from_ns),
                 schema::EncodeTime(*range.to_ns));
      }
      if (range.from_ns) return Q(Q::OP_VALUE_GE, slot, schema::EncodeTime(*range.from_ns));
      return Q(Q::OP_VALUE_LE, slot, schema::EncodeTime(range.to_ns.value_or(0)));
    };
    // Every value is at least one byte long, so this matches the documents
    // that have a date slot (an empty bound would match all documents).
    const Q dated(Q::OP_VALUE_GE, schema::kDateSlot, std::string(1, '\0'));
    return Q(Q::OP_OR, in_range(schema::kDateSlot),
             Q(Q::OP_AND_NOT, in_range(schema::kMtimeSlot), dated));
  }

  // path:X matches files whose absolute path starts with X; "X/" only the
  // files under folder X. A relative X is tried under the current folder
  // and under each indexed folder.
  Q PathFilter(const std::string& value) {
    namespace fs = std::filesystem;
    // path:"" names no path, as ext:"" names no extension: nothing matches.
    if (value.empty()) return Q();
    std::vector<std::string> candidates;
    if (value.front() == '/') {
      candidates.push_back(value);
    } else {
      if (!context_.cwd.empty()) candidates.push_back(context_.cwd + "/" + value);
      if (context_.roots) {
        for (const std::string& root : context_.roots()) candidates.push_back(root + "/" + value);
      }
    }
    const bool folder_only = value.back() == '/' || value == "." || value == ".." ||
                             value.ends_with("/.") || value.ends_with("/..");
    std::vector<Q> alternatives;
    std::vector<std::string> seen;
    for (const std::string& candidate : candidates) {
      std::string path = fs::path(candidate).lexically_normal().string();
      while (path.size() > 1 && path.back() == '/') path.pop_back();
      if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
      seen.push_back(path);
      if (folder_only) {
        std::optional<std::string> folder = schema::FolderTerm(path);
        alternatives.push_back(folder ? Q(*folder) : Q::MatchAll);
        continue;
      }
      Q range(Q::OP_VALUE_RANGE, schema::kPathSlot, path, path + "\xff");
      std::optional<std::string> parent = schema::FolderTerm(fs::path(path).parent_path().string());
      alternatives.push_back(parent ? Q(Q::OP_FILTER, Q(*parent), range) : range);
    }
    if (alternatives.empty()) return Q();
    return Join(Q::OP_OR, alternatives);
  }

  Analyzer& analyzer_;
  const QueryContext& context_;
  BuiltQuery& out_;
  UniqueList stems_;     // out_.stems
  UniqueList prefixes_;  // out_.prefixes
  UniqueList labels_;    // out_.labels
  int excluded_depth_ = 0;
  size_t scored_ = 0;  // text items that score (not excluded)
  size_t words_ = 0;   // words searched so far (context_.max_query_words)
  bool cut_ = false;   // the word bound was reached: the rest is left out
};

}  // namespace

StatusOr<BuiltQuery> BuildQuery(const QueryNode& root, Analyzer& analyzer, const QueryContext& context) {
  BuiltQuery built;
  try {
    QUARRY_RETURN_IF_ERROR(Builder(analyzer, context, built).Top(root));
  } catch (const Xapian::Error& e) {
    return DataLossError("cannot read the index vocabulary: " + e.get_description());
  }
  return built;
}

StatusOr<BuiltQuery> ParseAndBuild(std::string_view query, const ParseOptions& options,
                                   Analyzer& analyzer, const QueryContext& context) {
  std::vector<std::string> notes;
  if (query.size() > context.max_query_bytes) {
    const size_t whole = query.size();
    query = CutQuery(query, context.max_query_bytes);
    notes.push_back("the query is longer than " + std::to_string(context.max_query_bytes) + " bytes (" +
                    std::to_string(whole) + "): searching its first " + std::to_string(query.size()) +
                    " bytes; the rest is left out");
  }
  StatusOr<QueryNode> parsed = ParseQuery(query, options);
  if (!parsed.ok()) {
    notes.push_back("reading the query as plain words: " + parsed.status().message());
    parsed = ParsePlain(query);
  }
  StatusOr<BuiltQuery> built = BuildQuery(*parsed, analyzer, context);
  if (built.ok()) {
    built->notes.insert(built->notes.begin(), notes.begin(), notes.end());
  } else if (!notes.empty()) {
    // The notes explain the failure ("nothing to search for" in what is
    // left of a cut query): they go with it.
    std::string message = built.status().message() + " (";
    for (size_t i = 0; i < notes.size(); ++i) message += (i > 0 ? "; " : "") + notes[i];
    return Status(built.status().code(), message + ")");
  }
  return built;
}

}  // namespace quarry::searcher

#include "searcher/query/parser.h"

#include <algorithm>
#include <string>

#include "common/text/utf8.h"
#include "searcher/query/date_range.h"
#include "searcher/query/lexer.h"

namespace quarry::searcher {

namespace {

QueryNode TextNode(const Lexeme& lexeme) {
  QueryNode node;
  node.kind = NodeKind::kText;
  node.modifier = lexeme.modifier;
  node.field = lexeme.field;
  node.declared = lexeme.declared;
  node.text = lexeme.text;
  node.quoted = lexeme.quoted;
  node.wildcard = lexeme.wildcard;
  node.begin = lexeme.begin;
  node.end = lexeme.end;
  node.text_begin = lexeme.text_begin;
  return node;
}

QueryNode Combine(NodeKind kind, std::vector<QueryNode> children) {
  if (children.size() == 1 && kind != NodeKind::kAndNot) return std::move(children[0]);
  QueryNode node;
  node.kind = kind;
  // A NOT chain's children are out of order ("a NOT b AND c").
  node.begin = children.front().begin;
  node.end = children.front().end;
  for (const QueryNode& child : children) {
    node.begin = std::min(node.begin, child.begin);
    node.end = std::max(node.end, child.end);
  }
  node.children = std::move(children);
  return node;
}

const char* Spelled(LexemeKind kind) {
  switch (kind) {
    case LexemeKind::kAnd: return "AND";
    case LexemeKind::kOr: return "OR";
    case LexemeKind::kNot: return "NOT";
    case LexemeKind::kNear: return "NEAR";
    case LexemeKind::kOpen: return "(";
    case LexemeKind::kClose: return ")";
    case LexemeKind::kText: break;
  }
  return "text";
}

// Recursive descent over the lexemes, one function per precedence level.
class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, const ParseOptions& options)
      : lx_(std::move(lexemes)), options_(options) {}

  StatusOr<QueryNode> Run() {
    if (lx_.empty()) return InvalidArgumentError("the query is empty");
    QUARRY_ASSIGN_OR_RETURN(QueryNode root, ParseOr());
    if (i_ < lx_.size()) {
      return InvalidArgumentError(lx_[i_].kind == LexemeKind::kClose
                                      ? "an unbalanced ')' " + Where(i_)
                                      : "an unexpected " + std::string(Spelled(lx_[i_].kind)) + " " + Where(i_));
    }
    return root;
  }

 private:
  bool At(LexemeKind kind) const { return i_ < lx_.size() && lx_[i_].kind == kind; }
  std::string Where(size_t i) const { return "at character " + std::to_string(lx_[i].begin + 1); }

  StatusOr<QueryNode> ParseOr() {
    std::vector<QueryNode> children;
    QUARRY_ASSIGN_OR_RETURN(QueryNode first, ParseAnd());
    children.push_back(std::move(first));
    while (At(LexemeKind::kOr)) {
      ++i_;
      QUARRY_ASSIGN_OR_RETURN(QueryNode next, ParseAnd());
      children.push_back(std::move(next));
    }
    return Combine(NodeKind::kOr, std::move(children));
  }

  // AND and NOT bind alike, left to right: "a AND b NOT c AND d" is
  // "(a AND b AND d) NOT c", since AND and NOT commute (and AND_NOT keeps
  // only its left side's weights). Read into one node, however long the
  // chain, so that operators add no depth to the tree.
  StatusOr<QueryNode> ParseAnd() {
    QUARRY_ASSIGN_OR_RETURN(QueryNode first, ParseSequence());
    std::vector<QueryNode> wanted;
    std::vector<QueryNode> unwanted;
    wanted.push_back(std::move(first));
    while (At(LexemeKind::kAnd) || At(LexemeKind::kNot)) {
      bool negate = At(LexemeKind::kNot);
      ++i_;
      if (!negate && At(LexemeKind::kNot)) {  // "a AND NOT b"
        negate = true;
        ++i_;
      }
      QUARRY_ASSIGN_OR_RETURN(QueryNode next, ParseSequence());
      (negate ? unwanted : wanted).push_back(std::move(next));
    }
    QueryNode kept = Combine(NodeKind::kAnd, std::move(wanted));
    if (unwanted.empty()) return kept;
    unwanted.insert(unwanted.begin(), std::move(kept));
    return Combine(NodeKind::kAndNot, std::move(unwanted));
  }

  bool AtItem() const { return At(LexemeKind::kText) || At(LexemeKind::kOpen); }

  StatusOr<QueryNode> ParseSequence() {
    if (!AtItem()) {
      if (i_ >= lx_.size()) {
        return InvalidArgumentError(i_ > 0 ? "nothing after " + std::string(Spelled(lx_[i_ - 1].kind)) + " " + Where(i_ - 1)
                                           : "the query is empty");
      }
      if (At(LexemeKind::kClose)) {
        return InvalidArgumentError(i_ > 0 && lx_[i_ - 1].kind == LexemeKind::kOpen
                                        ? "empty parentheses " + Where(i_ - 1)
                                        : "an unbalanced ')' " + Where(i_));
      }
      return InvalidArgumentError(std::string(Spelled(lx_[i_].kind)) + " without a term before it " + Where(i_));
    }
    std::vector<QueryNode> items;
    while (AtItem()) {
      QUARRY_ASSIGN_OR_RETURN(QueryNode item, ParseNear());
      items.push_back(std::move(item));
    }
    const QueryNode& only = items[0];
    const bool structural = only.kind == NodeKind::kSequence || only.kind == NodeKind::kAnd ||
                            only.kind == NodeKind::kOr || only.kind == NodeKind::kAndNot;
    if (items.size() == 1 && only.modifier == Modifier::kNone && structural) {
      return std::move(items[0]);
    }
    QueryNode seq;
    seq.kind = NodeKind::kSequence;
    seq.begin = items.front().begin;
    seq.end = items.back().end;
    seq.children = std::move(items);
    return seq;
  }

  StatusOr<QueryNode> ParseNear() {
    size_t first_at = i_;
    QUARRY_ASSIGN_OR_RETURN(QueryNode first, ParsePrimary());
    if (!At(LexemeKind::kNear)) return first;
    QueryNode near;
    near.kind = NodeKind::kNear;
    near.distance = lx_[i_].distance;
    near.begin = first.begin;
    std::vector<size_t> starts = {first_at};
    near.children.push_back(std::move(first));
    while (At(LexemeKind::kNear)) {
      near.distance = std::max(near.distance, lx_[i_].distance);
      ++i_;
      if (!At(LexemeKind::kText)) {
        return InvalidArgumentError("NEAR needs a word or phrase on each side " + Where(i_ - 1));
      }
      starts.push_back(i_);
      QUARRY_ASSIGN_OR_RETURN(QueryNode next, ParsePrimary());
      near.children.push_back(std::move(next));
    }
    for (size_t k = 0; k < near.children.size(); ++k) {
      const QueryNode& child = near.children[k];
      if (child.kind != NodeKind::kText || child.modifier != Modifier::kNone || child.wildcard ||
          child.field != near.children[0].field || child.declared != near.children[0].declared) {
        return InvalidArgumentError("NEAR joins plain words or phrases of one field " + Where(starts[k]));
      }
    }
    near.field = near.children[0].field;
    near.declared = near.children[0].declared;
    near.end = near.children.back().end;
    return near;
  }

  StatusOr<QueryNode> ParsePrimary() {
    const Lexeme& lexeme = lx_[i_];
    if (lexeme.kind == LexemeKind::kOpen) {
      if (depth_ >= kMaxQueryNesting) {
        return InvalidArgumentError("parentheses nested more than " + std::to_string(kMaxQueryNesting) +
                                    " deep " + Where(i_));
      }
      size_t open = i_++;
      ++depth_;
      StatusOr<QueryNode> inner = ParseOr();
      --depth_;
      if (!inner.ok()) return inner.status();
      if (!At(LexemeKind::kClose)) return InvalidArgumentError("an unbalanced '(' " + Where(open));
      ++i_;
      if (lexeme.modifier != Modifier::kNone) {
        // The group becomes one +/- item of the enclosing sequence.
        QueryNode group;
        group.kind = NodeKind::kSequence;
        group.modifier = lexeme.modifier;
        group.begin = lexeme.begin;
        group.end = lx_[i_ - 1].end;
        group.children.push_back(std::move(*inner));
        return group;
      }
      return std::move(*inner);
    }
    ++i_;
    QueryNode node = TextNode(lexeme);
    if (lexeme.field == Field::kPath || lexeme.field == Field::kExt || lexeme.field == Field::kDate) {
      node.kind = NodeKind::kFilter;
      node.wildcard = false;
      if (lexeme.field == Field::kDate) {
        StatusOr<TimeRange> range = ParseDateRange(lexeme.text, options_.now_ns);
        if (!range.ok()) return range.status();
        node.time = *range;
      }
    }
    return node;
  }

  std::vector<Lexeme> lx_;
  ParseOptions options_;
  size_t i_ = 0;
  size_t depth_ = 0;  // parentheses open around lx_[i_]
};

bool IsOperatorWord(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" || word.starts_with("NEAR/");
}

}  // namespace

bool IsAllCapitals(std::string_view query) {
  bool upper = false;
  for (const Lexeme& piece : LexPlain(query)) {
    if (IsOperatorWord(piece.text)) continue;
    for (char c : piece.text) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') upper = true;
    }
  }
  return upper;
}

std::string_view CutQuery(std::string_view query, size_t max_bytes) {
  if (query.size() <= max_bytes) return query;
  std::string_view start = TruncateUtf8(query, max_bytes);
  if (!IsQueryBlank(query[start.size()])) {
    size_t blank = start.size();
    while (blank > 0 && !IsQueryBlank(start[blank - 1])) --blank;
    if (blank > 0) start = start.substr(0, blank);
  }
  while (true) {
    while (!start.empty() && IsQueryBlank(start.back())) start.remove_suffix(1);
    size_t word = start.size();
    while (word > 0 && !IsQueryBlank(start[word - 1])) --word;
    if (word == 0 || !IsOperatorWord(start.substr(word))) return start;
    start = start.substr(0, word);
  }
}

QueryNode ParsePlain(std::string_view query) {
  QueryNode seq;
  seq.kind = NodeKind::kSequence;
  seq.end = query.size();
  for (const Lexeme& piece : LexPlain(query)) seq.children.push_back(TextNode(piece));
  return seq;
}

StatusOr<QueryNode> ParseQuery(std::string_view query, const ParseOptions& options) {
  if (options.plain) return ParsePlain(query);
  QUARRY_ASSIGN_OR_RETURN(std::vector<Lexeme> lexemes, Lex(query, !IsAllCapitals(query)));
  return Parser(std::move(lexemes), options).Run();
}

}  // namespace quarry::searcher

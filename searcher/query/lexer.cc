#include "searcher/query/lexer.h"

#include <optional>

namespace quarry::searcher {

bool IsQueryBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

namespace {

// Length of the quote mark at `s[i]`: the ASCII one, or the curly and low
// quotes that pasted text brings (U+201C, U+201D, U+201E); 0 if none.
size_t QuoteAt(std::string_view s, size_t i) {
  if (s[i] == '"') return 1;
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
      (s[i + 2] == '\x9C' || s[i + 2] == '\x9D' || s[i + 2] == '\x9E')) {
    return 3;
  }
  return 0;
}

bool EndsWord(std::string_view s, size_t i) {
  return i >= s.size() || IsQueryBlank(s[i]) || s[i] == '(' || s[i] == ')' || QuoteAt(s, i) > 0;
}

// The field `name` names, or false; a declared text field's row goes to
// `declared`.
bool FieldNamed(std::string_view name, Field& field, const TextField*& declared) {
  // Lower case only: "Note:" or "DATE:" in pasted text stay words.
  if (name == "title") field = Field::kTitle;
  else if (name == "path") field = Field::kPath;
  else if (name == "ext") field = Field::kExt;
  else if (name == "date") field = Field::kDate;
  else if ((declared = TextFieldNamed(name)) != nullptr) field = Field::kDeclared;
  else return false;
  return true;
}

std::optional<Lexeme> OperatorNamed(std::string_view word) {
  Lexeme op;
  if (word == "AND") op.kind = LexemeKind::kAnd;
  else if (word == "OR") op.kind = LexemeKind::kOr;
  else if (word == "NOT") op.kind = LexemeKind::kNot;
  else if (word == "NEAR") op.kind = LexemeKind::kNear;
  else if (word.starts_with("NEAR/") && word.size() > 5 && word.size() <= 8 &&
           word.find_first_not_of("0123456789", 5) == std::string_view::npos) {
    op.kind = LexemeKind::kNear;
    op.distance = static_cast<uint32_t>(std::stoul(std::string(word.substr(5))));
  } else {
    return std::nullopt;
  }
  return op;
}

std::string Column(size_t i) { return "at character " + std::to_string(i + 1); }

class Lexer {
 public:
  Lexer(std::string_view query, bool operators) : q_(query), operators_(operators) {}

  StatusOr<std::vector<Lexeme>> Run() {
    while (true) {
      while (i_ < q_.size() && IsQueryBlank(q_[i_])) ++i_;
      if (i_ >= q_.size()) return std::move(out_);
      QUARRY_RETURN_IF_ERROR(Next());
    }
  }

 private:
  Status Next() {
    size_t start = i_;
    if (q_[i_] == '(' || q_[i_] == ')') {
      Lexeme paren;
      paren.kind = q_[i_] == '(' ? LexemeKind::kOpen : LexemeKind::kClose;
      paren.begin = i_;
      paren.end = ++i_;
      out_.push_back(paren);
      return Status::Ok();
    }
    Lexeme lexeme;
    lexeme.begin = start;
    if (q_[i_] == '+' || q_[i_] == '-') {
      if (EndsWord(q_, i_ + 1) && !(i_ + 1 < q_.size() && (q_[i_ + 1] == '(' || QuoteAt(q_, i_ + 1)))) {
        return InvalidArgumentError("a lone '" + std::string(1, q_[i_]) + "' " + Column(i_));
      }
      lexeme.modifier = q_[i_] == '+' ? Modifier::kRequired : Modifier::kExcluded;
      ++i_;
      if (q_[i_] == '(') {
        // "-(a b)": the modifier applies to the group; the parser sees it on
        // the opening parenthesis.
        lexeme.kind = LexemeKind::kOpen;
        lexeme.end = ++i_;
        out_.push_back(lexeme);
        return Status::Ok();
      }
    }
    if (size_t quote = QuoteAt(q_, i_)) return Quoted(lexeme, quote);
    size_t word_start = i_;
    while (!EndsWord(q_, i_)) ++i_;
    std::string_view word = q_.substr(word_start, i_ - word_start);

    if (lexeme.modifier == Modifier::kNone && operators_) {
      if (std::optional<Lexeme> op = OperatorNamed(word)) {
        op->begin = start;
        op->end = i_;
        out_.push_back(*op);
        return Status::Ok();
      }
    }
    size_t colon = word.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      if (FieldNamed(word.substr(0, colon), lexeme.field, lexeme.declared)) {
        word.remove_prefix(colon + 1);
        if (word.empty()) {
          if (i_ < q_.size() && QuoteAt(q_, i_)) return Quoted(lexeme, QuoteAt(q_, i_));
          std::string message = FieldNameAt(word_start);
          message += " has no value ";
          message += Column(word_start);
          return InvalidArgumentError(message);
        }
      }
    }
    if (word.size() > 1 && word.back() == '*' && word[word.size() - 2] != '*') {
      lexeme.wildcard = true;
      word.remove_suffix(1);
    } else if (word == "*") {
      return InvalidArgumentError("a lone '*' " + Column(word_start));
    }
    lexeme.text = std::string(word);
    lexeme.text_begin = i_ - (lexeme.wildcard ? 1 : 0) - word.size();
    lexeme.end = i_;
    out_.push_back(std::move(lexeme));
    return Status::Ok();
  }

  // "title:" for the field name starting at `start`.
  std::string FieldNameAt(size_t start) const {
    std::string name = "'";
    name.append(q_.substr(start, i_ - start));
    name += '\'';
    return name;
  }

  // A phrase from the quote at i_ to the next quote mark.
  Status Quoted(Lexeme& lexeme, size_t quote_len) {
    size_t open = i_;
    size_t j = i_ + quote_len;
    size_t close = j;
    while (close < q_.size() && QuoteAt(q_, close) == 0) ++close;
    if (close >= q_.size()) return InvalidArgumentError("an unbalanced quote " + Column(open));
    lexeme.quoted = true;
    lexeme.text = std::string(q_.substr(j, close - j));
    lexeme.text_begin = j;
    i_ = close + QuoteAt(q_, close);
    lexeme.end = i_;
    out_.push_back(std::move(lexeme));
    return Status::Ok();
  }

  std::string_view q_;
  bool operators_;
  size_t i_ = 0;
  std::vector<Lexeme> out_;
};

}  // namespace

StatusOr<std::vector<Lexeme>> Lex(std::string_view query, bool operators) {
  return Lexer(query, operators).Run();
}

std::vector<Lexeme> LexPlain(std::string_view query) {
  std::vector<Lexeme> out;
  size_t i = 0;
  while (true) {
    while (i < query.size() && IsQueryBlank(query[i])) ++i;
    if (i >= query.size()) return out;
    Lexeme lexeme;
    lexeme.begin = i;
    lexeme.text_begin = i;
    while (i < query.size() && !IsQueryBlank(query[i])) ++i;
    lexeme.end = i;
    lexeme.text = std::string(query.substr(lexeme.begin, i - lexeme.begin));
    out.push_back(std::move(lexeme));
  }
}

}  // namespace quarry::searcher

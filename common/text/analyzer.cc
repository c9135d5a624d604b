#include "common/text/analyzer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

#include "common/text/normalizer.h"
#include "common/text/stop_words.h"
#include "common/text/word_breaker.h"

namespace quarry {

namespace {

// Terms holding any of these are identifiers, numbers or symbols, not
// words a stemmer understands.
bool IsStemmable(std::string_view term) {
  for (char c : term) {
    if ((c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '+' || c == '#') {
      return false;
    }
  }
  return true;
}

// Calls fn(code_point, begin, end) for each code point of `s`; invalid
// bytes come as U+FFFD.
template <typename Fn>
void ForEachCodePoint(std::string_view s, Fn&& fn) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    fn(c, static_cast<size_t>(begin), static_cast<size_t>(i));
  }
}

// Scripts written without spaces between words (or, for Hangul, with
// particles glued to words), where dictionary segmentation can miss.
bool IsNgramScript(UChar32 c) {
  if (c < 0x0E00) return false;  // everything below Thai: no lookup needed
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(c, &err)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

// An n-gram term: some characters of those scripts, the rest neutral
// (the kana prolonged-sound mark and combining marks are "Common").
bool IsNgramTerm(std::string_view term) {
  if (term.empty() || static_cast<unsigned char>(term[0]) < 0xE0) return false;
  bool any = false, other = false;
  ForEachCodePoint(term, [&](UChar32 c, size_t, size_t) {
    if (IsNgramScript(c)) {
      any = true;
      return;
    }
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) other = true;
  });
  return any && !other;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

bool HasLetter(std::string_view word) {
  bool letter = false;
  ForEachCodePoint(word, [&](UChar32 c, size_t, size_t) { letter = letter || u_isalpha(c); });
  return letter;
}

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool IsHex(std::string_view word) {
  if (word.empty() || word.size() > 4) return false;
  for (char c : word) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool StartsWithNgramScript(std::string_view word) {
  bool result = false;
  ForEachCodePoint(word.substr(0, 4), [&](UChar32 c, size_t begin, size_t) {
    if (begin == 0) result = IsNgramScript(c);
  });
  return result;
}

constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";  // U+200B

bool IsOnlyZeroWidthSpaces(std::string_view gap) {
  if (gap.empty() || gap.size() % 3 != 0) return false;
  for (size_t i = 0; i < gap.size(); i += 3) {
    if (gap.substr(i, 3) != kZeroWidthSpace) return false;
  }
  return true;
}

bool IsHyphen(std::string_view gap) {
  return gap == "-" || gap == "\xE2\x80\x90" || gap == "\xE2\x80\x91";  // U+2010, U+2011
}

// How ICU's words are glued into one token.
enum class JoinKind {
  kNone,    // a single ICU word
  kZwsp,    // words split only by zero-width spaces: one invisible word
  kHyphen,  // e-mail, covid-19, state-of-the-art: the term drops the hyphens
  kColon,   // IPv6 addresses (fe80::1) and times (10:30): the term keeps them
};

struct Piece {
  size_t begin = 0, end = 0;
};

// The token being assembled from ICU's words.
struct Compound {
  size_t begin = 0, end = 0;
  JoinKind kind = JoinKind::kNone;
  std::vector<Piece> pieces;
};

// Whether ICU word `next` continues `compound`, given the text between them.
bool TryJoin(std::string_view text, Compound& compound, const Piece& next) {
  std::string_view gap = text.substr(compound.end, next.begin - compound.end);
  if (gap.empty()) return false;  // e.g. Latin inside CJK: separate words
  const Piece& last_piece = compound.pieces.back();
  std::string_view last = text.substr(last_piece.begin, last_piece.end - last_piece.begin);
  std::string_view word = text.substr(next.begin, next.end - next.begin);
  JoinKind kind;
  if (IsOnlyZeroWidthSpaces(gap)) {
    // In Thai or Khmer a zero-width space marks a word boundary on purpose.
    if (StartsWithNgramScript(last) || StartsWithNgramScript(word)) return false;
    kind = JoinKind::kZwsp;
  } else if (IsHyphen(gap)) {
    if (StartsWithNgramScript(last) || StartsWithNgramScript(word)) return false;
    // 10-20 is a range, not a word; e-mail and covid-19 are words.
    if (!HasLetter(last) && !HasLetter(word)) return false;
    kind = JoinKind::kHyphen;
  } else if ((gap == ":" || gap == "::") && IsHex(last) && IsHex(word) &&
             (HasDigit(last) || HasDigit(word))) {
    kind = JoinKind::kColon;
  } else {
    return false;
  }
  if (compound.kind != JoinKind::kNone && compound.kind != kind) return false;
  compound.kind = kind;
  compound.pieces.push_back(next);
  compound.end = next.end;
  return true;
}

using WordSet = std::unordered_set<std::string>;

// The words of `list(language)` normalized by `normalizer`, built once per
// process for each list, language and normalization setting, and shared
// by every analyzer with those settings (clones included): building a
// list costs about 0.2 us per word, more than a short search spends on
// the query. The sets are never freed or changed once built.
const WordSet& NormalizedWords(std::vector<std::string_view> (*list)(std::string_view),
                               const std::string& language, const Normalizer& normalizer) {
  using Key = std::tuple<std::vector<std::string_view> (*)(std::string_view), std::string, bool>;
  static std::mutex mutex;
  static std::map<Key, std::unique_ptr<const WordSet>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<const WordSet>& words =
      cache[Key(list, language, normalizer.options().fold_diacritics)];
  if (!words) {
    std::vector<std::string_view> raw = list(language);
    auto built = std::make_unique<WordSet>(raw.size());
    for (std::string_view word : raw) built->insert(normalizer.NormalizeWord(word));
    words = std::move(built);
  }
  return *words;
}

// True when Normalizer::NormalizeWord gives `word` back unchanged: ASCII
// without capitals (its ASCII path only lower-cases).
bool IsOwnNormalForm(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z');
  });
}

}  // namespace

struct Analyzer::Impl {
  AnalysisConfig config;
  Normalizer normalizer;
  Xapian::Stem stemmer;
  WordBreaker words;  // creates ICU's break iterator only when a text needs it
  // The normalized stop-word list, fetched on first use (a search never
  // needs it) from the process-wide cache.
  mutable std::once_flag stop_words_once;
  mutable const WordSet* stop_words = nullptr;
  // The query stop words, on first use. A search asks about its few words
  // only: when every listed word is its own normal form (lower-case ASCII,
  // as in English), scanning the list as written costs less than building
  // its set (about 44 us); any other list is looked up in its normalized
  // set.
  mutable std::once_flag query_stop_words_once;
  mutable std::vector<std::string_view> query_stop_list;  // scanned, or
  mutable const WordSet* query_stop_words = nullptr;       // looked up
  Compound pending;  // reused between words to keep its allocation

  Impl(AnalysisConfig c, Xapian::Stem s)
      : config(std::move(c)),
        normalizer(NormalizerOptions{config.fold_diacritics}),
        stemmer(std::move(s)) {}

  const WordSet& StopWords() const {
    std::call_once(stop_words_once, [&] {
      stop_words = &NormalizedWords(StopWordList, config.language, normalizer);
    });
    return *stop_words;
  }

  bool IsQueryStopWord(std::string_view term) const {
    std::call_once(query_stop_words_once, [&] {
      query_stop_list = QueryStopWordList(config.language);
      if (!std::all_of(query_stop_list.begin(), query_stop_list.end(), IsOwnNormalForm)) {
        query_stop_list.clear();
        query_stop_words = &NormalizedWords(QueryStopWordList, config.language, normalizer);
      }
    });
    if (query_stop_words != nullptr) return query_stop_words->count(std::string(term)) > 0;
    return std::find(query_stop_list.begin(), query_stop_list.end(), term) != query_stop_list.end();
  }

  // Fills token.term, token.parts and token.ngram for `compound`; false
  // when nothing is left after normalization.
  bool BuildToken(std::string_view text, const Compound& compound, Token& token) const;
  // token.parts of one ICU word `word` whose normalized form is `term`.
  void SplitWord(std::string_view word, const std::string& term,
                 std::vector<std::string>& parts) const;
};

void Analyzer::Impl::SplitWord(std::string_view word, const std::string& term,
                               std::vector<std::string>& parts) const {
  // Fast path: a lower-case ASCII word (most of English text) has no parts.
  bool plain = true;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      plain = false;
      break;
    }
  }
  if (plain) return;

  struct Cut {
    size_t begin, end;
    bool after_apostrophe;
  };
  std::vector<Cut> pieces;
  size_t piece_begin = 0;
  bool split = false, after_apostrophe = false;
  bool prev_lower = false, prev_digit = false;
  const auto close = [&](size_t end, size_t next_begin, bool apostrophe) {
    pieces.push_back({piece_begin, end, after_apostrophe});
    piece_begin = next_begin;
    after_apostrophe = apostrophe;
    split = true;
  };
  ForEachCodePoint(word, [&](UChar32 c, size_t begin, size_t end) {
    if (c == '_') {
      close(begin, end, false);
    } else if (c == '.') {
      // 1.4.22 and 3.14 are numbers; node.js and os.path are names.
      bool next_digit = false;
      ForEachCodePoint(word.substr(end, 4), [&](UChar32 next, size_t at, size_t) {
        if (at == 0) next_digit = u_isdigit(next);
      });
      if (!(prev_digit && next_digit)) close(begin, end, false);
    } else if (IsApostrophe(c)) {
      close(begin, end, true);
    } else if (prev_lower && u_isUUppercase(c)) {
      close(begin, begin, false);  // camelCase
    }
    prev_lower = u_isULowercase(c);
    prev_digit = u_isdigit(c);
  });
  if (!split) {
    // v1.4.22: the version number alone finds it too.
    if (word.size() >= 4 && (word[0] == 'v' || word[0] == 'V') && word[1] >= '0' &&
        word[1] <= '9' && word.find('.') != std::string_view::npos) {
      parts.push_back(normalizer.NormalizeWord(word.substr(1)));
    }
    return;
  }
  pieces.push_back({piece_begin, word.size(), after_apostrophe});
  // A possessive "'s" is not a word of its own: Meta's -> meta.
  if (pieces.back().after_apostrophe) {
    std::string_view last = word.substr(pieces.back().begin, pieces.back().end - pieces.back().begin);
    if (last == "s" || last == "S") pieces.pop_back();
  }
  for (const Cut& cut : pieces) {
    if (cut.end <= cut.begin) continue;
    std::string part = normalizer.NormalizeWord(word.substr(cut.begin, cut.end - cut.begin));
    if (!part.empty()) parts.push_back(std::move(part));
  }
  if (parts.size() == 1 && parts[0] == term) parts.clear();
}

bool Analyzer::Impl::BuildToken(std::string_view text, const Compound& compound,
                                Token& token) const {
  token.parts.clear();
  token.begin = compound.begin;
  token.end = compound.end;
  const auto piece_text = [&](const Piece& p) { return text.substr(p.begin, p.end - p.begin); };
  switch (compound.kind) {
    case JoinKind::kNone: {
      std::string_view word = piece_text(compound.pieces[0]);
      token.term = normalizer.NormalizeWord(word);
      if (token.term.empty()) return false;
      SplitWord(word, token.term, token.parts);
      // C++, g++, notepad++, C#, F#: the symbols are part of the name.
      std::string_view after = text.substr(compound.end);
      size_t symbol = after.substr(0, 2) == "++" ? 2
                      : (after.substr(0, 1) == "#" && token.term.size() == 1) ? 1
                                                                              : 0;
      if (symbol > 0 && (after.size() == symbol || !std::isalnum(static_cast<unsigned char>(
                                                       after[symbol])))) {
        token.term.append(after.substr(0, symbol));
        token.end += symbol;
        token.parts.clear();
      }
      break;
    }
    case JoinKind::kZwsp: {
      std::string word;
      for (const Piece& p : compound.pieces) word.append(piece_text(p));
      token.term = normalizer.NormalizeWord(word);
      if (token.term.empty()) return false;
      SplitWord(word, token.term, token.parts);
      break;
    }
    case JoinKind::kHyphen:
    case JoinKind::kColon: {
      for (const Piece& p : compound.pieces) {
        std::string part = normalizer.NormalizeWord(piece_text(p));
        if (!part.empty()) token.parts.push_back(std::move(part));
      }
      if (token.parts.empty()) return false;
      if (compound.kind == JoinKind::kHyphen) {
        token.term.clear();
        for (const std::string& part : token.parts) token.term += part;
      } else {
        token.term = normalizer.NormalizeWord(text.substr(compound.begin, compound.end - compound.begin));
      }
      if (token.parts.size() == 1) token.parts.clear();
      break;
    }
  }
  token.ngram = IsNgramTerm(token.term);
  return true;
}

bool StartsWithLetter(std::string_view term) {
  if (term.empty()) return false;
  const auto first = static_cast<unsigned char>(term[0]);
  if (first < 0x80) return (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(term.data(), i, static_cast<int32_t>(term.size()), c);
  return c >= 0 && u_isalpha(c);
}

std::vector<std::string_view> TermCharacters(std::string_view term) {
  std::vector<std::string_view> chars;
  size_t start = 0;
  ForEachCodePoint(term, [&](UChar32 c, size_t begin, size_t end) {
    int8_t type = u_charType(c);
    bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
                type == U_ENCLOSING_MARK;
    if (begin > 0 && !mark) {
      chars.push_back(term.substr(start, begin - start));
      start = begin;
    }
    if (end == term.size()) chars.push_back(term.substr(start));
  });
  return chars;
}

StatusOr<std::string> CanonicalLanguage(std::string_view name) {
  if (name == "none" || name.empty()) return std::string("none");
  try {
    Xapian::Stem stem{std::string(name)};
    // The description reads "Xapian::Stem(english)" whatever alias was used.
    std::string description = stem.get_description();
    size_t open = description.find('(');
    size_t close = description.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close <= open + 1) {
      return std::string(name);
    }
    return description.substr(open + 1, close - open - 1);
  } catch (const Xapian::InvalidArgumentError&) {
    return InvalidArgumentError("unknown language '" + std::string(name) +
                                "'; choose one of: none " +
                                Xapian::Stem::get_available_languages());
  }
}

namespace {

// `language` is canonical (CanonicalLanguage) or "none".
Xapian::Stem NewStemmer(const std::string& language) {
  return language == "none" ? Xapian::Stem() : Xapian::Stem(language);
}

}  // namespace

StatusOr<Analyzer> Analyzer::Create(const AnalysisConfig& config) {
  QUARRY_ASSIGN_OR_RETURN(std::string language, CanonicalLanguage(config.language));
  AnalysisConfig canonical = config;
  canonical.language = language;
  return Analyzer(std::make_unique<Impl>(canonical, NewStemmer(language)));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Analyzer Analyzer::Clone() const {
  // A fresh stemmer, not a copy: copies of a Xapian::Stem share one
  // stateful Snowball stemmer through a non-atomic reference count, which
  // breaks when two threads stem at once.
  return Analyzer(std::make_unique<Impl>(impl_->config, NewStemmer(impl_->config.language)));
}

const AnalysisConfig& Analyzer::config() const { return impl_->config; }

void Analyzer::Tokenize(std::string_view text, const std::function<void(const Token&)>& sink,
                        uint32_t first_position) {
  Token token;
  uint32_t position = first_position;
  Compound& pending = impl_->pending;
  bool has_pending = false;
  const auto emit = [&] {
    if (!impl_->BuildToken(text, pending, token)) return;
    token.position = position;
    sink(token);
    position += token.span();
  };
  impl_->words.ForEachWord(text, [&](size_t begin, size_t end) {
    Piece word{begin, end};
    if (has_pending && TryJoin(text, pending, word)) return;
    if (has_pending) emit();
    pending.begin = word.begin;
    pending.end = word.end;
    pending.kind = JoinKind::kNone;
    pending.pieces.clear();
    pending.pieces.push_back(word);
    has_pending = true;
  });
  if (has_pending) emit();
}

std::vector<Token> Analyzer::Tokenize(std::string_view text, uint32_t first_position) {
  std::vector<Token> tokens;
  Tokenize(text, [&](const Token& t) { tokens.push_back(t); }, first_position);
  return tokens;
}

std::string Analyzer::Stem(const std::string& term) const {
  if (impl_->config.language == "none" || !IsStemmable(term)) return term;
  return impl_->stemmer(term);
}

bool Analyzer::IsStopWord(std::string_view term) const {
  const WordSet& words = impl_->StopWords();
  return !words.empty() && words.count(std::string(term)) > 0;
}

bool Analyzer::IsQueryStopWord(std::string_view term) const {
  return impl_->IsQueryStopWord(term);
}

}  // namespace quarry

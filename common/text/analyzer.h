// File: common/text/analyzer.h
// The one analyzer of both flows: UTF-8 text in, tokens out. Each token has
// its normalized term, its position and the byte range of the original text
// it came from (for highlighting). Stemming is a separate step so that the
// index can keep both the exact and the stemmed form.
//
//   QUARRY_ASSIGN_OR_RETURN(Analyzer analyzer, Analyzer::Create(config));
//   analyzer.Tokenize(text, [&](const Token& t) { ... });
#ifndef QUARRY_COMMON_TEXT_ANALYZER_H_
#define QUARRY_COMMON_TEXT_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/text/analysis_config.h"

namespace quarry {

struct Token {
  std::string term;      // normalized, unstemmed
  uint32_t position = 0; // 1-based word position within the analyzed text
  size_t begin = 0;      // byte offset of the word in the original text
  size_t end = 0;        // one past its last byte
  // The pieces a compound word is also found by, normalized: identifiers
  // ("copy_from_user" -> copy, from, user; "getElementById" -> get, element,
  // by, id), hyphenated words ("e-mail" -> e, mail; the term is "email"),
  // dotted names ("node.js"), possessives ("Meta's" -> meta) and elisions
  // ("l'homme" -> l, homme), IPv6 addresses. Piece i is at position
  // `position + i`; the next token comes after the last piece. Empty for
  // a simple word.
  std::vector<std::string> parts;
  // Written in a script without spaces between words (Han, kana, Hangul,
  // Thai, Lao, Khmer, Myanmar): dictionary segmentation may miss, so the
  // index adds character n-grams (term_builder.h).
  bool ngram = false;

  // How many positions the token takes: one per part, at least one.
  uint32_t span() const { return parts.empty() ? 1 : static_cast<uint32_t>(parts.size()); }
};

class Analyzer {
 public:
  // InvalidArgument when config.language names no stemmer Xapian ships.
  static StatusOr<Analyzer> Create(const AnalysisConfig& config);

  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // A new analyzer with the same settings. An Analyzer is not thread-safe
  // (word segmentation keeps state); give each thread its own clone.
  Analyzer Clone() const;

  // Calls `sink` for each word of `text` in order. Positions start at
  // `first_position`. Invalid UTF-8 is read as U+FFFD and never crashes.
  void Tokenize(std::string_view text, const std::function<void(const Token&)>& sink,
                uint32_t first_position = 1);
  std::vector<Token> Tokenize(std::string_view text, uint32_t first_position = 1);

  // The stemmed form of a normalized term; the term itself when stemming is
  // off or the term is not a plain word (numbers, words with digits,
  // identifiers with '_', '.', ':', '+' or '#').
  std::string Stem(const std::string& term) const;

  // True when `term` (normalized) is on the stop-word list of the
  // configured language (common/text/stop_words.h).
  bool IsStopWord(std::string_view term) const;

  // True when `term` (normalized) is one of the words natural-language
  // queries leave out (QueryStopWordList: the stop words and more function
  // words of the configured language).
  bool IsQueryStopWord(std::string_view term) const;

  const AnalysisConfig& config() const;

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The characters of a normalized n-gram term (Token::ngram), each with its
// combining marks (a Thai consonant with its vowel and tone marks).
std::vector<std::string_view> TermCharacters(std::string_view term);

// Whether a term starts with a letter (Unicode general category L*): "ext4"
// and "été" do, "64", "2.6.32" and "_start" do not. False for "" and for
// bytes that are not UTF-8.
bool StartsWithLetter(std::string_view term);

// Names accepted by --language: Xapian's stemmer names plus ISO 639-1 codes
// ("en", "fr") and "none". Returns the canonical stemmer name.
StatusOr<std::string> CanonicalLanguage(std::string_view name);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_ANALYZER_H_

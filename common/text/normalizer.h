// File: common/text/normalizer.h
// Unicode normalization of single words for the shared analyzer (both the
// index and the query flow): NFKC with full case folding, apostrophe
// unification and optional diacritic folding. ICU stays inside the .cc file.
#ifndef QUARRY_COMMON_TEXT_NORMALIZER_H_
#define QUARRY_COMMON_TEXT_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>

namespace quarry {

struct NormalizerOptions {
  // Strip combining marks from Latin, Greek and Cyrillic letters, so that
  // "café" and "cafe" give the same term. Marks in other scripts (Thai
  // vowels, Devanagari signs, kana voicing marks) carry meaning and are kept.
  bool fold_diacritics = true;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options);
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  // Returns the normalized form of one word (UTF-8 in, UTF-8 out); empty when
  // the word consists only of ignorable characters. Invalid UTF-8 sequences
  // become U+FFFD. Thread-safe: holds no mutable state.
  std::string NormalizeWord(std::string_view word) const;

  const NormalizerOptions& options() const { return options_; }

 private:
  struct Impl;
  NormalizerOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_NORMALIZER_H_

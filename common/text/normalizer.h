// File: common/text/normalizer.h
// Unicode normalization of single words for the shared analyzer (both the
// index and the query flow): NFKC with full case folding, apostrophe
// unification and optional diacritic folding. ICU stays inside the .cc file.
#ifndef QUARRY_COMMON_TEXT_NORMALIZER_H_
#define QUARRY_COMMON_TEXT_NORMALIZER_H_

#include <string>
#include <string_view>

namespace quarry {

struct NormalizerOptions {
  // Fold accents and similar marks a user may or may not type, so that
  // "café" and "cafe" give the same term: combining marks on Latin and
  // Greek letters, Arabic and Hebrew vowel points, the diaeresis of
  // Cyrillic ё, and the undecomposable æ œ ø ł đ ħ and Turkish dotless ı.
  // Marks that make a different letter or carry meaning (Cyrillic й, Thai
  // vowels, Devanagari signs, kana voicing marks) are kept.
  bool fold_diacritics = true;
};

class Normalizer {
 public:
  // Cheap: ICU's normalization data is loaded on the first word that is
  // not plain ASCII (std::runtime_error then if ICU's data is missing).
  explicit Normalizer(NormalizerOptions options);

  // Returns the normalized form of one word (UTF-8 in, UTF-8 out); empty when
  // the word consists only of ignorable characters. Invalid UTF-8 sequences
  // become U+FFFD. Thread-safe: holds no mutable state.
  std::string NormalizeWord(std::string_view word) const;

  const NormalizerOptions& options() const { return options_; }

 private:
  NormalizerOptions options_;
};

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_NORMALIZER_H_

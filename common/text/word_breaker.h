// File: common/text/word_breaker.h
// The analyzer's word segmentation: where the words of a UTF-8 text are,
// as ICU's word break rules (root locale, with its dictionaries for
// Chinese, Japanese, Thai, Lao, Khmer and Burmese) place them. ICU stays
// inside the .cc file.
//
// Speed: creating ICU's break iterator costs a process about 60-150 us, more
// than a whole search of a short query. Text that no word break rule can
// treat specially (only ASCII letters and digits, whitespace, and the ASCII
// punctuation that always stands alone) is segmented by a byte scan
// instead, which gives exactly ICU's words (tests/unit/common/
// word_breaker_test.cc compares the two on fixed and random texts); the
// break iterator is created on the first text that needs it.
#ifndef QUARRY_COMMON_TEXT_WORD_BREAKER_H_
#define QUARRY_COMMON_TEXT_WORD_BREAKER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace quarry {

class WordBreaker {
 public:
  // `ascii_fast_path` false sends every text through ICU (for tests that
  // compare the two).
  explicit WordBreaker(bool ascii_fast_path = true);
  ~WordBreaker();
  WordBreaker(WordBreaker&&) noexcept;
  WordBreaker& operator=(WordBreaker&&) noexcept;

  // Calls `word(begin, end)` with the byte range of each word of `text`, in
  // order: the segments ICU's rules give a word status (letters, numbers,
  // kana, ideographs), never spaces or punctuation. Invalid UTF-8 never
  // crashes. Not thread-safe (ICU's iterator keeps state); throws
  // std::runtime_error when ICU's break rules are missing (a broken
  // install).
  void ForEachWord(std::string_view text, const std::function<void(size_t, size_t)>& word);

  // True when `text` is segmented without ICU.
  static bool IsSimpleAscii(std::string_view text);

 private:
  struct Icu;
  bool ascii_fast_path_;
  std::unique_ptr<Icu> icu_;  // created on first need
};

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_WORD_BREAKER_H_

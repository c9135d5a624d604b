#include "common/text/word_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <array>
#include <stdexcept>
#include <string>

namespace quarry {

namespace {

enum class AsciiClass : unsigned char {
  kOther,      // anything a rule may treat specially: ICU decides
  kWord,       // a letter or digit: runs of them are one word
  kSeparator,  // never part of a word, never joins two
};

// Unicode's word break rules (UAX #29, as ICU 72 applies them) join ASCII
// letters and digits into one word (WB5, WB8-WB10) and break on both sides
// of every character whose Word_Break property is Other (WB999) or which
// is whitespace (WB3-WB3d). Left to ICU: '_' (ExtendNumLet), '.' and '\''
// (MidNumLet, Single_Quote), ':' (MidLetter), ',' and ';' (MidNum), '"'
// (Double_Quote), '@' (ICU's rules keep "user@example" whole), control
// characters, and everything beyond ASCII.
constexpr std::array<AsciiClass, 128> MakeClasses() {
  std::array<AsciiClass, 128> classes{};
  for (char c = '0'; c <= '9'; ++c) classes[c] = AsciiClass::kWord;
  for (char c = 'a'; c <= 'z'; ++c) classes[c] = AsciiClass::kWord;
  for (char c = 'A'; c <= 'Z'; ++c) classes[c] = AsciiClass::kWord;
  for (char c : std::string_view(" \t\n\v\f\r!#$%&()*+-/<=>?[\\]^`{|}~")) {
    classes[static_cast<unsigned char>(c)] = AsciiClass::kSeparator;
  }
  return classes;
}

constexpr std::array<AsciiClass, 128> kClasses = MakeClasses();

AsciiClass ClassOf(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte < 128 ? kClasses[byte] : AsciiClass::kOther;
}

}  // namespace

struct WordBreaker::Icu {
  std::unique_ptr<icu::BreakIterator> breaker;

  Icu() {
    UErrorCode err = U_ZERO_ERROR;
    // The root locale's word rules plus ICU's dictionaries segment Chinese,
    // Japanese, Thai, Lao, Khmer and Burmese without spaces.
    breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err) || !breaker) {
      throw std::runtime_error(std::string("ICU word break rules unavailable: ") +
                               u_errorName(err));
    }
  }

  void ForEachWord(std::string_view text, const std::function<void(size_t, size_t)>& word) {
    UErrorCode err = U_ZERO_ERROR;
    // A UText over the UTF-8 bytes makes the break iterator report byte
    // offsets, which are exactly the ranges highlighting needs.
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
    if (U_FAILURE(err)) return;
    breaker->setText(utext, err);
    if (U_SUCCESS(err)) {
      int32_t start = breaker->first();
      for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
           start = end, end = breaker->next()) {
        if (breaker->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
        word(static_cast<size_t>(start), static_cast<size_t>(end));
      }
    }
    // Detach the iterator from the UText before closing it.
    breaker->setText(icu::UnicodeString());
    utext_close(utext);
  }
};

WordBreaker::WordBreaker(bool ascii_fast_path) : ascii_fast_path_(ascii_fast_path) {}
WordBreaker::~WordBreaker() = default;
WordBreaker::WordBreaker(WordBreaker&&) noexcept = default;
WordBreaker& WordBreaker::operator=(WordBreaker&&) noexcept = default;

bool WordBreaker::IsSimpleAscii(std::string_view text) {
  for (char c : text) {
    if (ClassOf(c) == AsciiClass::kOther) return false;
  }
  return true;
}

void WordBreaker::ForEachWord(std::string_view text,
                              const std::function<void(size_t, size_t)>& word) {
  if (ascii_fast_path_ && IsSimpleAscii(text)) {
    size_t i = 0;
    while (i < text.size()) {
      if (ClassOf(text[i]) != AsciiClass::kWord) {
        ++i;
        continue;
      }
      size_t begin = i;
      while (i < text.size() && ClassOf(text[i]) == AsciiClass::kWord) ++i;
      word(begin, i);
    }
    return;
  }
  if (!icu_) icu_ = std::make_unique<Icu>();
  icu_->ForEachWord(text, word);
}

}  // namespace quarry

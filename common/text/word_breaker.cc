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
  kOther,         // anything a rule may treat specially: ICU decides
  kLetter,        // A-Z, a-z (Word_Break ALetter), and '@' (see below)
  kDigit,         // 0-9 (Numeric)
  kConnector,     // '_' (ExtendNumLet)
  kMidNumLet,     // '.' and '\'' (MidNumLet, Single_Quote): inside words and numbers
  kMidNum,        // ',' and ';' (MidNum): inside numbers only
  kSeparator,     // whitespace and punctuation no rule joins to anything
};

// Unicode's word break rules (UAX #29) as ICU 72's root rules apply them to
// ASCII: letters and digits join (WB5, WB8-WB10), '_' joins to letters,
// digits and itself (WB13a/b), '.' and '\'' join two letters or two
// digits, ',' and ';' two digits (WB6/7, WB11/12); every other character
// stands alone (WB999; '"' joins only Hebrew letters, ':' is not MidLetter
// in ICU's root rules) and whitespace never joins a word (WB3-WB3d). ICU 72
// reads '@' as a letter ("user@example.org" is one word, "@" alone is a
// word). Left to ICU: control characters and everything beyond ASCII.
// tests/unit/common/word_breaker_test.cc holds this table to ICU.
constexpr std::array<AsciiClass, 128> MakeClasses() {
  std::array<AsciiClass, 128> classes{};
  for (char c = '0'; c <= '9'; ++c) classes[c] = AsciiClass::kDigit;
  for (char c = 'a'; c <= 'z'; ++c) classes[c] = AsciiClass::kLetter;
  for (char c = 'A'; c <= 'Z'; ++c) classes[c] = AsciiClass::kLetter;
  for (char c : std::string_view(" \t\n\v\f\r!\"#$%&()*+-/:<=>?[\\]^`{|}~")) {
    classes[static_cast<unsigned char>(c)] = AsciiClass::kSeparator;
  }
  classes['@'] = AsciiClass::kLetter;
  classes['_'] = AsciiClass::kConnector;
  classes['.'] = AsciiClass::kMidNumLet;
  classes['\''] = AsciiClass::kMidNumLet;
  classes[','] = AsciiClass::kMidNum;
  classes[';'] = AsciiClass::kMidNum;
  return classes;
}

constexpr std::array<AsciiClass, 128> kClasses = MakeClasses();

AsciiClass ClassOf(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte < 128 ? kClasses[byte] : AsciiClass::kOther;
}

bool Joins(AsciiClass c) {
  return c == AsciiClass::kLetter || c == AsciiClass::kDigit || c == AsciiClass::kConnector;
}

// The end of the segment starting at `begin` (a letter, digit or '_') in
// text where every character has a class other than kOther, and whether
// ICU gives it a word status: all but a lone '_'.
size_t SegmentEnd(std::string_view text, size_t begin, bool& is_word) {
  AsciiClass last = ClassOf(text[begin]);
  size_t i = begin + 1;
  while (i < text.size()) {
    AsciiClass c = ClassOf(text[i]);
    if (Joins(c)) {
      last = c;
      ++i;
      continue;
    }
    // A middle character joins only between two letters (WB6/7) or two
    // digits (WB11/12).
    AsciiClass next = i + 1 < text.size() ? ClassOf(text[i + 1]) : AsciiClass::kOther;
    bool between_letters = last == AsciiClass::kLetter && next == AsciiClass::kLetter &&
                           c == AsciiClass::kMidNumLet;
    bool between_digits = last == AsciiClass::kDigit && next == AsciiClass::kDigit &&
                          (c == AsciiClass::kMidNumLet || c == AsciiClass::kMidNum);
    if (!between_letters && !between_digits) break;
    last = next;
    i += 2;
  }
  is_word = i - begin > 1 || ClassOf(text[begin]) != AsciiClass::kConnector;
  return i;
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
      if (!Joins(ClassOf(text[i]))) {
        ++i;  // a character that stands alone, never a word
        continue;
      }
      bool is_word = false;
      size_t end = SegmentEnd(text, i, is_word);
      if (is_word) word(i, end);
      i = end;
    }
    return;
  }
  if (!icu_) icu_ = std::make_unique<Icu>();
  icu_->ForEachWord(text, word);
}

}  // namespace quarry

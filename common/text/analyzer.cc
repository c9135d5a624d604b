#include "common/text/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <stdexcept>

#include "common/text/normalizer.h"

namespace quarry {

namespace {

bool HasDigit(std::string_view term) {
  for (char c : term) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

std::unique_ptr<icu::BreakIterator> NewWordBreaker() {
  UErrorCode err = U_ZERO_ERROR;
  // The root locale's word rules plus ICU's dictionaries segment Chinese,
  // Japanese, Thai, Lao, Khmer and Burmese without spaces.
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err) || !breaker) {
    throw std::runtime_error(std::string("ICU word break rules unavailable: ") +
                             u_errorName(err));
  }
  return breaker;
}

}  // namespace

struct Analyzer::Impl {
  AnalysisConfig config;
  Normalizer normalizer;
  Xapian::Stem stemmer;
  std::unique_ptr<icu::BreakIterator> breaker;

  Impl(AnalysisConfig c, Xapian::Stem s)
      : config(std::move(c)),
        normalizer(NormalizerOptions{config.fold_diacritics}),
        stemmer(std::move(s)),
        breaker(NewWordBreaker()) {}
};

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

StatusOr<Analyzer> Analyzer::Create(const AnalysisConfig& config) {
  QUARRY_ASSIGN_OR_RETURN(std::string language, CanonicalLanguage(config.language));
  AnalysisConfig canonical = config;
  canonical.language = language;
  Xapian::Stem stem = language == "none" ? Xapian::Stem() : Xapian::Stem(language);
  return Analyzer(std::make_unique<Impl>(canonical, stem));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Analyzer Analyzer::Clone() const {
  return Analyzer(std::make_unique<Impl>(impl_->config, impl_->stemmer));
}

const AnalysisConfig& Analyzer::config() const { return impl_->config; }

void Analyzer::Tokenize(std::string_view text, const std::function<void(const Token&)>& sink,
                        uint32_t first_position) {
  UErrorCode err = U_ZERO_ERROR;
  // A UText over the UTF-8 bytes makes the break iterator report byte
  // offsets, which are exactly the ranges highlighting needs.
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
  if (U_FAILURE(err)) return;
  icu::BreakIterator& breaker = *impl_->breaker;
  breaker.setText(utext, err);
  if (U_FAILURE(err)) {
    utext_close(utext);
    return;
  }
  Token token;
  token.position = first_position;
  int32_t start = breaker.first();
  for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    std::string_view word = text.substr(static_cast<size_t>(start),
                                        static_cast<size_t>(end - start));
    token.term = impl_->normalizer.NormalizeWord(word);
    if (token.term.empty()) continue;
    token.begin = static_cast<size_t>(start);
    token.end = static_cast<size_t>(end);
    sink(token);
    ++token.position;
  }
  // Detach the iterator from the UText before closing it.
  breaker.setText(icu::UnicodeString());
  utext_close(utext);
}

std::vector<Token> Analyzer::Tokenize(std::string_view text, uint32_t first_position) {
  std::vector<Token> tokens;
  Tokenize(text, [&](const Token& t) { tokens.push_back(t); }, first_position);
  return tokens;
}

std::string Analyzer::Stem(const std::string& term) const {
  if (impl_->config.language == "none" || HasDigit(term)) return term;
  return impl_->stemmer(term);
}

}  // namespace quarry

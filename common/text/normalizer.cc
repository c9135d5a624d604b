#include "common/text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace quarry {

namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Whether diacritic folding drops combining mark `mark` on letter `base`:
// the marks a user may or may not type. Latin and Greek accents go; Arabic
// and Hebrew vowel points go (they are optional in ordinary writing). In
// Cyrillic only the diaeresis of ё goes (ё is often written е), while the
// breve of й marks a different letter and stays. Marks of other scripts
// (Thai vowels, Indic signs, kana voicing) carry meaning and stay.
bool IsFoldableMark(UChar32 base, UChar32 mark) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(base, &err);
  if (U_FAILURE(err)) return false;
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
      return true;
    case USCRIPT_CYRILLIC:
      return mark == 0x0308 && (base == 0x0435 || base == 0x0456);  // ё, ї
    default:
      return false;
  }
}

// Letters that carry an accent-like stroke or are ligatures, but have no
// Unicode decomposition; folded with the diacritics so that "oeuvre" finds
// "œuvre" and "Lodz" finds "Łódź". Returns nullptr when `c` is not one.
const char16_t* FoldedLetter(UChar32 c) {
  switch (c) {
    case 0x00E6: return u"ae";  // æ
    case 0x0153: return u"oe";  // œ
    case 0x00F8: return u"o";   // ø
    case 0x0142: return u"l";   // ł
    case 0x0111: return u"d";   // đ
    case 0x0127: return u"h";   // ħ
    case 0x0131: return u"i";   // dotless ı (Turkish): see NormalizeWord
    default: return nullptr;
  }
}

// Arabic tatweel (kashida) only stretches a word for justification.
constexpr UChar32 kTatweel = 0x0640;

bool IsApostrophe(UChar32 c) {
  // Right and left single quotation marks, modifier letter apostrophe,
  // prime: the forms keyboards and word processors produce for "'".
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032 || c == 0x00B4;
}

// ICU's normalizers, loaded on the first word that is not plain ASCII:
// loading them costs a process about 60 us, and English text, queries and
// the stop-word lists never need them (see NormalizeWord). ICU's instances
// are process-wide singletons; a function-local static makes the first
// load thread-safe.
struct IcuNormalizers {
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

const IcuNormalizers& Icu() {
  static const IcuNormalizers normalizers = [] {
    IcuNormalizers n;
    UErrorCode err = U_ZERO_ERROR;
    n.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_SUCCESS(err)) n.nfd = icu::Normalizer2::getNFDInstance(err);
    if (U_SUCCESS(err)) n.nfc = icu::Normalizer2::getNFCInstance(err);
    if (U_FAILURE(err)) {
      // Only possible when ICU's data library is missing: a broken install.
      throw std::runtime_error(std::string("ICU normalizer data unavailable: ") +
                               u_errorName(err));
    }
    return n;
  }();
  return normalizers;
}

}  // namespace

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {}

std::string Normalizer::NormalizeWord(std::string_view word) const {
  if (IsAscii(word)) {
    // NFKC_Casefold of ASCII is plain lower-casing; this path carries most
    // English text, so it skips ICU entirely.
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }

  const IcuNormalizers& icu = Icu();
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString folded = icu.nfkc_cf->normalize(text, err);
  if (U_FAILURE(err)) return std::string(word);

  // Decompose so that accents become separate marks we can inspect.
  icu::UnicodeString decomposed = icu.nfd->normalize(folded, err);
  if (U_FAILURE(err)) return std::string(word);

  icu::UnicodeString kept;
  UChar32 base = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (IsApostrophe(c)) c = '\'';
    if (c == kTatweel) continue;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK) {
      // Turkish capital dotted I folds to "i" + U+0307; the dot is never
      // something a user types, so it goes whatever the folding setting.
      if (c == 0x0307 && base == 'i') continue;
      if (options_.fold_diacritics && IsFoldableMark(base, c)) continue;
    } else {
      base = c;
      if (options_.fold_diacritics) {
        if (const char16_t* folded = FoldedLetter(c)) {
          kept.append(icu::UnicodeString(folded));
          continue;
        }
      }
    }
    kept.append(c);
  }
  icu::UnicodeString composed = icu.nfc->normalize(kept, err);
  if (U_FAILURE(err)) return std::string(word);

  std::string out;
  composed.toUTF8String(out);
  return out;
}

}  // namespace quarry

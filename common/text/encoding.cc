#include "common/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>

#include "common/text/utf8.h"

namespace quarry {

namespace {

// Read as windows-1252 when nothing else fits: every byte decodes to
// something, and it is the most common legacy encoding of Western text.
constexpr std::string_view kFallbackEncoding = "windows-1252";

// ICU's detector gives confidences from 0 to 100; below this the guess is
// noise (typically a short, mostly ASCII text).
constexpr int32_t kMinDetectorConfidence = 10;

// How many bytes the detector sees. It is statistical: a few kilobytes are
// plenty, and a window around the first non-UTF-8 byte carries the evidence.
constexpr size_t kDetectorWindow = 64 * 1024;

struct Bom {
  std::string_view bytes;
  std::string_view encoding;
};

// UTF-32LE must be checked before UTF-16LE: its mark starts with the latter's.
constexpr Bom kBoms[] = {
    {"\xEF\xBB\xBF", "UTF-8"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
};

const Bom* FindBom(std::string_view bytes) {
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.bytes.size()) == bom.bytes) return &bom;
  }
  return nullptr;
}

// UTF-16 without a byte-order mark: mostly-ASCII text has a NUL in every
// other byte. Returns the encoding name, or empty.
std::string_view DetectBomlessUtf16(std::string_view bytes) {
  std::string_view sample = bytes.substr(0, 4096);
  // Too little to tell, or an odd number of bytes: not UTF-16.
  if (sample.size() < 16 || bytes.size() % 2 != 0) return {};
  size_t pairs = sample.size() / 2;
  size_t even_nuls = 0, odd_nuls = 0;
  for (size_t i = 0; i + 1 < sample.size(); i += 2) {
    even_nuls += sample[i] == '\0';
    odd_nuls += sample[i + 1] == '\0';
  }
  // Text in other scripts has fewer NULs; a third of the pairs is enough
  // evidence, while the other half must be nearly NUL-free (binary files
  // have NULs everywhere).
  if (odd_nuls * 3 >= pairs && even_nuls * 20 <= pairs) return "UTF-16LE";
  if (even_nuls * 3 >= pairs && odd_nuls * 20 <= pairs) return "UTF-16BE";
  return {};
}

struct Utf8Damage {
  size_t valid_multibyte = 0;  // well-formed sequences of 2-4 bytes
  size_t invalid = 0;          // broken sequences
  size_t first_invalid = 0;    // byte offset of the first broken one
};

Utf8Damage MeasureUtf8(std::string_view bytes) {
  Utf8Damage damage;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t valid = ValidUtf8Prefix(bytes.substr(i));
    for (size_t k = i; k < i + valid; ++k) {
      damage.valid_multibyte += static_cast<unsigned char>(bytes[k]) >= 0xC0;
    }
    i += valid;
    if (i >= bytes.size()) break;
    if (damage.invalid++ == 0) damage.first_invalid = i;
    ++i;
    while (i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) ++i;
  }
  return damage;
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

// toUnicode callback: every undecodable sequence becomes U+FFFD, and is
// counted. (ICU's stock substitute callback writes U+001A for some
// single-byte encodings, which would reach the index as a control code.)
void SubstituteAndCount(const void* context, UConverterToUnicodeArgs* args,
                        const char* /*code_units*/, int32_t /*length*/,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  ++*static_cast<size_t*>(const_cast<void*>(context));
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

std::string StandardName(const char* name) {
  UErrorCode err = U_ZERO_ERROR;
  for (const char* standard : {"MIME", "IANA"}) {
    const char* found = ucnv_getStandardName(name, standard, &err);
    if (U_SUCCESS(err) && found != nullptr) return found;
    err = U_ZERO_ERROR;
  }
  return name;
}

StatusOr<ConverterPtr> OpenConverter(std::string_view charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string name(charset);
  ConverterPtr converter(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err) || !converter) {
    return NotFoundError("unknown character encoding '" + name + "'");
  }
  return converter;
}

// Converts with an open converter, streaming through a UTF-16 pivot so that
// inputs of any size work (ICU's string APIs take 32-bit lengths).
DecodedText Convert(UConverter* source, std::string_view bytes, std::string encoding) {
  DecodedText out;
  out.encoding = std::move(encoding);
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(source, SubstituteAndCount, &out.replaced, nullptr, nullptr, &err);
  ConverterPtr utf8(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err)) {
    // Only possible when ICU's data library is missing.
    out.text = SanitizeUtf8(bytes);
    return out;
  }
  out.text.reserve(bytes.size() + bytes.size() / 2);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* in = bytes.data();
  const char* in_end = bytes.data() + bytes.size();
  char buffer[16384];
  bool reset = true;
  while (true) {
    char* target = buffer;
    err = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), source, &target, buffer + sizeof buffer, &in, in_end, pivot,
                   &pivot_source, &pivot_target, pivot + 4096, reset, /*flush=*/true, &err);
    reset = false;
    out.text.append(buffer, static_cast<size_t>(target - buffer));
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (U_FAILURE(err)) {
    // A conversion error the callback did not absorb: keep what decoded and
    // mark the rest as lost rather than dropping the file.
    out.text.append("\xEF\xBF\xBD");
    ++out.replaced;
  }
  // Decoders pass a byte-order mark through as U+FEFF; it is not text.
  if (out.text.substr(0, 3) == "\xEF\xBB\xBF") out.text.erase(0, 3);
  return out;
}

DecodedText DecodeAs(std::string_view bytes, std::string_view charset) {
  StatusOr<DecodedText> decoded = ConvertToUtf8(bytes, charset);
  if (decoded.ok()) return std::move(decoded).value();
  // Only reached for names ICU ships but cannot open: fall back safely.
  StatusOr<DecodedText> fallback = ConvertToUtf8(bytes, kFallbackEncoding);
  if (fallback.ok()) return std::move(fallback).value();
  return DecodedText{SanitizeUtf8(bytes), "UTF-8", 0};
}

// The detector's best guess for `bytes`, or empty when it has none worth
// trusting.
std::string DetectWithIcu(std::string_view bytes, size_t first_invalid) {
  size_t begin = first_invalid > kDetectorWindow / 2 ? first_invalid - kDetectorWindow / 2 : 0;
  std::string_view window = bytes.substr(begin, kDetectorWindow);
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&err));
  if (U_FAILURE(err)) return {};
  ucsdet_setText(detector.get(), window.data(), static_cast<int32_t>(window.size()), &err);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return {};
  int32_t confidence = ucsdet_getConfidence(match, &err);
  const char* name = ucsdet_getName(match, &err);
  if (U_FAILURE(err) || name == nullptr || confidence < kMinDetectorConfidence) return {};
  return name;
}

// ISO-8859-1 as browsers read it (see DecodeText).
std::string_view Widen(std::string_view encoding) {
  if (encoding == "ISO-8859-1" || encoding == "US-ASCII") return kFallbackEncoding;
  return encoding;
}

}  // namespace

StatusOr<std::string> CanonicalCharsetName(std::string_view charset) {
  QUARRY_ASSIGN_OR_RETURN(ConverterPtr converter, OpenConverter(charset));
  return StandardName(std::string(charset).c_str());
}

StatusOr<DecodedText> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  StatusOr<ConverterPtr> converter = OpenConverter(charset);
  if (!converter.ok()) return InvalidArgumentError(converter.status().message());
  return Convert(converter->get(), bytes, StandardName(std::string(charset).c_str()));
}

bool LooksLikeWideText(std::string_view bytes) {
  const Bom* bom = FindBom(bytes);
  if (bom != nullptr) return bom->encoding != "UTF-8";
  return !DetectBomlessUtf16(bytes).empty();
}

DecodedText DecodeText(std::string_view bytes, const DecodeOptions& options) {
  if (const Bom* bom = FindBom(bytes)) {
    if (bom->encoding == "UTF-8") {
      bytes.remove_prefix(bom->bytes.size());
    } else {
      return DecodeAs(bytes, bom->encoding);
    }
  }
  // UTF-16 of ASCII text is valid UTF-8 full of NULs, so it comes first;
  // the check looks at a few kilobytes only.
  if (std::string_view utf16 = DetectBomlessUtf16(bytes); !utf16.empty()) {
    return DecodeAs(bytes, utf16);
  }
  // By far the common case: one pass.
  if (IsValidUtf8(bytes)) return DecodedText{std::string(bytes), "UTF-8", 0};

  if (!options.declared_charset.empty()) {
    StatusOr<std::string> declared = CanonicalCharsetName(options.declared_charset);
    if (declared.ok()) return DecodeAs(bytes, Widen(*declared));
  }
  Utf8Damage damage = MeasureUtf8(bytes);
  // Mostly well-formed UTF-8 with a few broken sequences (a truncated
  // download, a stray Latin-1 byte): keep it UTF-8 and mark the damage.
  // (Legacy double-byte text forms valid UTF-8 pairs by chance too, but far
  // fewer than broken ones.)
  if (damage.valid_multibyte > 0 && damage.invalid * 2 <= damage.valid_multibyte) {
    return DecodedText{SanitizeUtf8(bytes), "UTF-8", damage.invalid};
  }
  std::string detected = DetectWithIcu(bytes, damage.first_invalid);
  if (detected == "UTF-8" && damage.valid_multibyte > 0) {
    // Heavily damaged UTF-8, by ICU's judgement.
    return DecodedText{SanitizeUtf8(bytes), "UTF-8", damage.invalid};
  }
  if (detected.empty() || detected == "UTF-8") {
    // Nothing fits: windows-1252 at least keeps every byte.
    return DecodeAs(bytes, kFallbackEncoding);
  }
  return DecodeAs(bytes, Widen(detected));
}

}  // namespace quarry

// File: common/text/encoding.h
// Character encodings, for the extract stage of the index flow: finds which
// encoding a file's bytes are in (byte-order mark, UTF-8 validity, a charset
// the format declares, then ICU's statistical detector) and converts them to
// UTF-8. Extractors call DecodeText; ICU stays inside encoding.cc.
//
//   DecodedText decoded = DecodeText(bytes);
//   doc.body = std::move(decoded.text);
//   doc.encoding = decoded.encoding;   // "Shift_JIS", "UTF-16LE", ...
#ifndef QUARRY_COMMON_TEXT_ENCODING_H_
#define QUARRY_COMMON_TEXT_ENCODING_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry {

struct DecodedText {
  std::string text;      // valid UTF-8, without a byte-order mark
  std::string encoding;  // canonical name of the source encoding, e.g. "windows-1252"
  // Number of byte sequences that were invalid in that encoding and were
  // replaced by U+FFFD.
  size_t replaced = 0;
};

struct DecodeOptions {
  // A charset the format itself declares (an HTML <meta charset>, an XML
  // declaration, a MIME header); empty when none. It wins over detection
  // unless a byte-order mark says otherwise or ICU does not know the name.
  std::string_view declared_charset;
};

// Decodes `bytes` to UTF-8. Never fails: undecodable sequences become U+FFFD
// and, when nothing fits, the bytes are read as windows-1252 (every byte
// means something there), so no file is dropped for its encoding.
// Order of evidence: byte-order mark (UTF-8/16/32), then valid UTF-8 (plain
// ASCII counts as UTF-8), then the declared charset, then UTF-16 without a
// mark (recognised by its NUL bytes), then UTF-8 with a few damaged
// sequences, then ICU's charset detector. ISO-8859-1 is read as
// windows-1252, as browsers do: the two differ only in 0x80-0x9F, which
// are unused control codes in the former.
DecodedText DecodeText(std::string_view bytes, const DecodeOptions& options = {});

// Converts `bytes` from the encoding `charset` (any name or alias ICU knows,
// e.g. "latin1", "Shift_JIS", "cp1251") to UTF-8, replacing invalid
// sequences with U+FFFD. InvalidArgument when ICU knows no such encoding.
StatusOr<DecodedText> ConvertToUtf8(std::string_view bytes, std::string_view charset);

// The canonical name of `charset` (e.g. "latin1" -> "ISO-8859-1"), or
// NotFound when ICU knows no such encoding.
StatusOr<std::string> CanonicalCharsetName(std::string_view charset);

// True when `bytes` look like UTF-16 or UTF-32 text: a byte-order mark, or
// (UTF-16 without a mark) NUL bytes in every other position. Such text holds
// NUL bytes but is not binary.
bool LooksLikeWideText(std::string_view bytes);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_ENCODING_H_

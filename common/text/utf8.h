// File: common/text/utf8.h
// UTF-8 validation and repair, used when deciding whether bytes are text and
// before anything reaches the analyzer or the index.
#ifndef QUARRY_COMMON_TEXT_UTF8_H_
#define QUARRY_COMMON_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

// Length of the valid UTF-8 prefix of `s` (== s.size() when all valid).
// Rejects overlong forms, surrogates and code points above U+10FFFF.
size_t ValidUtf8Prefix(std::string_view s);

inline bool IsValidUtf8(std::string_view s) { return ValidUtf8Prefix(s) == s.size(); }

// True when `sample`, the first bytes of something longer, is valid UTF-8
// but perhaps for a character its end cuts (a lead byte, then fewer
// continuation bytes than the character has).
bool IsValidUtf8Sample(std::string_view sample);

// A copy of `s` with each invalid sequence replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` that ends on a character
// boundary.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

// The code points of `s`, each invalid byte read as U+FFFD. When `ends` is
// given, (*ends)[i] is the byte offset just past code point i.
std::u32string DecodeUtf8(std::string_view s, std::vector<size_t>* ends = nullptr);

// The bytes of the character that starts at s[i]: its first byte and the
// continuation bytes after it (at most three), so that a parser taking
// "one character" never splits one. REQUIRES: i < s.size().
size_t CharacterLength(std::string_view s, size_t i);

// Appends the UTF-8 of code point `cp` to `out`; U+FFFD for a surrogate or
// a value above U+10FFFF.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_UTF8_H_

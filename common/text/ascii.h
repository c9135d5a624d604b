// File: common/text/ascii.h
// ASCII-only case rules for names that formats define in ASCII (file
// extensions, ZIP member names, HTML and XML keywords): unlike the
// analyzer's Unicode case folding, these never touch other bytes.
#ifndef QUARRY_COMMON_TEXT_ASCII_H_
#define QUARRY_COMMON_TEXT_ASCII_H_

#include <string>
#include <string_view>

namespace quarry {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `s` with A-Z made a-z.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline bool EndsWithIgnoringAsciiCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoringAsciiCase(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace quarry

#endif  // QUARRY_COMMON_TEXT_ASCII_H_
